package com.governancemetrics.export;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/** One unit (township, county, city or province) with its cells by metric id: a row of a comparison table. */
record UnitRow(
    UnitLevel level,
    String provinceCode,
    String provinceName,
    String cityCode,
    String cityName,
    String countyCode,
    String countyName,
    String townshipCode,
    String townshipName,
    Map<String, MetricCell> cells) {

  UnitRow {
    cells = Map.copyOf(cells);
  }

  /** Pivots the long-form rows of one unit (all with the same unit columns) into one row. */
  static UnitRow pivot(UnitLevel level, List<Row> rows) {
    Row first = rows.get(0);
    Map<String, MetricCell> cells = new LinkedHashMap<>();
    for (Row row : rows) {
      MetricCell cell = MetricCell.from(row, level);
      cells.put(cell.metricId(), cell);
    }
    boolean belowProvince = level != UnitLevel.PROVINCE;
    boolean county = level == UnitLevel.COUNTY || level == UnitLevel.TOWNSHIP;
    boolean township = level == UnitLevel.TOWNSHIP;
    return new UnitRow(level,
        MetricCell.string(first, "province_code"), MetricCell.string(first, "province_name"),
        belowProvince ? MetricCell.string(first, "city_code") : null,
        belowProvince ? MetricCell.string(first, "city_name") : null,
        county ? MetricCell.string(first, "county_code") : null,
        county ? MetricCell.string(first, "county_name") : null,
        township ? MetricCell.string(first, "township_code") : null,
        township ? MetricCell.string(first, "township_name") : null,
        cells);
  }

  /** The cell of a metric, or null when the table has no row for it. */
  MetricCell cell(String metricId) {
    return cells.get(metricId);
  }

  /** The code of the unit itself. */
  String code() {
    return switch (level) {
      case TOWNSHIP -> townshipCode;
      case COUNTY -> countyCode;
      case CITY -> cityCode;
      case PROVINCE -> provinceCode;
    };
  }

  /** The name of the unit itself. */
  String name() {
    return switch (level) {
      case TOWNSHIP -> townshipName;
      case COUNTY -> countyName;
      case CITY -> cityName;
      case PROVINCE -> provinceName;
    };
  }
}
