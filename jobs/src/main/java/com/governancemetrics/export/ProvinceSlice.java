package com.governancemetrics.export;

import com.governancemetrics.rollup.Level;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A province's part of the published tables, small enough for the driver: its own row (全省合计), its
 * cities and its counties, each ordered by code (counties by city, then county code).
 */
record ProvinceSlice(String provinceCode, String provinceName, Optional<UnitRow> total,
                     List<UnitRow> cities, List<UnitRow> counties) {

  ProvinceSlice {
    cities = List.copyOf(cities);
    counties = List.copyOf(counties);
  }

  /** The province row, or an empty row when province_metrics has none for this province. */
  UnitRow totalOrEmpty() {
    return total.orElseGet(() -> new UnitRow(Level.PROVINCE, provinceCode, provinceName,
        null, null, null, null, null, null, Map.of()));
  }

  /** The data period a metric's numbers describe (SPEC §3 data_period), from the first row that has it. */
  String dataPeriod(String metricId) {
    return total.map(t -> t.cell(metricId)).map(MetricCell::dataPeriod)
        .or(() -> counties.stream().map(c -> c.cell(metricId))
            .filter(c -> c != null && c.dataPeriod() != null).map(MetricCell::dataPeriod).findFirst())
        .orElse("");
  }

  /** The province's own cell of a metric (value, target, national rank), or null. */
  MetricCell provinceCell(String metricId) {
    return total.map(t -> t.cell(metricId)).orElse(null);
  }

  /** The target of a metric in this province: from the province row, else from any county row. */
  Optional<MetricCell> targetSource(String metricId) {
    MetricCell own = provinceCell(metricId);
    if (own != null && own.target() != null) {
      return Optional.of(own);
    }
    return counties.stream().map(c -> c.cell(metricId))
        .filter(c -> c != null && c.target() != null).findFirst();
  }
}
