package com.governancemetrics.export;

import java.util.List;
import java.util.stream.Stream;

/**
 * The column group a metric gets in a province's tables: the value always; rank and rank change for
 * ranked metrics; 达标情况 when the province has a target for the metric (targets are configuration and
 * may differ per province, SPEC §2, so a metric without one gets no empty 达标 column).
 */
record MetricColumns(MetricPresentation metric, boolean ranked, boolean targeted, String dataPeriod) {

  static List<MetricColumns> plan(List<MetricPresentation> metrics, ProvinceSlice slice) {
    return metrics.stream().map(metric -> {
      boolean targeted = slice.targetSource(metric.id()).isPresent()
          || Stream.concat(slice.cities().stream(), slice.counties().stream())
              .map(u -> u.cell(metric.id())).anyMatch(c -> c != null && c.target() != null);
      return new MetricColumns(metric, metric.ranked(), targeted, slice.dataPeriod(metric.id()));
    }).toList();
  }

  String id() {
    return metric.id();
  }
}
