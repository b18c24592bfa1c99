package com.governancemetrics.rollup;

import static org.apache.spark.sql.functions.col;

import com.governancemetrics.input.InputDataset;
import com.governancemetrics.metrics.AnomalyRules;
import com.governancemetrics.metrics.Direction;
import com.governancemetrics.metrics.EvaluationPeriods;
import com.governancemetrics.metrics.MetricCatalogue;
import com.governancemetrics.metrics.MetricDefinition;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * Turns the metric values of every level into the four published tables (SPEC §3): every registry
 * unit of every province with data, ranks, targets, province_value, prev/yoy, completeness and
 * data_period, anomaly flags. Works on aggregated rows only: they are shuffled once, grouped by province and metric,
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
   * @param history the earlier publications the anomaly rules judge against (read in the same
   *     pass, no job of their own)
   */
  static Dataset<Row> rank(SparkSession spark, List<RegistryUnits.Unit> units, Dataset<Row> values,
      MetricCatalogue catalogue, EvaluationPeriods periods, PublishedHistory history) {
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
    Dataset<Row> withHistory = history.read(spark, catalogue, periods).map(routed::union)
        .orElse(routed);
    Broadcast<HashMap<String, ArrayList<RegistryUnits.Unit>>> byProvince =
        JavaSparkContext.fromSparkContext(spark.sparkContext())
            .broadcast(RegistryUnits.byProvince(units));
    List<String> ids = catalogue.metrics().stream().map(MetricDefinition::id).toList();
    return withHistory
        .groupByKey((MapFunction<Row, String>) r -> r.getString(0), Encoders.STRING())
        .flatMapGroups(new ProvinceMetricRanking(ids, rules(catalogue), judges(catalogue),
            periods.all().stream().map(Object::toString).toList(),
            periods.all().stream().map(EvaluationPeriods::monthIndex).toList(),
            periods.all().stream().map(periods.requested()::contains).toList(), byProvince),
            Encoders.row(ProvinceMetricRanking.OUTPUT));
  }

  /**
   * The four tables of SPEC §3 from the ranked rows: each level's rows with what people read —
   * unit names, each province's target, meets_target, data_period, low_completeness — added in
   * memory ({@link TableRows}): no join, no shuffle.
   */
  static MetricTables tables(SparkSession spark, List<RegistryUnits.Unit> units, Dataset<Row> ranked,
      MetricCatalogue catalogue, EvaluationPeriods periods, double completenessMinimum) {
    Broadcast<HashMap<String, RegistryUnits.Unit>> byKey =
        JavaSparkContext.fromSparkContext(spark.sparkContext())
            .broadcast(TableRows.byLevelAndCode(units));
    Map<Level, Dataset<Row>> tables = new EnumMap<>(Level.class);
    for (Level level : Level.values()) {
      tables.put(level, ranked.filter(col("level").equalTo(level.depth()))
          .mapPartitions(new TableRows(level, byKey, catalogue, periods, completenessMinimum),
              Encoders.row(level.schema())));
    }
    return new MetricTables(ranked, tables.get(Level.TOWNSHIP), tables.get(Level.COUNTY),
        tables.get(Level.CITY), tables.get(Level.PROVINCE));
  }

  private static Map<String, AnomalyJudge> judges(MetricCatalogue catalogue) {
    Map<String, AnomalyJudge> judges = new HashMap<>();
    for (MetricDefinition m : catalogue.metrics()) {
      judges.put(m.id(), new AnomalyJudge(catalogue.anomalyRules(m), AnomalyRules.isShare(m)));
    }
    return judges;
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
}
