package com.governancemetrics.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import com.governancemetrics.config.ConfigLoader;
import com.governancemetrics.config.GovernanceConfig;
import com.governancemetrics.metrics.Fixtures;
import com.governancemetrics.testing.SharedSpark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ranks, targets and their per-province overrides, prev/yoy, completeness and table shapes. */
class RollupTest {

  @TempDir Path dir;

  /** The shipped governance.yaml with its {@code provinces: {}} replaced by the given text. */
  static GovernanceConfig shippedWith(String marker, String replacement) throws IOException {
    String yaml = Files.readString(SharedSpark.projectRoot().resolve("conf/governance.yaml"));
    assertThat(yaml).contains(marker);
    return ConfigLoader.parse("test.yaml",
        yaml.replace(marker, replacement).getBytes(StandardCharsets.UTF_8));
  }

  static Double d(Row r, String column) {
    return r.getAs(column);
  }

  static Integer i(Row r, String column) {
    return r.getAs(column);
  }

  /** County 330101 with ten townships (nine deliver), 330102 and 330201 with one each. */
  Fixtures tenTownships() {
    Fixtures f = new Fixtures(dir);
    for (int t = 1; t <= 10; t++) {
      f.township(String.format("330101%03d", t), "街道" + t, "330101", "上城区", "3301", "杭州市", "33",
          "浙江省");
    }
    f.township("330102001", "丙街道", "330102", "拱墅区", "3301", "杭州市", "33", "浙江省");
    f.township("330201001", "丁街道", "330201", "海曙区", "3302", "宁波市", "33", "浙江省");
    return f;
  }

  @Test
  void standardCompetitionRanksWithTiesAndRankedInCountsEveryRow() {
    Fixtures f = tenTownships()
        // household_coverage (higher): .9, .8, .8, .7, 0/0, then four at .5; 010 delivers nothing.
        .grid("330101001", "2024-06", 10, 9, 1, 1, 1, 1)
        .grid("330101002", "2024-06", 10, 8, 1, 1, 1, 1)
        .grid("330101003", "2024-06", 10, 8, 1, 1, 1, 1)
        .grid("330101004", "2024-06", 10, 7, 1, 1, 1, 1)
        .grid("330101005", "2024-06", 0, 0, 1, 1, 1, 1)
        .grid("330101006", "2024-06", 10, 5, 1, 1, 1, 1)
        .grid("330101007", "2024-06", 10, 5, 1, 1, 1, 1)
        .grid("330101008", "2024-06", 10, 5, 1, 1, 1, 1)
        .grid("330101009", "2024-06", 10, 5, 1, 1, 1, 1)
        .grid("330102001", "2024-06", 10, 10, 1, 1, 1, 1)
        .grid("330201001", "2024-06", 10, 7, 1, 1, 1, 1)
        // hollow_villages (lower): 001 none of 1, 002 one, 003 one, 004 two; others no rows.
        .income("330101001", "001", 2023, "10")
        .income("330101002", "001", 2023, "0")
        .income("330101003", "001", 2023, "0.00")
        .income("330101004", "001", 2023, "0")
        .income("330101004", "002", 2023, "0");
    MetricTables t = f.compute(GovernanceConfig.defaults(), "2024-06");
    Map<String, Row> town = Fixtures.byKey(t.township(), "township_code");

    int[] expected = {1, 2, 2, 4, 0, 5, 5, 5, 5, 0};
    for (int n = 1; n <= 10; n++) {
      Row r = town.get(String.format("2024-06|330101%03d|household_coverage", n));
      Integer rank = expected[n - 1] == 0 ? null : expected[n - 1];
      assertThat(i(r, "rank_in_county")).as("township %d", n).isEqualTo(rank);
      assertThat(i(r, "ranked_in_county")).as("township %d", n).isEqualTo(8);
    }
    int[] hollow = {1, 2, 2, 4};
    for (int n = 1; n <= 4; n++) {
      Row r = town.get(String.format("2024-06|330101%03d|hollow_villages", n));
      assertThat(i(r, "rank_in_county")).as("hollow township %d", n).isEqualTo(hollow[n - 1]);
      assertThat(i(r, "ranked_in_county")).isEqualTo(4);
    }
    assertThat(i(town.get("2024-06|330101005|hollow_villages"), "rank_in_county")).isNull();

    // counties: 330101 = (9+8+8+7+0+4×5) / (4×10+0+4×10) = 52/80 = 0.65, 330102 = 1.0, 330201 = 0.7; within province 1, 3, 2;
    // within city 3301: 330102 1, 330101 2; 330201 alone in 3302: 1.
    Map<String, Row> county = Fixtures.byKey(t.county(), "county_code");
    Row c1 = county.get("2024-06|330101|household_coverage");
    assertThat(d(c1, "value")).isEqualTo(52.0 / 80.0);
    assertThat(i(c1, "rank_in_province")).isEqualTo(3);
    assertThat(i(c1, "rank_in_city")).isEqualTo(2);
    assertThat(i(c1, "ranked_in_province")).isEqualTo(3);
    Row c2 = county.get("2024-06|330102|household_coverage");
    assertThat(i(c2, "rank_in_province")).isEqualTo(1);
    assertThat(i(c2, "rank_in_city")).isEqualTo(1);
    Row c3 = county.get("2024-06|330201|household_coverage");
    assertThat(i(c3, "rank_in_province")).isEqualTo(2);
    assertThat(i(c3, "rank_in_city")).isEqualTo(1);

    // completeness: nine of ten townships delivered: exactly 0.9 is not low.
    assertThat(d(c1, "completeness")).isEqualTo(0.9);
    assertThat((Boolean) c1.getAs("low_completeness")).isFalse();
    assertThat(d(town.get("2024-06|330101010|household_coverage"), "completeness")).isEqualTo(0.0);
    assertThat(d(town.get("2024-06|330101001|household_coverage"), "completeness")).isEqualTo(1.0);
    // province_value on every level: 33 = (52 + 10 + 7) / (80 + 10 + 10).
    assertThat(d(c1, "province_value")).isEqualTo(69.0 / 100.0);
    assertThat(d(town.get("2024-06|330101001|household_coverage"), "province_value"))
        .isEqualTo(69.0 / 100.0);
    // hollow_villages: rank_in_county 1 among townships; 330101 has 4 hollow villages of 5.
    assertThat(d(county.get("2024-06|330101|hollow_villages"), "value")).isEqualTo(4.0);
  }

  @Test
  void perProvinceTargetsAndThresholdsOverrideTheDefaults() throws IOException {
    GovernanceConfig config = shippedWith("provinces: {}", String.join("\n",
        "provinces:",
        "  34:",
        "    targets:",
        "      household_coverage: 0.85",
        "      households_per_neighbour_leader: {min: 10, max: 12}",
        "    thresholds:",
        "      hollow_income: 49999.99"));
    Fixtures f = Fixtures.standard(dir)
        .grid("330101001", "2024-06", 100, 90, 10, 5, 4, 4)
        .grid("340101001", "2024-06", 100, 90, 10, 5, 4, 4)
        .income("330101001", "001", 2023, "20000")
        .income("340101001", "001", 2023, "20000");
    MetricTables t = f.compute(config, "2024-06");
    Map<String, Row> town = Fixtures.byKey(t.township(), "township_code");
    Map<String, Row> prov = Fixtures.byKey(t.province(), "province_code");
    Map<String, Row> county = Fixtures.byKey(t.county(), "county_code");
    Map<String, Row> city = Fixtures.byKey(t.city(), "city_code");

    // 0.9 coverage: below 33's default 0.95, above 34's 0.85; every level carries its province's.
    for (Row r : List.of(town.get("2024-06|340101001|household_coverage"),
        county.get("2024-06|340101|household_coverage"), city.get("2024-06|3401|household_coverage"),
        prov.get("2024-06|34|household_coverage"))) {
      assertThat(d(r, "target")).isEqualTo(0.85);
      assertThat((Boolean) r.getAs("meets_target")).isTrue();
    }
    Row zj = county.get("2024-06|330101|household_coverage");
    assertThat(d(zj, "target")).isEqualTo(0.95);
    assertThat((Boolean) zj.getAs("meets_target")).isFalse();
    // band override: 90 / 10 = 9: inside 5…15 for 33, outside 10…12 for 34.
    Row band34 = prov.get("2024-06|34|households_per_neighbour_leader");
    assertThat(d(band34, "target")).isEqualTo(10.0);
    assertThat(d(band34, "target_max")).isEqualTo(12.0);
    assertThat((Boolean) band34.getAs("meets_target")).isFalse();
    assertThat((Boolean) prov.get("2024-06|33|households_per_neighbour_leader").getAs("meets_target"))
        .isTrue();
    // thresholds: 20000 is hollow in 34 (≤ 49999.99), weak in 33 (0 < 20000 < 50000).
    assertThat(d(prov.get("2024-06|34|hollow_villages"), "value")).isEqualTo(1.0);
    assertThat(d(prov.get("2024-06|34|weak_villages"), "value")).isEqualTo(0.0);
    assertThat(d(prov.get("2024-06|33|hollow_villages"), "value")).isEqualTo(0.0);
    assertThat(d(prov.get("2024-06|33|weak_villages"), "value")).isEqualTo(1.0);
  }

  @Test
  void aProvinceAddsARatioByConfigurationAlone() throws IOException {
    GovernanceConfig config = shippedWith("\nprovinces: {}", String.join("\n",
        "",
        "  - id: certified_households_per_village",
        "    label: 每村认证户数",
        "    definition: 平台认证户数与村(社区)数之比。",
        "    family: 村级服务",
        "    dataset: service_appeals",
        "    kind: ratio",
        "    numerator: households_certified",
        "    denominator: villages_total",
        "    window: stock",
        "    direction: higher",
        "    target: 30",
        "provinces: {}"));
    assertThat(config.catalogue().metrics())
        .hasSize(GovernanceConfig.defaults().catalogue().metrics().size() + 1);
    // the fixture certifies 100 households per township row: 330101 has 100 + 100 over 5 + 3 villages.
    Fixtures f = Fixtures.standard(dir)
        .service("330101001", "2024-06", 5, 5, 1, 1, 1, 1)
        .service("330101002", "2024-06", 3, 3, 1, 1, 1, 1)
        .service("330102101", "2024-06", 2, 2, 1, 1, 1, 1);
    Map<String, Row> county = Fixtures.byKey(f.compute(config, "2024-06").county(), "county_code");
    Row r = county.get("2024-06|330101|certified_households_per_village");
    assertThat(d(r, "numerator")).isEqualTo(200.0);
    assertThat(d(r, "denominator")).isEqualTo(8.0);
    assertThat(d(r, "value")).isEqualTo(25.0);
    assertThat((Boolean) r.getAs("meets_target")).isFalse();
    assertThat(i(r, "rank_in_province")).isEqualTo(2);
    Row other = county.get("2024-06|330102|certified_households_per_village");
    assertThat(d(other, "value")).isEqualTo(50.0);
    assertThat(i(other, "rank_in_province")).isEqualTo(1);
    assertThat((String) other.getAs("data_period")).isEqualTo("2024-06");
  }

  @Test
  void prevAndYoyAreNullWhenThosePeriodsHaveNoDataAndRankChangeFollows() {
    Fixtures f = Fixtures.standard(dir)
        .grid("330101001", "2024-06", 10, 9, 1, 1, 1, 1)
        .grid("330102101", "2024-06", 10, 8, 1, 1, 1, 1)
        .grid("330201201", "2024-06", 10, 10, 1, 1, 1, 1)
        // P-1: 330102 was first and 330101 second; 330201 did not deliver. P-12: only 330101.
        .grid("330101001", "2024-05", 10, 8, 1, 1, 1, 1)
        .grid("330102101", "2024-05", 10, 9, 1, 1, 1, 1)
        .grid("330101001", "2023-06", 10, 5, 1, 1, 1, 1);
    Map<String, Row> county = Fixtures.byKey(f.compute(GovernanceConfig.defaults(), "2024-06")
        .county(), "county_code");
    Row a = county.get("2024-06|330101|household_coverage");
    assertThat(d(a, "value")).isEqualTo(0.9);
    assertThat(i(a, "rank_in_province")).isEqualTo(2);
    assertThat(d(a, "prev_value")).isEqualTo(0.8);
    assertThat(i(a, "prev_rank_in_province")).isEqualTo(2);
    assertThat(i(a, "rank_change")).isEqualTo(0);
    assertThat(d(a, "yoy_value")).isEqualTo(0.5);
    Row b = county.get("2024-06|330102|household_coverage");
    assertThat(i(b, "rank_in_province")).isEqualTo(3);
    assertThat(i(b, "prev_rank_in_province")).isEqualTo(1);
    assertThat(i(b, "rank_change")).isEqualTo(-2);
    assertThat(d(b, "yoy_value")).isNull();
    Row c = county.get("2024-06|330201|household_coverage");
    assertThat(i(c, "rank_in_province")).isEqualTo(1);
    assertThat(d(c, "prev_value")).isNull();
    assertThat(i(c, "prev_rank_in_province")).isNull();
    assertThat(i(c, "rank_change")).isNull();
    assertThat(d(c, "yoy_value")).isNull();
  }

  @Test
  void januaryComparesWithTheWholePreviousYearAndABackfillIsOneComputation() {
    Fixtures f = Fixtures.standard(dir)
        .service("330101001", "2023-03", 5, 5, 50, 40, 1, 1)
        .service("330101001", "2023-12", 5, 5, 100, 100, 1, 1)
        .service("330101001", "2024-01", 5, 5, 10, 9, 1, 1)
        .service("330101001", "2024-02", 5, 5, 10, 5, 1, 1);
    Map<String, Row> town = Fixtures.byKey(f.compute(GovernanceConfig.defaults(), "2024-01",
        "2024-02").township(), "township_code");
    Row jan = town.get("2024-01|330101001|appeal_resolution_rate");
    assertThat(d(jan, "value")).isEqualTo(0.9);
    // P-1 of 2024-01 is 2023-12, whose ytd is all of 2023: 140 of 150.
    assertThat(d(jan, "prev_value")).isEqualTo(140.0 / 150.0);
    assertThat(d(jan, "yoy_value")).isNull();
    assertThat((String) jan.getAs("data_period")).isEqualTo("2024-01..2024-01");
    Row feb = town.get("2024-02|330101001|appeal_resolution_rate");
    assertThat(d(feb, "value")).isEqualTo(14.0 / 20.0);
    assertThat(d(feb, "prev_value")).isEqualTo(0.9);
    assertThat((String) feb.getAs("data_period")).isEqualTo("2024-01..2024-02");
    assertThat(town.keySet()).allMatch(k -> k.startsWith("2024-01|") || k.startsWith("2024-02|"));
  }

  @Test
  void everyTableHasExactlyTheSpecColumnsInOrderWithSpecTypes() {
    MetricTables t = Fixtures.standard(dir).grid("330101001", "2024-06", 1, 1, 1, 1, 1, 1)
        .compute(GovernanceConfig.defaults(), "2024-06");
    for (Level level : Level.values()) {
      Dataset<Row> table = t.of(level);
      assertThat(table.columns()).as(level.table()).containsExactlyElementsOf(level.columns());
      for (StructField field : table.schema().fields()) {
        assertThat(field.dataType()).as(level.table() + "." + field.name())
            .isEqualTo(expectedType(field.name()));
      }
    }
    assertThat(Level.COUNTY.columns()).containsExactly("period", "province_code", "province_name",
        "city_code", "city_name", "county_code", "county_name", "metric_id", "data_period",
        "numerator", "denominator", "value", "rank_in_province", "ranked_in_province",
        "rank_in_city", "province_value", "target", "target_max", "meets_target", "prev_value",
        "yoy_value", "prev_rank_in_province", "rank_change", "completeness", "low_completeness",
        "anomaly", "anomaly_reason");
    assertThat(Level.TOWNSHIP.columns()).contains("township_code", "township_name",
        "rank_in_county", "ranked_in_county", "prev_rank_in_county");
    assertThat(Level.PROVINCE.columns()).contains("rank_in_country", "ranked_in_country",
        "prev_rank_in_country").doesNotContain("city_code");
  }

  private static DataType expectedType(String column) {
    if (Arrays.asList("numerator", "denominator", "value", "province_value", "target", "target_max",
        "prev_value", "yoy_value", "completeness").contains(column)) {
      return DataTypes.DoubleType;
    }
    if (column.startsWith("rank") || column.startsWith("prev_rank")) {
      return DataTypes.IntegerType;
    }
    if (column.equals("meets_target") || column.equals("low_completeness")
        || column.equals("anomaly")) {
      return DataTypes.BooleanType;
    }
    return DataTypes.StringType;
  }
}
