package com.governancemetrics.export;

import com.governancemetrics.metrics.Direction;
import com.governancemetrics.metrics.MetricCatalogue;
import com.governancemetrics.metrics.MetricDefinition;
import com.governancemetrics.metrics.MetricKind;
import java.util.List;

/** How the run's catalogue is shown to people: label, definition and number format of each metric. */
public final class MetricPresentations {

  private MetricPresentations() {}

  /** The catalogue's metrics in catalogue order. */
  public static List<MetricPresentation> of(MetricCatalogue catalogue) {
    return catalogue.metrics().stream().map(MetricPresentations::of).toList();
  }

  static MetricPresentation of(MetricDefinition m) {
    return new MetricPresentation(m.id(), m.label(), m.definition(), format(m),
        m.direction().configName());
  }

  /**
   * Counts as integers, medians of yuan columns in yuan, shares and rates as percentages; a ratio
   * judged against a band (e.g. households per 邻长) is an average, not a share, and is shown as a
   * plain number.
   */
  static ValueFormat format(MetricDefinition m) {
    MetricKind kind = m.kind();
    if (kind instanceof MetricKind.FilteredCount || kind instanceof MetricKind.CaseCount) {
      return ValueFormat.COUNT;
    }
    if (kind instanceof MetricKind.Median median) {
      return median.column().endsWith("_yuan") ? ValueFormat.YUAN : ValueFormat.NUMBER;
    }
    if (kind instanceof MetricKind.Ratio && m.direction() == Direction.BAND) {
      return ValueFormat.NUMBER;
    }
    return ValueFormat.PERCENT;
  }
}
