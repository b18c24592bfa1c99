package com.governancemetrics.export;

import com.governancemetrics.rollup.Level;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/** One unit (township, county, city or province) with its cells by metric id: a row of a comparison table. */
record UnitRow(
    Level level,
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
  static UnitRow pivot(Level level, List<Row> rows) {
    Row first = rows.get(0);
    Map<String, MetricCell> cells = new LinkedHashMap<>();
    for (Row row : rows) {
      MetricCell cell = MetricCell.from(row, level);
      cells.put(cell.metricId(), cell);
    }
    return new UnitRow(level,
        unitColumn(first, level, Level.PROVINCE.codeColumn()),
        unitColumn(first, level, Level.PROVINCE.nameColumn()),
        unitColumn(first, level, Level.CITY.codeColumn()),
        unitColumn(first, level, Level.CITY.nameColumn()),
        unitColumn(first, level, Level.COUNTY.codeColumn()),
        unitColumn(first, level, Level.COUNTY.nameColumn()),
        unitColumn(first, level, Level.TOWNSHIP.codeColumn()),
        unitColumn(first, level, Level.TOWNSHIP.nameColumn()),
        cells);
  }

  /** A code or name column of the row, or null when the level's table has no such column. */
  private static String unitColumn(Row row, Level level, String column) {
    return level.unitColumns().contains(column) ? MetricCell.string(row, column) : null;
  }

  /** The cell of a metric, or null when the table has no row for it. */
  MetricCell cell(String metricId) {
    return cells.get(metricId);
  }
}
