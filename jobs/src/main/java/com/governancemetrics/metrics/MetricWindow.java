package com.governancemetrics.metrics;

import com.governancemetrics.input.InputDataset;
import com.governancemetrics.periods.Period;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/** The time window of a metric (SPEC §2, Windows), and the datasets it applies to. */
public enum MetricWindow {
  /** Rows of period P. */
  STOCK("stock", Set.of(InputDataset.GRID_COVERAGE, InputDataset.SERVICE_APPEALS)),
  /** Rows of Y-01 … P, summed. */
  YTD("ytd", Set.of(InputDataset.GRID_COVERAGE, InputDataset.SERVICE_APPEALS)),
  /** Rows of the one collective_income year used for Y. */
  ANNUAL("annual", Set.of(InputDataset.COLLECTIVE_INCOME)),
  /** Case rows judged by their dates as of D. */
  AS_OF("as_of", Set.of(InputDataset.RECTIFICATION_CASES));

  private final String configName;
  private final Set<InputDataset> datasets;

  MetricWindow(String configName, Set<InputDataset> datasets) {
    this.configName = configName;
    this.datasets = datasets;
  }

  public String configName() {
    return configName;
  }

  /** The datasets this window can be computed on. */
  public Set<InputDataset> datasets() {
    return datasets;
  }

  public static Optional<MetricWindow> fromConfig(String text) {
    return Arrays.stream(values()).filter(w -> w.configName.equals(text)).findFirst();
  }

  /**
   * The data_period label of SPEC §3 for period P: {@code 2024-06}, {@code 2024-01..2024-06},
   * {@code as of 2024-06-30}; for annual it is the year used, which only the data knows (null here).
   */
  public String label(Period p) {
    return switch (this) {
      case STOCK -> p.toString();
      case YTD -> Period.of(p.year(), 1) + ".." + p;
      case ANNUAL -> null;
      case AS_OF -> "as of " + p.lastDay();
    };
  }
}
