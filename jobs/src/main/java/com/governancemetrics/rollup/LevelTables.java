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
   * Every level's rows of the requested periods, with internal columns ({@code level} tells the
   * level); {@link #split} selects each table's columns.
   *
   * @param values long rows of {@link com.governancemetrics.metrics.MetricRunner#OUTPUT} for every
   *     dataset
   * @param periodsDf {@link EvaluationPeriods#toDataFrame}: the requested periods and P-1, P-12
   */
  public static Dataset<Row> build(SparkSession spark, Dataset<Row> registry, Dataset<Row> values,
      MetricCatalogue catalogue, Dataset<Row> periodsDf,
      double completenessMinimum) {
    // The windows below sort every (unit, metric, evaluated period): keep those rows narrow
    // (codes and numbers); names, labels and targets are joined to the requested rows at the end.
    Dataset<Row> units = RegistryUnits.of(registry);
    Dataset<Row> info = metricInfo(spark, catalogue);
    Dataset<Row> grid = units
        .select(col("level"), col("unit_code"), col("province_code"), col("city_code"),
            col("own_group"), col("registry_townships"))
        .crossJoin(broadcast(info.select(col("metric_id"), col("ranked"), col("higher"),
            col("has_completeness"), col("absent_numerator"), col("absent_denominator"),
            col("absent_value"))))
        .crossJoin(broadcast(periodsDf.select(col("eval_period"), col("month_idx"),
            col("requested"))));
    Column matched = coalesce(col("matched"), lit(false));
    Dataset<Row> filled = grid
        .join(values.withColumn("matched", lit(true)),
            new String[] {"eval_period", "level", "unit_code", "metric_id"}, "left")
        .select(col("month_idx"), col("requested"), col("level"), col("unit_code"),
            col("province_code"), col("city_code"), col("own_group"), col("metric_id"),
            col("ranked"), col("higher"), col("data_year"), matched.as("matched"),
            when(matched, col("numerator")).otherwise(col("absent_numerator")).as("numerator"),
            when(matched, col("denominator")).otherwise(col("absent_denominator"))
                .as("denominator"),
            when(matched, col("value")).otherwise(col("absent_value")).as("value"),
            when(col("has_completeness"), coalesce(col("present"), lit(0L))
                .cast(DataTypes.DoubleType)
                .divide(col("registry_townships").cast(DataTypes.DoubleType))).as("completeness"));

    // Windows partitioned by province first, so that every per-province window after it needs no
    // new shuffle (groups inside a province are keyed with province_code too).
    Column province = col("province_code");
    Column period = col("month_idx");
    Column metric = col("metric_id");
    Column level = col("level");
    // higher ranks the largest first, lower the smallest; nulls sort last and get no rank.
    Column rankKey = when(col("higher"), col("value").multiply(-1)).otherwise(col("value"));
    Column rankable = col("ranked").and(col("value").isNotNull());
    WindowSpec ownGroup = Window.partitionBy(province, period, metric, level, col("own_group"));
    WindowSpec cityGroup = Window.partitionBy(province, period, metric, level, col("city_code"));
    WindowSpec country = Window.partitionBy(period, metric, level);
    Dataset<Row> ranked = filled
        // SPEC §2: every unit of every province with at least one accepted row in what the run reads.
        .withColumn("province_has_data", max(col("matched")).over(Window.partitionBy(province)))
        .filter(col("province_has_data"))
        .withColumn("province_value", max(when(level.equalTo(0), col("value")))
            .over(Window.partitionBy(province, period, metric)))
        .withColumn("rank_own", when(rankable.and(level.notEqual(0)),
            rank().over(ownGroup.orderBy(rankKey.asc_nulls_last()))))
        .withColumn("ranked_own", when(col("ranked").and(level.notEqual(0)),
            count(col("value")).over(ownGroup).cast(DataTypes.IntegerType)))
        .withColumn("rank_in_city", when(rankable.and(level.equalTo(2)),
            rank().over(cityGroup.orderBy(rankKey.asc_nulls_last()))))
        // across provinces: the annual year used, and provinces ranked nationally
        .withColumn("year_seen", max(col("data_year")).over(Window.partitionBy(period, metric)))
        .withColumn("rank_own", when(level.equalTo(0), when(rankable,
            rank().over(country.orderBy(rankKey.asc_nulls_last())))).otherwise(col("rank_own")))
        .withColumn("ranked_own", when(level.equalTo(0), when(col("ranked"),
            count(col("value")).over(country).cast(DataTypes.IntegerType)))
            .otherwise(col("ranked_own")));

    WindowSpec history = Window.partitionBy(level, col("unit_code"), metric).orderBy(period);
    Dataset<Row> compared = ranked
        .withColumn("prev_value", first(col("value")).over(history.rangeBetween(-1, -1)))
        .withColumn("prev_rank", first(col("rank_own")).over(history.rangeBetween(-1, -1)))
        .withColumn("yoy_value", first(col("value")).over(history.rangeBetween(-12, -12)))
        .filter(col("requested"))
        .withColumn("rank_change", col("prev_rank").minus(col("rank_own")));

    Dataset<Row> names = units.select(col("level"), col("unit_code"), col("province_name"),
        col("city_name"), col("county_code"), col("county_name"), col("township_code"),
        col("township_name"));
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

  /** The four tables of SPEC §3 from the rows of {@link #build}. */
  public static MetricTables split(Dataset<Row> allLevels) {
    return new MetricTables(table(allLevels, Level.TOWNSHIP), table(allLevels, Level.COUNTY),
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
