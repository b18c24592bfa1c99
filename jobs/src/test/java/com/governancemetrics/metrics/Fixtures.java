package com.governancemetrics.metrics;

import com.governancemetrics.config.GovernanceConfig;
import com.governancemetrics.input.InputDataset;
import com.governancemetrics.periods.Period;
import com.governancemetrics.registry.Township;
import com.governancemetrics.registry.TownshipRegistry;
import com.governancemetrics.rollup.ComparisonTables;
import com.governancemetrics.rollup.MetricTables;
import com.governancemetrics.testing.SharedSpark;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Date;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Tiny accepted-row fixtures in exactly {@link InputDataset#acceptedSchema()}, written as Parquet
 * under a test's temporary folder and read back, plus a small registry with real-looking codes.
 */
public final class Fixtures {

  public final SparkSession spark = SharedSpark.get();
  private final Path dir;
  private final Map<InputDataset, List<Row>> rows = new EnumMap<>(InputDataset.class);
  private final List<Row> registry = new ArrayList<>();

  public Fixtures(Path dir) {
    this.dir = dir;
    for (InputDataset d : InputDataset.facts()) {
      rows.put(d, new ArrayList<>());
    }
  }

  /** Province 33 浙江省: city 3301 杭州市 (counties 330101 with two townships, 330102 with one),
   * city 3302 宁波市 (county 330201, one township); province 34 安徽省 (3401/340101, one township);
   * province 35 福建省 (one township, never with data). */
  public static Fixtures standard(Path dir) {
    Fixtures f = new Fixtures(dir);
    f.township("330101001", "甲街道", "330101", "上城区", "3301", "杭州市", "33", "浙江省");
    f.township("330101002", "乙街道", "330101", "上城区", "3301", "杭州市", "33", "浙江省");
    f.township("330102101", "丙镇", "330102", "拱墅区", "3301", "杭州市", "33", "浙江省");
    f.township("330201201", "丁乡", "330201", "海曙区", "3302", "宁波市", "33", "浙江省");
    f.township("340101001", "戊街道", "340101", "瑶海区", "3401", "合肥市", "34", "安徽省");
    f.township("350101001", "己街道", "350101", "鼓楼区", "3501", "福州市", "35", "福建省");
    return f;
  }

  public Fixtures township(String code, String name, String county, String countyName, String city,
      String cityName, String province, String provinceName) {
    registry.add(RowFactory.create(code, name, "街道", county, countyName, city, cityName, province,
        provinceName));
    return this;
  }

  /** grid_coverage: households total/covered, neighbour leaders/party, grids total/with org. */
  public Fixtures grid(String township, String period, long householdsTotal, long householdsCovered,
      long neighbourLeaders, long party, long grids, long gridsWithOrg) {
    rows.get(InputDataset.GRID_COVERAGE).add(RowFactory.create(township, period, householdsTotal,
        householdsCovered, 1L, 2L, neighbourLeaders, party, grids, gridsWithOrg, "grid.parquet"));
    return this;
  }

  /** service_appeals: villages total/live, appeals received/resolved, disputes mediated/settled. */
  public Fixtures service(String township, String period, long villages, long live, long received,
      long resolved, long mediated, long settled) {
    rows.get(InputDataset.SERVICE_APPEALS).add(RowFactory.create(township, period, villages, live,
        100L, received, resolved, mediated, settled, "service.parquet"));
    return this;
  }

  /** collective_income: one village (code = township + 3 digits), operating income in yuan. */
  public Fixtures income(String township, String villageSuffix, int year, String operatingYuan) {
    BigDecimal operating = new BigDecimal(operatingYuan).setScale(2);
    rows.get(InputDataset.COLLECTIVE_INCOME).add(RowFactory.create(township + villageSuffix,
        "村" + villageSuffix, township, year, "村", operating,
        operating.add(new BigDecimal("1000.00")), "income.parquet"));
    return this;
  }

  /** rectification_cases: dates as yyyy-mm-dd, rectified may be null. */
  public Fixtures caseRow(String id, String township, String type, String identified, String deadline,
      String rectified) {
    rows.get(InputDataset.RECTIFICATION_CASES).add(RowFactory.create(id, township, null, type,
        Date.valueOf(identified), Date.valueOf(deadline),
        rectified == null ? null : Date.valueOf(rectified), "cases.parquet"));
    return this;
  }

  /** Each dataset written as Parquet and read back in the accepted schema. */
  public Map<InputDataset, Dataset<Row>> accepted() {
    Map<InputDataset, Dataset<Row>> result = new HashMap<>();
    for (InputDataset d : InputDataset.facts()) {
      String path = dir.resolve("accepted").resolve(d.folder()).toString();
      spark.createDataFrame(rows.get(d), d.acceptedSchema()).coalesce(1).write().mode("overwrite")
          .parquet(path);
      result.put(d, spark.read().schema(d.acceptedSchema()).parquet(path));
    }
    return result;
  }

  public Dataset<Row> registry() {
    return spark.createDataFrame(registry, TownshipRegistry.schema());
  }

  public MetricTables compute(GovernanceConfig config, String... periods) {
    return compute(config, Map.of(), periods);
  }

  /** The tables; without {@code yearUsed}, the income years are those the accepted rows give. */
  public MetricTables compute(GovernanceConfig config, Map<Integer, Integer> yearUsed, String... periods) {
    List<Period> ps = java.util.Arrays.stream(periods).map(Period::parse).toList();
    Map<InputDataset, Dataset<Row>> accepted = accepted();
    return compute(spark, accepted, registry(), ps, config,
        yearUsed.isEmpty() ? incomeYears(accepted, ps) : yearUsed);
  }

  /** The pipeline on accepted rows, as a run computes it. */
  public static MetricTables compute(SparkSession spark, Map<InputDataset, Dataset<Row>> accepted,
      Dataset<Row> registry, List<Period> periods, GovernanceConfig config,
      Map<Integer, Integer> yearUsed) {
    return ComparisonTables.compute(spark, new ComparisonTables.Inputs(accepted,
        townships(registry), periods, config.catalogue(),
        config.settings().completenessMinimum(), yearUsed));
  }

  /** A registry table ({@link TownshipRegistry#schema()}) as the townships the pipeline takes. */
  public static List<Township> townships(Dataset<Row> registry) {
    List<Township> townships = new ArrayList<>();
    for (Row r : registry.collectAsList()) {
      townships.add(new Township(r.getAs("township_code"), r.getAs("township_name"),
          r.getAs("township_type"), r.getAs("county_code"), r.getAs("county_name"),
          r.getAs("city_code"), r.getAs("city_name"), r.getAs("province_code"),
          r.getAs("province_name")));
    }
    return townships;
  }

  /** The income years used (SPEC §2 annual) that the accepted rows give for the periods. */
  public static Map<Integer, Integer> incomeYears(Map<InputDataset, Dataset<Row>> accepted,
      List<Period> periods) {
    return IncomeYears.ofAccepted(accepted.get(InputDataset.COLLECTIVE_INCOME),
        IncomeYears.evaluationYears(EvaluationPeriods.of(periods, Map.of())));
  }

  /** Rows of a table keyed "period|unit_code|metric_id" (unit_code = the level's own code). */
  public static Map<String, Row> byKey(Dataset<Row> table, String unitColumn) {
    Map<String, Row> result = new HashMap<>();
    for (Row r : table.collectAsList()) {
      String key = r.getAs("period") + "|" + r.getAs(unitColumn) + "|" + r.getAs("metric_id");
      if (result.put(key, r) != null) {
        throw new AssertionError("two rows for " + key);
      }
    }
    return result;
  }

  public static BigDecimal yuan(String v) {
    return new BigDecimal(v);
  }
}
