package com.governancemetrics.rollup;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import com.governancemetrics.metrics.Direction;
import com.governancemetrics.metrics.EvaluationPeriods;
import com.governancemetrics.metrics.MetricCatalogue;
import com.governancemetrics.metrics.MetricDefinition;
import com.governancemetrics.metrics.MetricWindow;
import com.governancemetrics.metrics.Target;
import com.governancemetrics.input.InputDataset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Turns the metric values of every level into the four published tables (SPEC §3): every registry
 * unit of every province with data, ranks, targets, province_value, prev/yoy, completeness and
 * data_period. Works on aggregated rows only: they are shuffled once, grouped by province and metric,
 * and each group is filled, ranked and compared in memory ({@link ProvinceMetricRanking}), so the
 * accepted rows are still read once and the long rows are not sorted once per window.
 */
public final class LevelTables {

  private LevelTables() {}

  /**
   * The narrow rows of every level of the requested periods (codes, numbers and ranks of {@link
   * ProvinceMetricRanking#OUTPUT}), before names, targets and labels are joined by {@link #enrich}:
   * what a caller that writes several tables persists.
   *
   * @param values long rows of {@link com.governancemetrics.metrics.MetricRunner#OUTPUT} for every
   *     dataset
   * @param periods the requested periods and their P-1, P-12
   */
  static Dataset<Row> rank(SparkSession spark, List<RegistryUnits.Unit> units, Dataset<Row> values,
      MetricCatalogue catalogue, EvaluationPeriods periods) {
    Dataset<Row> aggregated = values.select(col("eval_period"), col("level"), col("unit_code"),
        col("metric_id"), col("numerator").cast(DataTypes.DoubleType).as("numerator"),
        col("denominator").cast(DataTypes.DoubleType).as("denominator"),
        col("value").cast(DataTypes.DoubleType).as("value"),
        col("present").cast(DataTypes.LongType).as("present"),
        col("data_year").cast(DataTypes.IntegerType).as("data_year"));

    // What each province's group needs: its own rows at levels 1-3, every province's level-0 row
    // (national ranks, the year used) and which provinces have data (SPEC §2: only those get rows);
    // its registry units come as a broadcast variable. The aggregated rows are read in one pass.
    Dataset<Row> routed = aggregated.mapPartitions(new MetricRowRouter(),
        Encoders.row(ProvinceMetricRanking.INPUT));
    Broadcast<HashMap<String, ArrayList<RegistryUnits.Unit>>> byProvince =
        JavaSparkContext.fromSparkContext(spark.sparkContext())
            .broadcast(RegistryUnits.byProvince(units));
    List<String> ids = catalogue.metrics().stream().map(MetricDefinition::id).toList();
    return routed
        .groupByKey((MapFunction<Row, String>) r -> r.getString(0), Encoders.STRING())
        .flatMapGroups(new ProvinceMetricRanking(ids, rules(catalogue),
            periods.all().stream().map(Object::toString).toList(),
            periods.all().stream().map(EvaluationPeriods::monthIndex).toList(),
            periods.all().stream().map(periods.requested()::contains).toList(), byProvince),
            Encoders.row(ProvinceMetricRanking.OUTPUT));
  }

  /**
   * Joins to the rows of {@link #rank} what people read: unit names, each province's target,
   * meets_target, data_period and low_completeness (small broadcast tables, no shuffle).
   */
  static Dataset<Row> enrich(SparkSession spark, List<RegistryUnits.Unit> units,
      Dataset<Row> compared, MetricCatalogue catalogue, Dataset<Row> periodsDf,
      double completenessMinimum) {
    Dataset<Row> info = metricInfo(spark, catalogue);
    Dataset<Row> names = RegistryUnits.names(spark, units);
    return compared
        .join(broadcast(names), new String[] {"level", "unit_code"})
        .join(broadcast(info.select(col("metric_id"), col("window"), col("direction"),
            col("default_target"), col("default_target_max"))), new String[] {"metric_id"})
        .join(broadcast(periodsDf.select(col("month_idx"), col("eval_period"), col("ytd_label"),
            col("as_of_label"), col("given_year_used"))), new String[] {"month_idx"})
        .join(broadcast(overrides(spark, catalogue)), new String[] {"province_code", "metric_id"},
            "left")
        .withColumn("target", coalesce(col("override_target"), col("default_target")))
        .withColumn("target_max", when(col("override_target").isNotNull(), col("override_target_max"))
            .otherwise(col("default_target_max")))
        .withColumn("data_period", when(col("window").equalTo(MetricWindow.STOCK.configName()),
                col("eval_period"))
            .when(col("window").equalTo(MetricWindow.YTD.configName()), col("ytd_label"))
            .when(col("window").equalTo(MetricWindow.AS_OF.configName()), col("as_of_label"))
            .otherwise(coalesce(col("given_year_used"), col("year_seen"))
                .cast(DataTypes.StringType)))
        .withColumn("meets_target", meetsTarget())
        .withColumn("low_completeness", col("completeness").lt(lit(completenessMinimum)))
        .withColumn("period", col("eval_period"));
  }

  /** The four tables of SPEC §3 from the rows of every level of {@link #enrich}. */
  static MetricTables split(Dataset<Row> ranked, Dataset<Row> allLevels) {
    return new MetricTables(ranked, table(allLevels, Level.TOWNSHIP), table(allLevels, Level.COUNTY),
        table(allLevels, Level.CITY), table(allLevels, Level.PROVINCE));
  }

  /** SPEC §2: ≥ target (higher), ≤ target (lower), min ≤ value ≤ max (band); null without either. */
  private static Column meetsTarget() {
    Column v = col("value");
    Column t = col("target");
    return when(v.isNull().or(t.isNull()), lit(null).cast(DataTypes.BooleanType))
        .when(col("direction").equalTo("higher"), v.geq(t))
        .when(col("direction").equalTo("lower"), v.leq(t))
        .when(col("direction").equalTo("band"), v.geq(t).and(v.leq(col("target_max"))));
  }

  private static Dataset<Row> table(Dataset<Row> all, Level level) {
    List<Column> columns = new ArrayList<>();
    for (String name : level.columns()) {
      Column c = switch (name) {
        case "rank_in_county", "rank_in_province", "rank_in_country" -> col("rank_own");
        case "ranked_in_county", "ranked_in_province", "ranked_in_country" -> col("ranked_own");
        case "prev_rank_in_county", "prev_rank_in_province", "prev_rank_in_country" ->
            col("prev_rank");
        default -> col(name);
      };
      columns.add(c.cast(type(name)).as(name));
    }
    return all.filter(col("level").equalTo(level.depth())).select(columns.toArray(Column[]::new));
  }

  private static org.apache.spark.sql.types.DataType type(String column) {
    if (column.startsWith("rank") || column.startsWith("prev_rank")) {
      return DataTypes.IntegerType;
    }
    return switch (column) {
      case "numerator", "denominator", "value", "province_value", "target", "target_max",
          "prev_value", "yoy_value", "completeness" -> DataTypes.DoubleType;
      case "meets_target", "low_completeness" -> DataTypes.BooleanType;
      default -> DataTypes.StringType;
    };
  }

  private static Map<String, ProvinceMetricRanking.MetricRule> rules(MetricCatalogue catalogue) {
    Map<String, ProvinceMetricRanking.MetricRule> rules = new HashMap<>();
    for (MetricDefinition m : catalogue.metrics()) {
      Double[] absent = m.kind().absent();
      rules.put(m.id(), new ProvinceMetricRanking.MetricRule(m.direction().ranked(),
          m.direction() == Direction.HIGHER, m.dataset() != InputDataset.RECTIFICATION_CASES,
          absent[0], absent[1], absent[2]));
    }
    return rules;
  }

  /** One small row per metric: how it ranks, its window, defaults for absent units, default target. */
  static Dataset<Row> metricInfo(SparkSession spark, MetricCatalogue catalogue) {
    StructType schema = new StructType()
        .add("metric_id", DataTypes.StringType, false)
        .add("window", DataTypes.StringType, false)
        .add("direction", DataTypes.StringType, false)
        .add("ranked", DataTypes.BooleanType, false)
        .add("higher", DataTypes.BooleanType, false)
        .add("has_completeness", DataTypes.BooleanType, false)
        .add("absent_numerator", DataTypes.DoubleType, true)
        .add("absent_denominator", DataTypes.DoubleType, true)
        .add("absent_value", DataTypes.DoubleType, true)
        .add("default_target", DataTypes.DoubleType, true)
        .add("default_target_max", DataTypes.DoubleType, true);
    List<Row> rows = new ArrayList<>();
    for (MetricDefinition m : catalogue.metrics()) {
      Double[] absent = m.kind().absent();
      Target t = m.target().orElse(null);
      rows.add(RowFactory.create(m.id(), m.window().configName(), m.direction().configName(),
          m.direction().ranked(), m.direction() == Direction.HIGHER, m.dataset() != InputDataset.RECTIFICATION_CASES,
          absent[0], absent[1], absent[2], t == null ? null : t.value(), t == null ? null : t.max()));
    }
    return spark.createDataFrame(rows, schema);
  }

  /** One small row per province and metric whose target the province overrides. */
  static Dataset<Row> overrides(SparkSession spark, MetricCatalogue catalogue) {
    StructType schema = new StructType()
        .add("province_code", DataTypes.StringType, false)
        .add("metric_id", DataTypes.StringType, false)
        .add("override_target", DataTypes.DoubleType, false)
        .add("override_target_max", DataTypes.DoubleType, true);
    List<Row> rows = new ArrayList<>();
    catalogue.provinces().forEach((code, o) -> {
      for (Map.Entry<String, Target> e : o.targets().entrySet()) {
        rows.add(RowFactory.create(code, e.getKey(), e.getValue().value(), e.getValue().max()));
      }
    });
    return spark.createDataFrame(rows, schema);
  }
}
