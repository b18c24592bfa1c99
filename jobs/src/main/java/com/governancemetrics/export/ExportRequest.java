package com.governancemetrics.export;

import com.governancemetrics.periods.Period;
import java.util.List;
import java.util.Optional;

/**
 * What to export: the published tables under {@code outputRoot} for {@code period}, one province or
 * every province in the tables, the metrics in catalogue order, and the run they belong to.
 * {@code manifestPath} names the run's manifest.json; a relative path is taken under outputRoot.
 */
public record ExportRequest(
    String outputRoot,
    Period period,
    Optional<String> province,
    List<MetricPresentation> metrics,
    String runId,
    String version,
    Optional<String> manifestPath) {

  public ExportRequest {
    if (outputRoot == null || outputRoot.isBlank()) {
      throw new IllegalArgumentException("outputRoot is blank");
    }
    if (period == null) {
      throw new IllegalArgumentException("period is null");
    }
    province = province == null ? Optional.empty() : province;
    province.ifPresent(code -> {
      if (!code.matches("[0-9]{2}")) {
        throw new IllegalArgumentException("province '" + code + "' is not a 2-digit province code");
      }
    });
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
    manifestPath = manifestPath == null ? Optional.empty() : manifestPath;
  }
}
