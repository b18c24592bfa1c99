package com.governancemetrics.rollup;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.rank;
import static org.apache.spark.sql.functions.when;

import com.governancemetrics.metrics.Direction;
import com.governancemetrics.metrics.EvaluationPeriods;
import com.governancemetrics.metrics.MetricCatalogue;
import com.governancemetrics.metrics.MetricDefinition;
import com.governancemetrics.metrics.MetricTables;
import com.governancemetrics.metrics.MetricWindow;
import com.governancemetrics.metrics.Target;
import com.governancemetrics.input.InputDataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Turns the metric values of every level into the four published tables (SPEC §3): every registry
 * unit of every province with data, ranks, targets, province_value, prev/yoy, completeness and
 * data_period. Works on aggregated rows only (units × metrics × evaluated periods), with window
 * functions instead of self-joins, so the accepted rows are still read once.
 */
public final class LevelTables {

  private LevelTables() {}

  /**
   * @param values long rows of {@link com.governancemetrics.metrics.MetricRunner#OUTPUT} for every
   *     dataset
   */
  public static MetricTables build(SparkSession spark, Dataset<Row> registry, Dataset<Row> values,
      MetricCatalogue catalogue, EvaluationPeriods periods, Dataset<Row> periodsDf,
      double completenessMinimum) {
    Dataset<Row> grid = RegistryUnits.of(registry)
        .crossJoin(broadcast(metricInfo(spark, catalogue)))
        .crossJoin(broadcast(periodsDf));
    Dataset<Row> joined = grid.join(values.withColumn("matched", lit(true)),
        new String[] {"eval_period", "level", "unit_code", "metric_id"}, "left");

    // SPEC §2: every unit of every province with at least one accepted row in what the run reads.
    Column matched = coalesce(col("matched"), lit(false));
    Dataset<Row> inScope = joined
        .withColumn("province_has_data",
            max(when(matched, 1).otherwise(0)).over(Window.partitionBy(col("province_code"))))
        .filter(col("province_has_data").equalTo(1));

    Dataset<Row> filled = inScope
        .withColumn("numerator", when(matched, col("numerator")).otherwise(col("absent_numerator")))
        .withColumn("denominator",
            when(matched, col("denominator")).otherwise(col("absent_denominator")))
        .withColumn("value", when(matched, col("value")).otherwise(col("absent_value")))
        .withColumn("completeness", when(col("has_completeness"),
            coalesce(col("present"), lit(0L)).cast(DataTypes.DoubleType)
                .divide(col("registry_townships").cast(DataTypes.DoubleType))))
        .join(broadcast(overrides(spark, catalogue)), new String[] {"province_code", "metric_id"},
            "left")
        .withColumn("target", coalesce(col("override_target"), col("default_target")))
        .withColumn("target_max", when(col("override_target").isNotNull(), col("override_target_max"))
            .otherwise(col("default_target_max")));

    WindowSpec perPeriodMetric = Window.partitionBy(col("eval_period"), col("metric_id"));
    WindowSpec perProvince = Window.partitionBy(col("eval_period"), col("metric_id"),
        col("province_code"));
    WindowSpec ownGroup = Window.partitionBy(col("eval_period"), col("metric_id"), col("level"),
        col("own_group"));
    WindowSpec cityGroup = Window.partitionBy(col("eval_period"), col("metric_id"), col("level"),
        col("city_code"));
    // higher ranks the largest first, lower the smallest; nulls sort last and get no rank.
    Column rankKey = when(col("direction").equalTo(Direction.HIGHER.configName()),
        col("value").multiply(-1)).otherwise(col("value"));
    Column ranked = col("ranked").and(col("value").isNotNull());

    Dataset<Row> compared = filled
        .withColumn("data_period", when(col("window").equalTo(MetricWindow.STOCK.configName()),
                col("eval_period"))
            .when(col("window").equalTo(MetricWindow.YTD.configName()), col("ytd_label"))
            .when(col("window").equalTo(MetricWindow.AS_OF.configName()), col("as_of_label"))
            .otherwise(coalesce(col("given_year_used"), max(col("data_year")).over(perPeriodMetric))
                .cast(DataTypes.StringType)))
        .withColumn("province_value", max(when(col("level").equalTo(0), col("value")))
            .over(perProvince))
        .withColumn("rank_own", when(ranked, rank().over(ownGroup.orderBy(rankKey.asc_nulls_last()))))
        .withColumn("ranked_own", when(col("ranked"), count(col("value")).over(ownGroup)
            .cast(DataTypes.IntegerType)))
        .withColumn("rank_in_city", when(ranked.and(col("level").equalTo(2)),
            rank().over(cityGroup.orderBy(rankKey.asc_nulls_last()))));

    WindowSpec history = Window.partitionBy(col("level"), col("unit_code"), col("metric_id"))
        .orderBy(col("month_idx"));
    Dataset<Row> all = compared
        .withColumn("prev_value", first(col("value")).over(history.rangeBetween(-1, -1)))
        .withColumn("prev_rank", first(col("rank_own")).over(history.rangeBetween(-1, -1)))
        .withColumn("yoy_value", first(col("value")).over(history.rangeBetween(-12, -12)))
        .filter(col("requested"))
        .withColumn("rank_change", col("prev_rank").minus(col("rank_own")))
        .withColumn("meets_target", meetsTarget())
        .withColumn("low_completeness", col("completeness").lt(lit(completenessMinimum)))
        .withColumn("period", col("eval_period"));

    return new MetricTables(table(all, Level.TOWNSHIP), table(all, Level.COUNTY),
        table(all, Level.CITY), table(all, Level.PROVINCE));
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

  /** One small row per metric: how it ranks, its window, defaults for absent units, default target. */
  static Dataset<Row> metricInfo(SparkSession spark, MetricCatalogue catalogue) {
    StructType schema = new StructType()
        .add("metric_id", DataTypes.StringType, false)
        .add("window", DataTypes.StringType, false)
        .add("direction", DataTypes.StringType, false)
        .add("ranked", DataTypes.BooleanType, false)
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
          m.direction().ranked(), m.dataset() != InputDataset.RECTIFICATION_CASES,
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
