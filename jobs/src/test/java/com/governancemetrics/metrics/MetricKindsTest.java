package com.governancemetrics.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.governancemetrics.config.GovernanceConfig;
import com.governancemetrics.rollup.MetricTables;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every metric kind of the shipped catalogue on a fixture small enough to check by hand; each
 * expected value is worked out in the comments from the fixture rows. One computation for 2024-06
 * (with its P-1 and P-12) serves every test of the class.
 */
class MetricKindsTest {

  @TempDir static Path dir;
  static Map<String, Row> township;
  static Map<String, Row> county;
  static Map<String, Row> city;
  static Map<String, Row> province;

  @BeforeAll
  static void compute() {
    Fixtures f = Fixtures.standard(dir)
        // grid_coverage 2024-06: households total/covered, neighbour leaders/party, grids/with org
        .grid("330101001", "2024-06", 100, 99, 10, 5, 4, 4)
        .grid("330101002", "2024-06", 900, 720, 60, 30, 10, 9)
        .grid("330102101", "2024-06", 10, 10, 2, 1, 1, 1)
        .grid("330201201", "2024-06", 0, 0, 0, 0, 0, 0)
        .grid("340101001", "2024-06", 50, 45, 5, 5, 2, 2)
        .grid("330101001", "2024-05", 100, 90, 10, 5, 4, 4)
        // service_appeals: villages/live, appeals received/resolved, disputes mediated/settled
        .service("330101001", "2023-12", 5, 5, 100, 100, 10, 10)
        .service("330101001", "2024-01", 5, 4, 10, 9, 2, 2)
        .service("330101001", "2024-06", 5, 5, 10, 8, 2, 1)
        // collective_income 2023 (2024 not delivered by anyone: 2023 is the year used)
        .income("330101001", "001", 2023, "100000.00")
        .income("330101001", "002", 2023, "17901.22")
        .income("330101002", "001", 2023, "17901.23")
        .income("330101002", "002", 2023, "0")
        .income("330102101", "001", 2023, "5")
        .income("330102101", "002", 2023, "7")
        .income("330102101", "003", 2023, "1000000")
        .income("330201201", "001", 2023, "99999.99")
        // province 34 delivered only 2022: for 2023 it gets null, not its own older year
        .income("340101001", "001", 2022, "200000")
        // rectification cases, judged as of D = 2024-06-30
        .caseRow("c1", "330101001", "weak_party_org", "2024-02-01", "2024-05-31", "2024-06-30")
        .caseRow("c2", "330101001", "weak_party_org", "2023-11-01", "2024-03-31", "2024-03-31")
        .caseRow("c3", "330101002", "inspection_finding", "2024-01-10", "2024-06-30", null)
        .caseRow("c4", "330101002", "inspection_finding", "2024-01-10", "2024-06-29", null)
        .caseRow("c5", "330102101", "inspection_finding", "2024-03-01", "2024-04-30", "2024-07-05")
        .caseRow("c6", "330101002", "weak_party_org", "2024-06-30", "2024-09-30", null)
        .caseRow("c7", "330102101", "weak_party_org", "2024-07-01", "2024-09-30", null);
    MetricTables t = f.compute(GovernanceConfig.defaults(), "2024-06");
    township = Fixtures.byKey(t.township(), "township_code");
    county = Fixtures.byKey(t.county(), "county_code");
    city = Fixtures.byKey(t.city(), "city_code");
    province = Fixtures.byKey(t.province(), "province_code");
  }

  static Row row(Map<String, Row> table, String unit, String metric) {
    Row r = table.get("2024-06|" + unit + "|" + metric);
    assertThat(r).as(unit + " " + metric).isNotNull();
    return r;
  }

  static Double d(Row r, String column) {
    return r.getAs(column);
  }

  @Test
  void ratioIsSumOverSumNotTheMeanOfTownshipRates() {
    // 330101: townships 99/100 = 0.99 and 720/900 = 0.80; mean of rates 0.895, true rate 819/1000.
    Row c = row(county, "330101", "household_coverage");
    assertThat(d(c, "numerator")).isEqualTo(819.0);
    assertThat(d(c, "denominator")).isEqualTo(1000.0);
    assertThat(d(c, "value")).isEqualTo(819.0 / 1000.0).isNotCloseTo(0.895, within(0.01));
    assertThat(d(row(township, "330101001", "household_coverage"), "value")).isEqualTo(0.99);
    assertThat(d(row(township, "330101002", "household_coverage"), "value")).isEqualTo(0.8);
    // city 3301 = 330101 + 330102 = 829/1010; province 33 adds 330201's 0/0.
    assertThat(d(row(city, "3301", "household_coverage"), "value")).isEqualTo(829.0 / 1010.0);
    Row p = row(province, "33", "household_coverage");
    assertThat(d(p, "numerator")).isEqualTo(829.0);
    assertThat(d(p, "denominator")).isEqualTo(1010.0);
  }

  @Test
  void zeroDenominatorKeepsTheSumsAndHasNoValue() {
    Row c = row(county, "330201", "household_coverage");
    assertThat(d(c, "numerator")).isEqualTo(0.0);
    assertThat(d(c, "denominator")).isEqualTo(0.0);
    assertThat(d(c, "value")).isNull();
    assertThat((Object) c.getAs("meets_target")).isNull();
    assertThat((Object) c.getAs("rank_in_province")).isNull();
    assertThat(d(row(city, "3302", "grid_party_org_coverage"), "value")).isNull();
  }

  @Test
  void unitWithoutRowsInTheWindowHasNullsAndCompletenessZero() {
    // 330201 delivered grid_coverage but no service_appeals.
    Row c = row(county, "330201", "platform_coverage");
    assertThat(d(c, "numerator")).isNull();
    assertThat(d(c, "denominator")).isNull();
    assertThat(d(c, "value")).isNull();
    assertThat(d(c, "completeness")).isEqualTo(0.0);
    assertThat((Boolean) c.getAs("low_completeness")).isTrue();
    assertThat(d(row(county, "330201", "household_coverage"), "completeness")).isEqualTo(1.0);
  }

  @Test
  void ytdSumsJanuaryToPAndCompletenessCountsPeriodP() {
    // 330101001: 2024-01 9/10 and 2024-06 8/10 (2023-12 is another year): 17/20.
    Row t = row(township, "330101001", "appeal_resolution_rate");
    assertThat(d(t, "numerator")).isEqualTo(17.0);
    assertThat(d(t, "denominator")).isEqualTo(20.0);
    assertThat((String) t.getAs("data_period")).isEqualTo("2024-01..2024-06");
    // disputes 3/4; P-1 (2024-05) ytd is January only: 2/2.
    Row disputes = row(township, "330101001", "dispute_settlement_rate");
    assertThat(d(disputes, "value")).isEqualTo(0.75);
    assertThat(d(disputes, "prev_value")).isEqualTo(1.0);
    // 330101 has 2 registry townships, one with a row in 2024-06.
    assertThat(d(row(county, "330101", "appeal_resolution_rate"), "completeness")).isEqualTo(0.5);
    // stock reads P only: platform 5/5 in 2024-06 (not the 4/5 of January).
    assertThat(d(row(township, "330101001", "platform_coverage"), "numerator")).isEqualTo(5.0);
  }

  @Test
  void shareCountsThresholdsExactlyInDecimal() {
    // 330101: 100000.00 (counts: ≥ is inclusive), 17901.22, 17901.23, 0 → 1 of 4.
    Row c = row(county, "330101", "income_ge_100k_share");
    assertThat(d(c, "numerator")).isEqualTo(1.0);
    assertThat(d(c, "denominator")).isEqualTo(4.0);
    assertThat(d(c, "value")).isEqualTo(0.25);
    // 330201: 99999.99 is below 100000 → 0 of 1.
    assertThat(d(row(county, "330201", "income_ge_100k_share"), "value")).isEqualTo(0.0);
    // 330102: 1000000 ≥ 500000 → 1 of 3.
    assertThat(d(row(county, "330102", "income_ge_500k_share"), "numerator")).isEqualTo(1.0);
    assertThat(d(row(county, "330102", "income_ge_500k_share"), "denominator")).isEqualTo(3.0);
    assertThat((String) c.getAs("data_period")).isEqualTo("2023");
  }

  @Test
  void countsAreSumsWithZeroWhenNothingQualifies() {
    // hollow ≤ 0: one village (330101002-002); weak 0 < x < 50000: 17901.22, 17901.23 | 5, 7.
    Row hollow = row(county, "330101", "hollow_villages");
    assertThat(d(hollow, "numerator")).isEqualTo(1.0);
    assertThat(d(hollow, "denominator")).isNull();
    assertThat(d(hollow, "value")).isEqualTo(1.0);
    assertThat((Boolean) hollow.getAs("meets_target")).isFalse();
    assertThat(d(row(county, "330102", "hollow_villages"), "value")).isEqualTo(0.0);
    assertThat((Boolean) row(county, "330102", "hollow_villages").getAs("meets_target")).isTrue();
    assertThat(d(row(county, "330101", "weak_villages"), "value")).isEqualTo(2.0);
    assertThat(d(row(county, "330102", "weak_villages"), "value")).isEqualTo(2.0);
    assertThat(d(row(county, "330201", "weak_villages"), "value")).isEqualTo(0.0);
    assertThat(d(row(province, "33", "weak_villages"), "value")).isEqualTo(4.0);
  }

  @Test
  void mediansAreExactFromTheVillagesAtEveryLevel() {
    // even: 0, 17901.22, 17901.23, 100000 → (17901.22 + 17901.23) / 2 = 17901.225, not rounded.
    Row c = row(county, "330101", "median_operating_income");
    assertThat(d(c, "value")).isEqualTo(17901.225);
    assertThat(d(c, "numerator")).isNull();
    assertThat(d(c, "denominator")).isNull();
    // odd: 5, 7, 1000000 → 7.
    assertThat(d(row(county, "330102", "median_operating_income"), "value")).isEqualTo(7.0);
    // township 330101002: 0 and 17901.23 → 8950.615.
    assertThat(d(row(township, "330101002", "median_operating_income"), "value")).isEqualTo(8950.615);
    // province 33, 8 villages: 0, 5, 7, 17901.22, 17901.23, 99999.99, 100000, 1000000 → 17901.225,
    // which is not the median of the county medians (17901.225, 7, 99999.99 → 17901.225 by chance;
    // city 3301 has 7 villages: 0, 5, 7, 17901.22, 17901.23, 100000, 1000000 → 17901.22).
    assertThat(d(row(province, "33", "median_operating_income"), "value")).isEqualTo(17901.225);
    assertThat(d(row(city, "3301", "median_operating_income"), "value")).isEqualTo(17901.22);
  }

  @Test
  void annualUsesOneYearForEveryoneAndNullForUnitsWithoutIt() {
    // 2023 is the latest year ≤ 2024 with any row; province 34 delivered only 2022.
    Row p = row(province, "34", "income_ge_100k_share");
    assertThat(d(p, "value")).isNull();
    assertThat(d(p, "numerator")).isNull();
    assertThat((String) p.getAs("data_period")).isEqualTo("2023");
    assertThat(d(p, "completeness")).isEqualTo(0.0);
    // an all-null group: 34's only county has no value, so nobody is ranked there (0 ranked).
    Row allNull = row(county, "340101", "median_operating_income");
    assertThat(d(allNull, "value")).isNull();
    assertThat((Object) allNull.getAs("rank_in_province")).isNull();
    assertThat((Integer) allNull.getAs("ranked_in_province")).isEqualTo(0);
    assertThat(d(allNull, "province_value")).isNull();
    // 33: townships with a village row in 2023: all 4 of 4.
    assertThat(d(row(province, "33", "income_ge_100k_share"), "completeness")).isEqualTo(1.0);
  }

  @Test
  void caseCountsAsOfD() {
    // weak_party_org identified in 2024-01-01 … 2024-06-30: c1, c6 (identified on D); c2 was 2023.
    assertThat(d(row(county, "330101", "weak_orgs_identified_ytd"), "value")).isEqualTo(2.0);
    // rectified in 2024-01-01 … D: c1 (on D) and c2 (identified last year, rectified this year).
    assertThat(d(row(county, "330101", "weak_orgs_rectified_ytd"), "value")).isEqualTo(2.0);
    // overdue: c4 (deadline 06-29, open); c3's deadline is D itself: not overdue; c1 rectified on D.
    assertThat(d(row(county, "330101", "overdue_open_cases"), "value")).isEqualTo(1.0);
    // c5: deadline 04-30, rectified 07-05 (after D): overdue as of D.
    assertThat(d(row(county, "330102", "overdue_open_cases"), "value")).isEqualTo(1.0);
    // c7 is identified after D.
    assertThat(d(row(county, "330102", "weak_orgs_identified_ytd"), "value")).isEqualTo(0.0);
    // P-1 (D = 2024-05-31): c5 overdue, c4 not yet; yoy (2023-06-30): nothing.
    Row overdue = row(county, "330101", "overdue_open_cases");
    assertThat(d(overdue, "prev_value")).isEqualTo(0.0);
    assertThat(d(row(county, "330102", "overdue_open_cases"), "prev_value")).isEqualTo(1.0);
    assertThat((String) overdue.getAs("data_period")).isEqualTo("as of 2024-06-30");
    assertThat(d(overdue, "completeness")).isNull();
    assertThat((Object) overdue.getAs("low_completeness")).isNull();
  }

  @Test
  void caseRatiosAsOfD() {
    // of the weak orgs identified this year (c1, c6), rectified by D: c1 → 1/2.
    Row rate = row(county, "330101", "weak_org_rectification_rate");
    assertThat(d(rate, "numerator")).isEqualTo(1.0);
    assertThat(d(rate, "denominator")).isEqualTo(2.0);
    assertThat(d(rate, "value")).isEqualTo(0.5);
    // rectified this year: c1 (after its deadline), c2 (on its deadline: on time) → 1/2.
    Row onTime = row(county, "330101", "on_time_rectification_rate");
    assertThat(d(onTime, "numerator")).isEqualTo(1.0);
    assertThat(d(onTime, "denominator")).isEqualTo(2.0);
    assertThat((Boolean) onTime.getAs("meets_target")).isFalse();
  }

  @Test
  void unitsInScopeWithoutCasesCountZeroAndHaveNullRatios() {
    for (Map<String, Row> table : java.util.List.of(county, province)) {
      String unit = table == county ? "330201" : "34";
      Row count = row(table, unit, "overdue_open_cases");
      assertThat(d(count, "numerator")).isEqualTo(0.0);
      assertThat(d(count, "denominator")).isNull();
      assertThat(d(count, "value")).isEqualTo(0.0);
      Row ratio = row(table, unit, "on_time_rectification_rate");
      assertThat(d(ratio, "numerator")).isEqualTo(0.0);
      assertThat(d(ratio, "denominator")).isEqualTo(0.0);
      assertThat(d(ratio, "value")).isNull();
    }
  }

  @Test
  void bandTargetsHoldInclusiveAndBandMetricsAreNotRanked() {
    // 330102: 10 households / 2 leaders = 5.0, exactly the band's minimum.
    Row band = row(county, "330102", "households_per_neighbour_leader");
    assertThat(d(band, "value")).isEqualTo(5.0);
    assertThat(d(band, "target")).isEqualTo(5.0);
    assertThat(d(band, "target_max")).isEqualTo(15.0);
    assertThat((Boolean) band.getAs("meets_target")).isTrue();
    assertThat((Object) band.getAs("rank_in_province")).isNull();
    assertThat((Object) band.getAs("ranked_in_province")).isNull();
    assertThat((Object) band.getAs("rank_in_city")).isNull();
    // none metrics: no rank, no target.
    Row none = row(county, "330101", "weak_orgs_identified_ytd");
    assertThat((Object) none.getAs("rank_in_province")).isNull();
    assertThat(d(none, "target")).isNull();
    assertThat((Object) none.getAs("meets_target")).isNull();
  }

  @Test
  void provincesWithoutDataGetNoRowsAndEveryUnitOfTheOthersDoes() {
    assertThat(province.keySet()).noneMatch(k -> k.contains("|35|"));
    assertThat(township.keySet()).noneMatch(k -> k.contains("|350101001|"));
    int metrics = GovernanceConfig.defaults().catalogue().metrics().size();
    assertThat(township).hasSize(5 * metrics);
    assertThat(county).hasSize(4 * metrics);
    assertThat(city).hasSize(3 * metrics);
    assertThat(province).hasSize(2 * metrics);
  }
}
