package com.governancemetrics.export;

import com.governancemetrics.rollup.Level;
import org.apache.spark.sql.Row;

/**
 * One unit's row for one metric (SPEC §3), its anomaly flag included, with the rank of the unit's own level (rank_in_province for
 * counties and cities, rank_in_county for townships, rank_in_country for provinces).
 */
record MetricCell(
    String metricId,
    String dataPeriod,
    Double numerator,
    Double denominator,
    Double value,
    Integer rank,
    Integer rankedIn,
    Integer prevRank,
    Integer rankChange,
    Double provinceValue,
    Double target,
    Double targetMax,
    Boolean meetsTarget,
    Double prevValue,
    Double yoyValue,
    Double completeness,
    Boolean lowCompleteness,
    Boolean anomaly,
    String anomalyReason) {

  MetricCell {
    if (metricId == null) {
      throw new IllegalArgumentException("metric_id is null");
    }
  }

  /** Reads the cell from a row of the level's table (columns by name; numbers of any numeric type). */
  static MetricCell from(Row row, Level level) {
    return new MetricCell(
        string(row, "metric_id"),
        string(row, "data_period"),
        number(row, "numerator"),
        number(row, "denominator"),
        number(row, "value"),
        integer(row, level.rankColumn()),
        integer(row, level.rankedColumn()),
        integer(row, level.prevRankColumn()),
        integer(row, "rank_change"),
        number(row, "province_value"),
        number(row, "target"),
        number(row, "target_max"),
        bool(row, "meets_target"),
        number(row, "prev_value"),
        number(row, "yoy_value"),
        number(row, "completeness"),
        bool(row, "low_completeness"),
        bool(row, "anomaly"),
        string(row, "anomaly_reason"));
  }

  /** The value when it is a real number; NaN and infinities (never valid per SPEC §2) count as none. */
  Double shownValue() {
    return value == null || value.isNaN() || value.isInfinite() ? null : value;
  }

  boolean isLowCompleteness() {
    return Boolean.TRUE.equals(lowCompleteness);
  }

  /** Whether the value looks implausible (SPEC §3 anomaly); the reason is {@link #anomalyReason}. */
  boolean isAnomaly() {
    return Boolean.TRUE.equals(anomaly);
  }

  boolean belowTarget() {
    return Boolean.FALSE.equals(meetsTarget);
  }

  static String string(Row row, String column) {
    Object value = row.get(row.fieldIndex(column));
    return value == null ? null : value.toString();
  }

  private static Double number(Row row, String column) {
    Object value = row.get(row.fieldIndex(column));
    return value == null ? null : ((Number) value).doubleValue();
  }

  private static Integer integer(Row row, String column) {
    Object value = row.get(row.fieldIndex(column));
    return value == null ? null : ((Number) value).intValue();
  }

  private static Boolean bool(Row row, String column) {
    Object value = row.get(row.fieldIndex(column));
    return value == null ? null : (Boolean) value;
  }
}
