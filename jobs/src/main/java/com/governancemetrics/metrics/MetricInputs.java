package com.governancemetrics.metrics;

import com.governancemetrics.config.GovernanceConfig;
import com.governancemetrics.input.InputDataset;
import com.governancemetrics.periods.Period;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What the metric engine computes from.
 *
 * @param accepted accepted rows per fact dataset, each exactly {@link InputDataset#acceptedSchema()}
 * @param registry the townships registry (TownshipRegistry.townships())
 * @param periods the periods to publish (one for nightly, many for backfill: one job)
 * @param incomeYearUsed evaluation year → collective_income year used; may be empty (or miss a
 *     year): then the latest year ≤ Y with an accepted row is derived from the data
 */
public record MetricInputs(Map<InputDataset, Dataset<Row>> accepted, Dataset<Row> registry,
    List<Period> periods, GovernanceConfig config, Map<Integer, Integer> incomeYearUsed) {

  public MetricInputs {
    accepted = Map.copyOf(accepted);
    Objects.requireNonNull(registry, "registry");
    periods = List.copyOf(periods);
    Objects.requireNonNull(config, "config");
    incomeYearUsed = incomeYearUsed == null ? Map.of() : Map.copyOf(incomeYearUsed);
    if (periods.isEmpty()) {
      throw new IllegalArgumentException("no period to compute");
    }
  }

  public MetricInputs(Map<InputDataset, Dataset<Row>> accepted, Dataset<Row> registry,
      List<Period> periods, GovernanceConfig config) {
    this(accepted, registry, periods, config, Map.of());
  }
}
