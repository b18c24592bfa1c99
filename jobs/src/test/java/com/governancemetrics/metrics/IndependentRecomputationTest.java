package com.governancemetrics.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.governancemetrics.config.ConfigLoader;
import com.governancemetrics.config.GovernanceConfig;
import com.governancemetrics.input.InputDataset;
import com.governancemetrics.periods.Period;
import com.governancemetrics.rollup.MetricTables;
import com.governancemetrics.testing.SharedSpark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The county table recomputed without the engine: plain Spark SQL over the accepted rows, one query
 * per metric written from SPEC §2, then ranks, targets, prev/yoy and completeness, compared on every
 * row and column. The input is a {@code Map<InputDataset, Dataset<Row>>} of accepted rows and a
 * registry, so the same check can be pointed at any input (e.g. the real sample). Also checks the
 * roll-up: counties' numerators and denominators sum to their city's and their province's.
 */
class IndependentRecomputationTest {

  static final Period P = Period.parse("2024-06");
  static final double EPS = 1e-9;
  static final java.util.Set<String> COUNTS = java.util.Set.of("hollow_villages", "weak_villages",
      "weak_orgs_identified_ytd", "weak_orgs_rectified_ytd", "overdue_open_cases");

  @TempDir static Path dir;
  static SparkSession spark;
  static GovernanceConfig config;
  static MetricTables tables;
  static Map<InputDataset, Dataset<Row>> accepted;
  static Dataset<Row> registry;

  @BeforeAll
  static void compute() throws Exception {
    spark = SharedSpark.get();
    Fixtures f = RandomFixture.build(dir, 20240630L);
    accepted = f.accepted();
    registry = f.registry();
    // a per-province override, so that targets differ between the provinces
    String yaml = Files.readString(SharedSpark.projectRoot().resolve("conf/governance.yaml"))
        .replace("provinces: {}", "provinces:\n  \"42\":\n    targets:\n      household_coverage: 0.85\n"
            + "      households_per_neighbour_leader: {min: 3, max: 9}\n");
    config = ConfigLoader.parse("recompute.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    tables = Fixtures.compute(spark, accepted, registry, List.of(P), config,
        Fixtures.incomeYears(accepted, List.of(P)));
  }

  @Test
  void theCountyTableAgreesWithAnIndependentRecomputationEverywhere() {
    int compared = verifyCountyTable(spark, accepted, registry, config, P, tables.county());
    assertThat(Fixtures.byKey(tables.county(), "county_code"))
        .hasSizeGreaterThan(5 * config.catalogue().metrics().size());
    assertThat(compared).isGreaterThan(1000);
  }

  /**
   * Recomputes the county table of period p from the accepted rows with plain SQL and asserts that
   * {@code countyTable} agrees on every row and column; returns the number of values compared.
   * Usable on any input: the accepted rows of each fact dataset and the registry.
   */
  static int verifyCountyTable(SparkSession spark, Map<InputDataset, Dataset<Row>> accepted,
      Dataset<Row> registry, GovernanceConfig config, Period p, Dataset<Row> countyTable) {
    Recomputation expected = new Recomputation(spark, accepted, registry, config);
    Map<String, Map<String, Object>> want = expected.countyTable(p);
    Map<String, Row> got = Fixtures.byKey(countyTable, "county_code");
    assertThat(got.keySet()).containsExactlyInAnyOrderElementsOf(want.keySet());
    int compared = 0;
    for (Map.Entry<String, Map<String, Object>> e : want.entrySet()) {
      Row row = got.get(e.getKey());
      for (Map.Entry<String, Object> column : e.getValue().entrySet()) {
        Object actual = row.getAs(column.getKey());
        Object wanted = column.getValue();
        String what = e.getKey() + " " + column.getKey();
        if (wanted instanceof Double w && actual != null) {
          assertThat((Double) actual).as(what).isCloseTo(w, within(EPS * Math.max(1, Math.abs(w))));
        } else {
          assertThat(actual).as(what).isEqualTo(wanted);
        }
        compared++;
      }
    }
    return compared;
  }

  @Test
  void countiesSumToTheirCityAndProvinceForEveryAdditiveMetric() {
    assertRollsUp(tables.township(), tables.county(), tables.city(), tables.province());
  }

  /** Townships sum to counties, counties to cities and provinces, for every additive metric. */
  static void assertRollsUp(Dataset<Row> townshipTable, Dataset<Row> countyTable,
      Dataset<Row> cityTable, Dataset<Row> provinceTable) {
    Map<String, Row> county = Fixtures.byKey(countyTable, "county_code");
    Map<String, Row> city = Fixtures.byKey(cityTable, "city_code");
    Map<String, Row> province = Fixtures.byKey(provinceTable, "province_code");
    Map<String, double[]> cityTotals = new HashMap<>();
    Map<String, double[]> provinceTotals = new HashMap<>();
    for (Row r : county.values()) {
      String metric = r.getAs("metric_id");
      if (metric.equals("median_operating_income")) {
        continue;
      }
      add(cityTotals, r.getAs("city_code") + "|" + metric, r);
      add(provinceTotals, r.getAs("province_code") + "|" + metric, r);
    }
    int checked = 0;
    for (Map.Entry<String, double[]> e : cityTotals.entrySet()) {
      checked += same(city.get(P + "|" + e.getKey()), e.getValue(), "city " + e.getKey());
    }
    for (Map.Entry<String, double[]> e : provinceTotals.entrySet()) {
      checked += same(province.get(P + "|" + e.getKey()), e.getValue(), "province " + e.getKey());
    }
    assertThat(checked).isGreaterThan(50);
    // and the townships sum to their county
    Map<String, double[]> countyTotals = new HashMap<>();
    for (Row r : Fixtures.byKey(townshipTable, "township_code").values()) {
      if (!r.getAs("metric_id").equals("median_operating_income")) {
        add(countyTotals, r.getAs("county_code") + "|" + r.getAs("metric_id"), r);
      }
    }
    for (Map.Entry<String, double[]> e : countyTotals.entrySet()) {
      same(county.get(P + "|" + e.getKey()), e.getValue(), "county " + e.getKey());
    }
  }

  /** [Σnumerator, Σdenominator, #numerators present, #denominators present]. */
  private static void add(Map<String, double[]> totals, String key, Row r) {
    double[] t = totals.computeIfAbsent(key, k -> new double[4]);
    Double num = r.getAs("numerator");
    Double den = r.getAs("denominator");
    if (num != null) {
      t[0] += num;
      t[2]++;
    }
    if (den != null) {
      t[1] += den;
      t[3]++;
    }
  }

  private static int same(Row parent, double[] sums, String what) {
    assertThat(parent).as(what).isNotNull();
    Double num = parent.getAs("numerator");
    Double den = parent.getAs("denominator");
    if (sums[2] == 0) {
      assertThat(num).as(what + " numerator (no child has one)").isNull();
    } else {
      assertThat(num).as(what + " numerator").isEqualTo(sums[0]);
    }
    if (sums[3] == 0) {
      assertThat(den).as(what + " denominator").isNull();
    } else {
      assertThat(den).as(what + " denominator").isEqualTo(sums[1]);
    }
    return 1;
  }

  /** The recomputation: SQL written from SPEC §2 only, nothing shared with the engine. */
  static final class Recomputation {
    private final SparkSession spark;
    private final GovernanceConfig config;

    Recomputation(SparkSession spark, Map<InputDataset, Dataset<Row>> accepted,
        Dataset<Row> registry, GovernanceConfig config) {
      this.spark = spark;
      this.config = config;
      accepted.get(InputDataset.GRID_COVERAGE).createOrReplaceTempView("rc_grid");
      accepted.get(InputDataset.SERVICE_APPEALS).createOrReplaceTempView("rc_service");
      accepted.get(InputDataset.COLLECTIVE_INCOME).createOrReplaceTempView("rc_income");
      accepted.get(InputDataset.RECTIFICATION_CASES).createOrReplaceTempView("rc_cases");
      registry.createOrReplaceTempView("rc_registry");
    }

    /** One SQL per metric for period q, grouped by the first {@code len} digits of township_code:
     * unit, numerator, denominator, value, completeness numerator (townships present). */
    Map<String, String> queries(Period q, int len) {
      String u = "substr(township_code, 1, " + len + ")";
      String period = "'" + q + "'";
      String ytd = "period BETWEEN '" + q.year() + "-01' AND " + period;
      String start = "DATE'" + q.yearStart() + "'";
      String d = "DATE'" + q.lastDay() + "'";
      String year = "(SELECT MAX(year) FROM rc_income WHERE year <= " + q.year() + ")";
      Map<String, String> sql = new LinkedHashMap<>();
      sql.put("household_coverage", ratio(u, "rc_grid", "households_covered", "households_total",
          "period = " + period, "period = " + period));
      sql.put("grid_party_org_coverage", ratio(u, "rc_grid", "grids_with_party_org", "grids_total",
          "period = " + period, "period = " + period));
      sql.put("party_member_leader_share", ratio(u, "rc_grid", "neighbour_leaders_party",
          "neighbour_leaders", "period = " + period, "period = " + period));
      sql.put("households_per_neighbour_leader", ratio(u, "rc_grid", "households_covered",
          "neighbour_leaders", "period = " + period, "period = " + period));
      sql.put("platform_coverage", ratio(u, "rc_service", "villages_platform_live", "villages_total",
          "period = " + period, "period = " + period));
      sql.put("appeal_resolution_rate", ratio(u, "rc_service", "appeals_resolved",
          "appeals_received", ytd, "period = " + period));
      sql.put("dispute_settlement_rate", ratio(u, "rc_service", "disputes_settled",
          "disputes_mediated", ytd, "period = " + period));
      sql.put("income_ge_100k_share", "SELECT " + u + " AS unit,"
          + " CAST(SUM(CASE WHEN operating_income_yuan >= 100000 THEN 1 ELSE 0 END) AS DOUBLE) AS num,"
          + " CAST(COUNT(*) AS DOUBLE) AS den, COUNT(DISTINCT township_code) AS present"
          + " FROM rc_income WHERE year = " + year + " GROUP BY 1");
      sql.put("income_ge_500k_share", "SELECT " + u + " AS unit,"
          + " CAST(SUM(CASE WHEN operating_income_yuan >= 500000 THEN 1 ELSE 0 END) AS DOUBLE) AS num,"
          + " CAST(COUNT(*) AS DOUBLE) AS den, COUNT(DISTINCT township_code) AS present"
          + " FROM rc_income WHERE year = " + year + " GROUP BY 1");
      sql.put("hollow_villages", "SELECT " + u + " AS unit,"
          + " CAST(SUM(CASE WHEN operating_income_yuan <= 0 THEN 1 ELSE 0 END) AS DOUBLE) AS num,"
          + " CAST(NULL AS DOUBLE) AS den, COUNT(DISTINCT township_code) AS present"
          + " FROM rc_income WHERE year = " + year + " GROUP BY 1");
      sql.put("weak_villages", "SELECT " + u + " AS unit, CAST(SUM(CASE WHEN operating_income_yuan > 0"
          + " AND operating_income_yuan < 50000 THEN 1 ELSE 0 END) AS DOUBLE) AS num,"
          + " CAST(NULL AS DOUBLE) AS den, COUNT(DISTINCT township_code) AS present"
          + " FROM rc_income WHERE year = " + year + " GROUP BY 1");
      sql.put("median_operating_income", "SELECT unit, CAST(NULL AS DOUBLE) AS num,"
          + " CAST(NULL AS DOUBLE) AS den, CAST(AVG(x) AS DOUBLE) AS median,"
          + " MAX(present) AS present FROM (SELECT " + u + " AS unit, operating_income_yuan AS x,"
          + " ROW_NUMBER() OVER (PARTITION BY " + u + " ORDER BY operating_income_yuan) AS rn,"
          + " COUNT(*) OVER (PARTITION BY " + u + ") AS n,"
          + " SIZE(COLLECT_SET(township_code) OVER (PARTITION BY " + u + ")) AS present"
          + " FROM rc_income WHERE year = " + year + ")"
          + " WHERE rn IN (FLOOR((n + 1) / 2), CEIL((n + 1) / 2)) GROUP BY unit");
      String weak = "case_type = 'weak_party_org'";
      String identified = "identified_date BETWEEN " + start + " AND " + d;
      String rectified = "rectified_date BETWEEN " + start + " AND " + d;
      sql.put("weak_orgs_identified_ytd", cases(u, weak + " AND " + identified, null));
      sql.put("weak_orgs_rectified_ytd", cases(u, weak + " AND " + rectified, null));
      sql.put("weak_org_rectification_rate", cases(u, weak + " AND " + identified
          + " AND rectified_date <= " + d, weak + " AND " + identified));
      sql.put("overdue_open_cases", cases(u, "deadline_date < " + d
          + " AND (rectified_date IS NULL OR rectified_date > " + d + ")", null));
      sql.put("on_time_rectification_rate", cases(u, rectified
          + " AND rectified_date <= deadline_date", rectified));
      return sql;
    }

    private static String ratio(String u, String table, String num, String den, String window,
        String completenessWindow) {
      return "SELECT " + u + " AS unit, CAST(SUM(" + num + ") AS DOUBLE) AS num,"
          + " CAST(SUM(" + den + ") AS DOUBLE) AS den,"
          + " COUNT(DISTINCT CASE WHEN " + completenessWindow + " THEN township_code END) AS present"
          + " FROM " + table + " WHERE " + window + " GROUP BY 1";
    }

    private static String cases(String u, String counted, String among) {
      return "SELECT " + u + " AS unit,"
          + " CAST(SUM(CASE WHEN " + counted + " THEN 1 ELSE 0 END) AS DOUBLE) AS num, "
          + (among == null ? "CAST(NULL AS DOUBLE)"
              : "CAST(SUM(CASE WHEN " + among + " THEN 1 ELSE 0 END) AS DOUBLE)")
          + " AS den, CAST(NULL AS BIGINT) AS present FROM rc_cases GROUP BY 1";
    }

    /** metric → unit → {num, den, value, completeness} for one period and unit length. */
    Map<String, Map<String, Object[]>> values(Period q, int len) {
      List<String> provinces = spark.sql("SELECT DISTINCT substr(township_code, 1, 2) FROM ("
          + " SELECT township_code FROM rc_grid UNION ALL SELECT township_code FROM rc_service"
          + " UNION ALL SELECT township_code FROM rc_income"
          + " UNION ALL SELECT township_code FROM rc_cases)").as(
              org.apache.spark.sql.Encoders.STRING()).collectAsList();
      String inScope = "province_code IN ('" + String.join("', '", provinces) + "')";
      String unitCode = len == 6 ? "county_code" : "province_code";
      Map<String, Long> registryTownships = new HashMap<>();
      for (Row r : spark.sql("SELECT " + unitCode + ", COUNT(*) FROM rc_registry WHERE " + inScope
          + " GROUP BY 1").collectAsList()) {
        registryTownships.put(r.getString(0), r.getLong(1));
      }
      Map<String, Map<String, Object[]>> result = new LinkedHashMap<>();
      for (Map.Entry<String, String> q1 : queries(q, len).entrySet()) {
        String metric = q1.getKey();
        boolean isCase = config.catalogue().metric(metric).orElseThrow().dataset()
            == InputDataset.RECTIFICATION_CASES;
        boolean isMedian = metric.equals("median_operating_income");
        Map<String, Row> found = new HashMap<>();
        for (Row r : spark.sql(q1.getValue()).collectAsList()) {
          found.put(r.getString(0), r);
        }
        Map<String, Object[]> units = new HashMap<>();
        for (Map.Entry<String, Long> unit : registryTownships.entrySet()) {
          Row r = found.get(unit.getKey());
          Double num = r == null ? null : (Double) r.getAs("num");
          Double den = r == null ? null : (Double) r.getAs("den");
          if (isCase && r == null) {
            num = 0.0;
            den = COUNTS.contains(metric) ? null : 0.0;
          }
          Double value;
          if (isMedian) {
            value = r == null ? null : (Double) r.getAs("median");
          } else if (COUNTS.contains(metric)) {
            value = num;
          } else {
            value = den == null || den == 0 ? null : num / den;
          }
          Double completeness = isCase ? null
              : (r == null ? 0L : ((Number) r.getAs("present")).longValue())
                  / (double) unit.getValue();
          units.put(unit.getKey(), new Object[] {num, den, value, completeness});
        }
        result.put(metric, units);
      }
      return result;
    }

    /** Expected county rows for period p keyed like Fixtures.byKey, columns by name. */
    Map<String, Map<String, Object>> countyTable(Period p) {
      Map<Period, Map<String, Map<String, Object[]>>> county = new HashMap<>();
      Map<Period, Map<String, Integer>> rankInProvince = new HashMap<>();
      for (Period q : List.of(p, p.minusMonths(1), p.minusMonths(12))) {
        county.put(q, values(q, 6));
        rankInProvince.put(q, new HashMap<>());
      }
      Map<String, Map<String, Object[]>> province = values(p, 2);
      Map<String, String[]> names = new HashMap<>();
      for (Row r : spark.sql("SELECT DISTINCT county_code, city_code, province_code FROM rc_registry")
          .collectAsList()) {
        names.put(r.getString(0), new String[] {r.getString(1), r.getString(2)});
      }
      // ranks: standard competition ranking over the units that have a value
      Map<String, Map<String, Integer>> rankedInProvince = new HashMap<>();
      Map<String, Map<String, Integer>> rankInCity = new HashMap<>();
      for (Period q : county.keySet()) {
        for (MetricDefinition m : config.catalogue().metrics()) {
          Map<String, Object[]> units = county.get(q).get(m.id());
          Map<String, Integer> ranks = new HashMap<>();
          Map<String, Integer> cityRanks = new HashMap<>();
          Map<String, Integer> counts = new HashMap<>();
          for (String c : units.keySet()) {
            Double v = (Double) units.get(c)[2];
            if (!m.direction().ranked() || v == null) {
              continue;
            }
            int better = 0;
            int betterInCity = 0;
            int rankedInGroup = 0;
            for (String o : units.keySet()) {
              Double w = (Double) units.get(o)[2];
              if (w == null || !names.get(o)[1].equals(names.get(c)[1])) {
                continue;
              }
              rankedInGroup++;
              boolean isBetter = m.direction() == Direction.HIGHER ? w > v : w < v;
              if (isBetter) {
                better++;
                if (names.get(o)[0].equals(names.get(c)[0])) {
                  betterInCity++;
                }
              }
            }
            ranks.put(c, better + 1);
            cityRanks.put(c, betterInCity + 1);
            counts.put(names.get(c)[1], rankedInGroup);
          }
          rankInProvince.get(q).putAll(prefix(m.id(), ranks));
          if (q.equals(p)) {
            rankInCity.put(m.id(), cityRanks);
            rankedInProvince.put(m.id(), counts);
          }
        }
      }
      Map<String, Map<String, Object>> rows = new HashMap<>();
      for (MetricDefinition m : config.catalogue().metrics()) {
        for (Map.Entry<String, Object[]> e : county.get(p).get(m.id()).entrySet()) {
          String c = e.getKey();
          String prov = names.get(c)[1];
          Object[] v = e.getValue();
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("province_code", prov);
          row.put("city_code", names.get(c)[0]);
          row.put("data_period", switch (m.window()) {
            case STOCK -> p.toString();
            case YTD -> p.year() + "-01.." + p;
            case ANNUAL -> String.valueOf(spark.sql("SELECT MAX(year) FROM rc_income WHERE year <= "
                + p.year()).first().getInt(0));
            case AS_OF -> "as of " + p.lastDay();
          });
          row.put("numerator", v[0]);
          row.put("denominator", v[1]);
          row.put("value", v[2]);
          Integer rank = rankInProvince.get(p).get(m.id() + "|" + c);
          row.put("rank_in_province", rank);
          row.put("ranked_in_province", m.direction().ranked()
              ? rankedInProvince.get(m.id()).getOrDefault(prov, 0) : null);
          row.put("rank_in_city", rankInCity.get(m.id()).get(c));
          row.put("province_value", province.get(m.id()).get(prov)[2]);
          Target t = config.catalogue().target(m.id(), prov).orElse(null);
          row.put("target", t == null ? null : t.value());
          row.put("target_max", t == null ? null : t.max());
          Double value = (Double) v[2];
          Boolean meets = null;
          if (t != null && value != null) {
            meets = switch (m.direction()) {
              case HIGHER -> value >= t.value();
              case LOWER -> value <= t.value();
              case BAND -> value >= t.value() && value <= t.max();
              case NONE -> null;
            };
          }
          row.put("meets_target", meets);
          Object[] prev = county.get(p.minusMonths(1)).get(m.id()).get(c);
          row.put("prev_value", prev[2]);
          row.put("yoy_value", county.get(p.minusMonths(12)).get(m.id()).get(c)[2]);
          Integer prevRank = rankInProvince.get(p.minusMonths(1)).get(m.id() + "|" + c);
          row.put("prev_rank_in_province", prevRank);
          row.put("rank_change", prevRank == null || rank == null ? null : prevRank - rank);
          Double completeness = (Double) v[3];
          row.put("completeness", completeness);
          row.put("low_completeness", completeness == null ? null
              : completeness < config.settings().completenessMinimum());
          rows.put(p + "|" + c + "|" + m.id(), row);
        }
      }
      return rows;
    }

    private static Map<String, Integer> prefix(String metric, Map<String, Integer> ranks) {
      Map<String, Integer> result = new HashMap<>();
      ranks.forEach((k, v) -> result.put(metric + "|" + k, v));
      return result;
    }
  }
}
