package com.governancemetrics.metrics;

import com.governancemetrics.input.InputDataset;
import com.governancemetrics.rollup.LevelTables;
import com.governancemetrics.spark.SparkSessions;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes every metric of the catalogue for every requested period, at the four levels, in one
 * job: each dataset's accepted rows are read by one aggregation ({@link MetricRunner}) that also
 * evaluates P-1 and P-12; the tables are built from those aggregated rows ({@link LevelTables}).
 * Nothing is executed here: the caller writes the returned Datasets.
 */
public final class MetricEngine {

  private static final Logger LOG = LoggerFactory.getLogger(MetricEngine.class);

  private MetricEngine() {}

  /** The four tables, lazy; each write of one of them evaluates the whole plan again. */
  public static MetricTables compute(SparkSession spark, MetricInputs inputs) {
    return LevelTables.split(computeAllLevels(spark, inputs));
  }

  /**
   * The rows of all four levels in one lazy Dataset, with names and targets; {@link
   * LevelTables#split} gives the four tables. A caller that writes all four persists {@link
   * #computeRanked} instead and writes {@link #withNames} of it.
   */
  public static Dataset<Row> computeAllLevels(SparkSession spark, MetricInputs inputs) {
    return withNames(spark, inputs, computeRanked(spark, inputs));
  }

  /**
   * The narrow rows of every level ({@link LevelTables#rank}): for a caller that persists them while
   * it writes the four tables of {@link #withNames} of them, so that the persisted rows carry codes
   * and numbers, not names and labels.
   */
  public static Dataset<Row> computeRanked(SparkSession spark, MetricInputs inputs) {
    MetricCatalogue catalogue = inputs.config().catalogue();
    if (catalogue.metrics().isEmpty()) {
      throw new IllegalArgumentException(inputs.config().source() + " defines no metric");
    }
    EvaluationPeriods periods = EvaluationPeriods.of(inputs.periods(), inputs.incomeYearUsed());
    Dataset<Row> periodsDf = periods.toDataFrame(spark);
    SparkSessions.describe(spark, "metrics " + periods.requested().first() + ".."
        + periods.requested().last() + ": " + catalogue.metrics().size() + " metrics, 4 levels");

    List<Dataset<Row>> values = new ArrayList<>();
    for (InputDataset dataset : InputDataset.facts()) {
      List<MetricDefinition> metrics = catalogue.of(dataset);
      if (metrics.isEmpty()) {
        continue;
      }
      Dataset<Row> accepted = inputs.accepted().get(dataset);
      if (accepted == null) {
        throw new IllegalArgumentException("no accepted rows given for " + dataset + ", which "
            + metrics.size() + " metric(s) read");
      }
      values.add(MetricRunner.run(dataset, accepted, metrics, catalogue, periods, periodsDf));
    }
    Dataset<Row> all = values.get(0);
    for (Dataset<Row> v : values.subList(1, values.size())) {
      all = all.unionByName(v);
    }
    LOG.info("metrics: {} metrics of {} datasets for {} period(s) {} (evaluating {} with P-1, P-12)",
        catalogue.metrics().size(), values.size(), periods.requested().size(), periods.requested(),
        periods.all().size());
    return LevelTables.rank(spark, inputs.registry(), all, catalogue, periods);
  }

  /** The rows of {@link #computeAllLevels} from those of {@link #computeRanked} (lazy, no shuffle). */
  public static Dataset<Row> withNames(SparkSession spark, MetricInputs inputs,
      Dataset<Row> ranked) {
    EvaluationPeriods periods = EvaluationPeriods.of(inputs.periods(), inputs.incomeYearUsed());
    return LevelTables.enrich(spark, inputs.registry(), ranked, inputs.config().catalogue(),
        periods.toDataFrame(spark), inputs.config().settings().completenessMinimum());
  }
}
