package com.governancemetrics.export;

import com.governancemetrics.periods.Period;
import com.governancemetrics.rollup.Level;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Hand-written published tables (SPEC §3 schemas, long form) for two provinces: 湖南 with two cities,
 * four counties and six townships, 甘肃 with one of each; five metrics covering every format and
 * direction. Written as Parquet partitions period=2024-06 with _SUCCESS markers, plus a run manifest.
 */
final class PublishedTablesFixture {

  static final Period PERIOD = Period.of(2024, 6);
  static final String RUN_ID = "20240701T020000-test";
  static final String MANIFEST = "_runs/" + RUN_ID + "/manifest.json";

  static final String COVERAGE = "household_coverage";
  static final String HOLLOW = "hollow_villages";
  static final String MEDIAN = "median_operating_income";
  static final String PER_LEADER = "households_per_neighbour_leader";
  static final String WEAK_IDENTIFIED = "weak_orgs_identified_ytd";

  /** The anomaly reasons of the fixture: 芙蓉区's coverage and 文艺路街道's 100%. */
  static final String FURONG_JUMP = "较上月下降18.0个百分点，超过15个百分点";
  static final String WENYILU_FULL = "恰为100%，而全省乡镇数值分散（四分位距25.0个百分点，超过15个百分点）";

  /** A unit's code and name columns; null below its level. */
  record Unit(String provinceCode, String provinceName, String cityCode, String cityName, String countyCode,
              String countyName, String townshipCode, String townshipName) {}

  private static final Map<String, String> DATA_PERIODS = Map.of(
      COVERAGE, "2024-06", HOLLOW, "2023", MEDIAN, "2023", PER_LEADER, "2024-06",
      WEAK_IDENTIFIED, "as of 2024-06-30");
  private static final Map<String, Double[]> TARGETS = Map.of(
      COVERAGE, new Double[] {0.95, null}, HOLLOW, new Double[] {0.0, null},
      PER_LEADER, new Double[] {5.0, 15.0});

  private final Map<Level, List<Map<String, Object>>> rows = new EnumMap<>(Level.class);

  static List<MetricPresentation> metrics() {
    return List.of(COVERAGE, HOLLOW, MEDIAN, PER_LEADER, WEAK_IDENTIFIED).stream()
        .map(id -> ShippedPresentations.byId(id).orElseThrow()).toList();
  }

  static List<MetricPresentation> rankedMetrics() {
    return metrics().stream().filter(MetricPresentation::ranked).toList();
  }

  /** The fixture of the tests: the numbers are chosen by hand (72/78 for 芙蓉区 is 92.3%). */
  static PublishedTablesFixture standard() {
    PublishedTablesFixture f = new PublishedTablesFixture();
    Unit hunan = new Unit("43", "湖南省", null, null, null, null, null, null);
    Unit changsha = new Unit("43", "湖南省", "4301", "长沙市", null, null, null, null);
    Unit zhuzhou = new Unit("43", "湖南省", "4302", "株洲市", null, null, null, null);
    Unit furong = county(changsha, "430102", "芙蓉区");
    Unit tianxin = county(changsha, "430103", "天心区");
    Unit hetang = county(zhuzhou, "430202", "荷塘区");
    Unit lusong = county(zhuzhou, "430203", "芦淞区");
    Unit gansu = new Unit("62", "甘肃省", null, null, null, null, null, null);
    Unit lanzhou = new Unit("62", "甘肃省", "6201", "兰州市", null, null, null, null);
    Unit chengguan = county(lanzhou, "620102", "城关区");

    // Provinces, ranked nationally among the two.
    f.add(Level.PROVINCE, hunan, COVERAGE, 359.0, 378.0, 359.0 / 378, 1, 2, 1, 0.625);
    f.add(Level.PROVINCE, hunan, HOLLOW, 4.0, null, 4.0, 2, 2, 2, 0.75);
    f.add(Level.PROVINCE, hunan, MEDIAN, null, null, 98000.0, 1, 2, null, 0.75);
    f.add(Level.PROVINCE, hunan, PER_LEADER, 359.0, 39.0, 359.0 / 39, null, null, null, 0.625);
    f.add(Level.PROVINCE, hunan, WEAK_IDENTIFIED, 9.0, null, 9.0, null, null, null, null);
    f.add(Level.PROVINCE, gansu, COVERAGE, 80.0, 100.0, 0.8, 2, 2, 2, 1.0);
    f.add(Level.PROVINCE, gansu, HOLLOW, 1.0, null, 1.0, 1, 2, 1, 1.0);
    f.add(Level.PROVINCE, gansu, MEDIAN, null, null, 52000.0, 2, 2, null, 1.0);
    f.add(Level.PROVINCE, gansu, PER_LEADER, 80.0, 10.0, 8.0, null, null, null, 1.0);
    f.add(Level.PROVINCE, gansu, WEAK_IDENTIFIED, 2.0, null, 2.0, null, null, null, null);

    // Cities of 湖南, ranked within the province.
    f.add(Level.CITY, changsha, COVERAGE, 262.0, 278.0, 262.0 / 278, 2, 2, 1, 1.0);
    f.add(Level.CITY, changsha, HOLLOW, 2.0, null, 2.0, 1, 2, 1, 1.0);
    f.add(Level.CITY, changsha, MEDIAN, null, null, 200000.0, 1, 2, null, 1.0);
    f.add(Level.CITY, changsha, PER_LEADER, 262.0, 19.0, 262.0 / 19, null, null, null, 1.0);
    f.add(Level.CITY, changsha, WEAK_IDENTIFIED, 3.0, null, 3.0, null, null, null, null);
    f.add(Level.CITY, zhuzhou, COVERAGE, 97.0, 100.0, 0.97, 1, 2, 2, 0.25);
    f.add(Level.CITY, zhuzhou, HOLLOW, 2.0, null, 2.0, 1, 2, 2, 0.5);
    f.add(Level.CITY, zhuzhou, MEDIAN, null, null, 98000.0, 2, 2, null, 0.5);
    f.add(Level.CITY, zhuzhou, PER_LEADER, 97.0, 20.0, 4.85, null, null, null, 0.25);
    f.add(Level.CITY, zhuzhou, WEAK_IDENTIFIED, 6.0, null, 6.0, null, null, null, null);
    f.add(Level.CITY, lanzhou, COVERAGE, 80.0, 100.0, 0.8, 1, 1, 1, 1.0);
    f.add(Level.CITY, lanzhou, HOLLOW, 1.0, null, 1.0, 1, 1, 1, 1.0);
    f.add(Level.CITY, lanzhou, MEDIAN, null, null, 52000.0, 1, 1, null, 1.0);
    f.add(Level.CITY, lanzhou, PER_LEADER, 80.0, 10.0, 8.0, null, null, null, 1.0);
    f.add(Level.CITY, lanzhou, WEAK_IDENTIFIED, 2.0, null, 2.0, null, null, null, null);

    // Counties: 芙蓉区 72/78 below the 95% target, 荷塘区 delivered nothing, 芦淞区 only half its townships.
    f.add(Level.COUNTY, furong, COVERAGE, 72.0, 78.0, 72.0 / 78, 3, 3, 3, 1.0);
    f.add(Level.COUNTY, tianxin, COVERAGE, 190.0, 200.0, 0.95, 2, 3, 1, 1.0);
    f.add(Level.COUNTY, hetang, COVERAGE, null, null, null, null, 3, null, 0.0);
    f.add(Level.COUNTY, lusong, COVERAGE, 97.0, 100.0, 0.97, 1, 3, 2, 0.5);
    f.add(Level.COUNTY, furong, HOLLOW, 2.0, null, 2.0, 2, 3, 3, 1.0);
    f.add(Level.COUNTY, tianxin, HOLLOW, 0.0, null, 0.0, 1, 3, 1, 1.0);
    f.add(Level.COUNTY, hetang, HOLLOW, null, null, null, null, 3, null, 0.0);
    f.add(Level.COUNTY, lusong, HOLLOW, 2.0, null, 2.0, 2, 3, 2, 1.0);
    f.add(Level.COUNTY, furong, MEDIAN, null, null, 17901.225, 3, 3, null, 1.0);
    f.add(Level.COUNTY, tianxin, MEDIAN, null, null, 1250000.5, 1, 3, null, 1.0);
    f.add(Level.COUNTY, hetang, MEDIAN, null, null, null, null, 3, null, 0.0);
    f.add(Level.COUNTY, lusong, MEDIAN, null, null, 98000.0, 2, 3, null, 1.0);
    f.add(Level.COUNTY, furong, PER_LEADER, 72.0, 9.0, 8.0, null, null, null, 1.0);
    f.add(Level.COUNTY, tianxin, PER_LEADER, 190.0, 10.0, 19.0, null, null, null, 1.0);
    f.add(Level.COUNTY, hetang, PER_LEADER, null, null, null, null, null, null, 0.0);
    f.add(Level.COUNTY, lusong, PER_LEADER, 97.0, 20.0, 4.85, null, null, null, 0.5);
    f.add(Level.COUNTY, furong, WEAK_IDENTIFIED, 3.0, null, 3.0, null, null, null, null);
    f.add(Level.COUNTY, tianxin, WEAK_IDENTIFIED, 0.0, null, 0.0, null, null, null, null);
    f.add(Level.COUNTY, hetang, WEAK_IDENTIFIED, 1.0, null, 1.0, null, null, null, null);
    f.add(Level.COUNTY, lusong, WEAK_IDENTIFIED, 5.0, null, 5.0, null, null, null, null);
    f.add(Level.COUNTY, chengguan, COVERAGE, 80.0, 100.0, 0.8, 1, 1, 1, 1.0);
    f.add(Level.COUNTY, chengguan, HOLLOW, 1.0, null, 1.0, 1, 1, 1, 1.0);
    f.add(Level.COUNTY, chengguan, MEDIAN, null, null, 52000.0, 1, 1, null, 1.0);
    f.add(Level.COUNTY, chengguan, PER_LEADER, 80.0, 10.0, 8.0, null, null, null, 1.0);
    f.add(Level.COUNTY, chengguan, WEAK_IDENTIFIED, 2.0, null, 2.0, null, null, null, null);

    // Townships, ranked within their county (coverage and hollow villages; the rest has no rows).
    Unit wenyilu = township(furong, "430102001", "文艺路街道");
    Unit chaoyang = township(furong, "430102002", "朝阳街道");
    Unit pozijie = township(tianxin, "430103001", "坡子街街道");
    Unit yuetang = township(hetang, "430202001", "月塘街道");
    Unit jianshe = township(lusong, "430203001", "建设街道");
    Unit hejiatu = township(lusong, "430203002", "贺家土街道");
    Unit linxialu = township(chengguan, "620102001", "临夏路街道");
    f.add(Level.TOWNSHIP, wenyilu, COVERAGE, 40.0, 40.0, 1.0, 1, 2, 1, 1.0);
    f.add(Level.TOWNSHIP, chaoyang, COVERAGE, 32.0, 38.0, 32.0 / 38, 2, 2, 2, 1.0);
    f.add(Level.TOWNSHIP, pozijie, COVERAGE, 190.0, 200.0, 0.95, 1, 1, 1, 1.0);
    f.add(Level.TOWNSHIP, yuetang, COVERAGE, null, null, null, null, 0, null, 0.0);
    f.add(Level.TOWNSHIP, jianshe, COVERAGE, 97.0, 100.0, 0.97, 1, 1, 1, 1.0);
    f.add(Level.TOWNSHIP, hejiatu, COVERAGE, null, null, null, null, 1, null, 0.0);
    f.add(Level.TOWNSHIP, linxialu, COVERAGE, 80.0, 100.0, 0.8, 1, 1, 1, 1.0);
    f.add(Level.TOWNSHIP, wenyilu, HOLLOW, 0.0, null, 0.0, 1, 2, 1, 1.0);
    f.add(Level.TOWNSHIP, chaoyang, HOLLOW, 2.0, null, 2.0, 2, 2, 2, 1.0);
    f.add(Level.TOWNSHIP, pozijie, HOLLOW, 0.0, null, 0.0, 1, 1, 1, 1.0);
    f.add(Level.TOWNSHIP, jianshe, HOLLOW, 2.0, null, 2.0, 1, 1, 1, 1.0);
    f.add(Level.TOWNSHIP, linxialu, HOLLOW, 1.0, null, 1.0, 1, 1, 1, 1.0);
    f.flag(Level.COUNTY, "430102", COVERAGE, FURONG_JUMP);
    f.flag(Level.TOWNSHIP, "430102001", COVERAGE, WENYILU_FULL);
    f.fillProvinceValues();
    return f;
  }

  private static Unit county(Unit city, String code, String name) {
    return new Unit(city.provinceCode(), city.provinceName(), city.cityCode(), city.cityName(), code, name,
        null, null);
  }

  private static Unit township(Unit county, String code, String name) {
    return new Unit(county.provinceCode(), county.provinceName(), county.cityCode(), county.cityName(),
        county.countyCode(), county.countyName(), code, name);
  }

  /**
   * Adds one unit's row for one metric; the target (per metric), meets_target, rank_change and
   * low_completeness (completeness below 0.9) are derived as SPEC §2 says.
   */
  void add(Level level, Unit unit, String metric, Double numerator, Double denominator, Double value,
           Integer rank, Integer rankedIn, Integer prevRank, Double completeness) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("province_code", unit.provinceCode());
    row.put("province_name", unit.provinceName());
    row.put("city_code", unit.cityCode());
    row.put("city_name", unit.cityName());
    row.put("county_code", unit.countyCode());
    row.put("county_name", unit.countyName());
    row.put("township_code", unit.townshipCode());
    row.put("township_name", unit.townshipName());
    row.put("metric_id", metric);
    row.put("data_period", DATA_PERIODS.get(metric));
    row.put("numerator", numerator);
    row.put("denominator", denominator);
    row.put("value", value);
    row.put(level.rankColumn(), rank);
    row.put(level.rankedColumn(), rankedIn);
    row.put(level.prevRankColumn(), prevRank);
    row.put("rank_change", prevRank == null || rank == null ? null : prevRank - rank);
    Double[] target = TARGETS.get(metric);
    row.put("target", target == null ? null : target[0]);
    row.put("target_max", target == null ? null : target[1]);
    Boolean meets = null;
    if (target != null && value != null) {
      String direction = ShippedPresentations.byId(metric).orElseThrow().direction();
      meets = switch (direction) {
        case "lower" -> value <= target[0];
        case "band" -> value >= target[0] && value <= target[1];
        default -> value >= target[0];
      };
    }
    row.put("meets_target", meets);
    row.put("prev_value", value == null ? null : value * 0.98);
    row.put("yoy_value", null);
    row.put("completeness", completeness);
    row.put("low_completeness", completeness == null ? null : completeness < 0.9);
    row.put("anomaly", false);
    row.put("anomaly_reason", null);
    rows.computeIfAbsent(level, l -> new ArrayList<>()).add(row);
  }

  /** Flags a unit's row of a metric as an anomaly with its reason. */
  void flag(Level level, String unitCode, String metric, String reason) {
    Map<String, Object> row = rows.get(level).stream()
        .filter(r -> unitCode.equals(r.get(level.codeColumn())) && metric.equals(r.get("metric_id")))
        .findFirst().orElseThrow();
    row.put("anomaly", true);
    row.put("anomaly_reason", reason);
  }

  private void fillProvinceValues() {
    Map<String, Object> provinceValues = new HashMap<>();
    for (Map<String, Object> row : rows.get(Level.PROVINCE)) {
      provinceValues.put(row.get("province_code") + "/" + row.get("metric_id"), row.get("value"));
    }
    for (List<Map<String, Object>> levelRows : rows.values()) {
      for (Map<String, Object> row : levelRows) {
        row.put("province_value", provinceValues.get(row.get("province_code") + "/" + row.get("metric_id")));
      }
    }
  }

  /** The SPEC §3 schema of a level's table (the period is the partition folder, not a column). */
  static StructType schema(Level level) {
    List<StructField> fields = new ArrayList<>();
    for (String column : level.unitColumns()) {
      fields.add(DataTypes.createStructField(column, DataTypes.StringType, true));
    }
    fields.add(field("metric_id", DataTypes.StringType));
    fields.add(field("data_period", DataTypes.StringType));
    for (String column : List.of("numerator", "denominator", "value")) {
      fields.add(field(column, DataTypes.DoubleType));
    }
    List<String> rankColumns = switch (level) {
      case TOWNSHIP -> List.of("rank_in_county", "ranked_in_county", "rank_in_province", "ranked_in_province",
          "rank_in_city");
      case COUNTY -> List.of("rank_in_province", "ranked_in_province", "rank_in_city");
      case CITY -> List.of("rank_in_province", "ranked_in_province");
      case PROVINCE -> List.of("rank_in_country", "ranked_in_country");
    };
    for (String column : rankColumns) {
      fields.add(field(column, DataTypes.IntegerType));
    }
    for (String column : List.of("province_value", "target", "target_max")) {
      fields.add(field(column, DataTypes.DoubleType));
    }
    fields.add(field("meets_target", DataTypes.BooleanType));
    fields.add(field("prev_value", DataTypes.DoubleType));
    fields.add(field("yoy_value", DataTypes.DoubleType));
    List<String> prevRanks = switch (level) {
      case TOWNSHIP -> List.of("prev_rank_in_county", "prev_rank_in_province");
      case COUNTY, CITY -> List.of("prev_rank_in_province");
      case PROVINCE -> List.of("prev_rank_in_country");
    };
    for (String column : prevRanks) {
      fields.add(field(column, DataTypes.IntegerType));
    }
    fields.add(field("rank_change", DataTypes.IntegerType));
    fields.add(field("completeness", DataTypes.DoubleType));
    fields.add(field("low_completeness", DataTypes.BooleanType));
    fields.add(field("anomaly", DataTypes.BooleanType));
    fields.add(field("anomaly_reason", DataTypes.StringType));
    return DataTypes.createStructType(fields);
  }

  private static StructField field(String name, DataType type) {
    return DataTypes.createStructField(name, type, true);
  }

  /** Writes the four tables under root/<table>/period=2024-06/ (Spark writes the _SUCCESS marker). */
  void writeTables(SparkSession spark, Path root) {
    for (Level level : Level.values()) {
      StructType schema = schema(level);
      List<Row> sparkRows = new ArrayList<>();
      for (Map<String, Object> row : rows.get(level)) {
        Object[] values = new Object[schema.fields().length];
        for (int i = 0; i < values.length; i++) {
          values[i] = row.get(schema.fields()[i].name());
        }
        sparkRows.add(RowFactory.create(values));
      }
      spark.createDataFrame(sparkRows, schema).coalesce(1).write().mode("overwrite")
          .parquet(MetricTables.partition(root.toString(), level, PERIOD).toString());
    }
  }

  /** The run manifest of SPEC §3 with a few quarantined rows and a skipped file. */
  static void writeManifest(Path root) throws IOException {
    Path file = root.resolve(MANIFEST);
    Files.createDirectories(file.getParent());
    Files.writeString(file, """
        {"run_id": "%s", "job": "nightly", "periods": ["2024-06"],
         "started_at": "2024-07-01T02:00:00+08:00", "ended_at": "2024-07-01T02:14:09+08:00",
         "status": "succeeded", "version": "0.1.0-test",
         "datasets": {
           "grid_coverage": {"rows_read": 1210, "rows_accepted": 1190, "rows_quarantined": 15,
             "duplicates_dropped": 5, "quarantined_by_reason": {"missing_key": 4, "part_exceeds_whole": 11},
             "files_read": ["grid_coverage/period=2024-06/43.parquet"],
             "files_skipped": [{"file": "grid_coverage/period=2024-06/bad.parquet", "reason": "corrupt <footer>"}],
             "extra_columns": ["remark"]},
           "collective_income": {"rows_read": 300, "rows_accepted": 300, "rows_quarantined": 0,
             "duplicates_dropped": 0, "quarantined_by_reason": {}, "files_read": [], "files_skipped": [],
             "extra_columns": []}},
         "tables": {"county_metrics": {"rows_written": 25}}}
        """.formatted(RUN_ID), StandardCharsets.UTF_8);
  }
}
