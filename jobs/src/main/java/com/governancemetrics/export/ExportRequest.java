package com.governancemetrics.export;

import com.governancemetrics.periods.Period;
import java.util.List;
import java.util.Optional;

/**
 * What to export: the tables under {@code tablesRoot} (published, or staged by the run that publishes
 * them with the exports) for {@code period}, one province or every province in the tables, the
 * metrics in catalogue order, the run they belong to and its data-quality figures.
 */
public record ExportRequest(
    String tablesRoot,
    Period period,
    Optional<String> province,
    List<MetricPresentation> metrics,
    String runId,
    String version,
    RunQuality quality) {

  public ExportRequest {
    if (tablesRoot == null || tablesRoot.isBlank()) {
      throw new IllegalArgumentException("tablesRoot is blank");
    }
    if (period == null) {
      throw new IllegalArgumentException("period is null");
    }
    // A province code is checked where the user gives it (export --province), not again here.
    province = province == null ? Optional.empty() : province;
    if (metrics == null || metrics.isEmpty()) {
      throw new IllegalArgumentException("no metrics to export");
    }
    metrics = List.copyOf(metrics);
    if (metrics.stream().map(MetricPresentation::id).distinct().count() != metrics.size()) {
      throw new IllegalArgumentException("metric ids repeat in " + metrics);
    }
    if (runId == null || runId.isBlank()) {
      throw new IllegalArgumentException("runId is blank");
    }
    version = version == null ? "" : version;
    if (quality == null) {
      throw new IllegalArgumentException("no data-quality figures (RunQuality.unavailable says why)");
    }
  }
}
