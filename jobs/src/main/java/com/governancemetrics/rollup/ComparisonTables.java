package com.governancemetrics.rollup;

import com.governancemetrics.input.InputDataset;
import com.governancemetrics.metrics.EvaluationPeriods;
import com.governancemetrics.metrics.MetricCatalogue;
import com.governancemetrics.metrics.MetricValues;
import com.governancemetrics.periods.Period;
import com.governancemetrics.registry.Township;
import com.governancemetrics.spark.SparkSessions;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The pipeline's one entry point: from the accepted rows to the four comparison tables of SPEC §3 —
 * every metric at every level in one pass per dataset ({@link MetricValues}), then filled, ranked,
 * compared with P-1 and P-12 and judged for anomalies ({@link LevelTables}). Lazy: the caller writes
 * the tables.
 */
public final class ComparisonTables {

  /**
   * What the tables are computed from.
   *
   * @param accepted accepted rows per fact dataset, each exactly {@link InputDataset#acceptedSchema()}
   * @param registry the townships of the registry
   * @param periods the periods to publish (one for nightly, many for backfill: one job)
   * @param catalogue the metrics, thresholds and targets
   * @param completenessMinimum below it a unit's completeness is low (SPEC §2)
   * @param incomeYearUsed evaluation year → collective_income year used ({@link
   *     com.governancemetrics.metrics.IncomeYears}); a year without one gives null annual values
   * @param history the earlier publications the anomaly rules judge against
   */
  public record Inputs(Map<InputDataset, Dataset<Row>> accepted, List<Township> registry,
      List<Period> periods, MetricCatalogue catalogue, double completenessMinimum,
      Map<Integer, Integer> incomeYearUsed, PublishedHistory history) {

    /** Inputs judged against no earlier publication (only the run's own periods). */
    public Inputs(Map<InputDataset, Dataset<Row>> accepted, List<Township> registry,
        List<Period> periods, MetricCatalogue catalogue, double completenessMinimum,
        Map<Integer, Integer> incomeYearUsed) {
      this(accepted, registry, periods, catalogue, completenessMinimum, incomeYearUsed,
          PublishedHistory.none());
    }

    public Inputs {
      accepted = Map.copyOf(accepted);
      registry = List.copyOf(registry);
      periods = List.copyOf(periods);
      Objects.requireNonNull(catalogue, "catalogue");
      incomeYearUsed = Map.copyOf(incomeYearUsed);
      Objects.requireNonNull(history, "history");
      if (periods.isEmpty()) {
        throw new IllegalArgumentException("no period to compute");
      }
    }
  }

  private ComparisonTables() {}

  /** The four tables and the ranked rows they are made from (nothing is executed). */
  public static MetricTables compute(SparkSession spark, Inputs inputs) {
    EvaluationPeriods periods = EvaluationPeriods.of(inputs.periods(), inputs.incomeYearUsed());
    SparkSessions.describe(spark, "metrics " + periods.requested().first() + ".."
        + periods.requested().last() + ": " + inputs.catalogue().metrics().size()
        + " metrics, 4 levels");
    Dataset<Row> values = MetricValues.compute(inputs.accepted(), inputs.catalogue(), periods);
    List<RegistryUnits.Unit> units = RegistryUnits.of(inputs.registry());
    Dataset<Row> ranked = LevelTables.rank(spark, units, values, inputs.catalogue(), periods,
        inputs.history());
    return LevelTables.tables(spark, units, ranked, inputs.catalogue(), periods,
        inputs.completenessMinimum());
  }
}
