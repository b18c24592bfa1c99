package com.governancemetrics.export;

import java.util.Set;

/**
 * How one metric is presented to people: its id (SPEC §2), Chinese label, one-sentence Chinese
 * definition, value format and direction (higher, lower, band or none).
 */
public record MetricPresentation(
    String id, String label, String definition, ValueFormat format, String direction) {

  private static final Set<String> DIRECTIONS = Set.of("higher", "lower", "band", "none");

  public MetricPresentation {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("metric id is blank");
    }
    if (label == null || label.isBlank()) {
      throw new IllegalArgumentException("metric " + id + ": label is blank");
    }
    if (definition == null) {
      definition = "";
    }
    if (format == null) {
      throw new IllegalArgumentException("metric " + id + ": format is null");
    }
    if (!DIRECTIONS.contains(direction)) {
      throw new IllegalArgumentException("metric " + id + ": direction '" + direction
          + "' is not one of higher, lower, band, none");
    }
  }

  /** Higher and lower metrics are ranked (SPEC §2 Ranks); band and none metrics get no rank. */
  public boolean ranked() {
    return direction.equals("higher") || direction.equals("lower");
  }

  /** The label with its unit for a column header, e.g. 三长联系户覆盖率(%); the unit is not repeated. */
  public String labelWithUnit() {
    String unit = format.unit();
    if (unit.isEmpty() || label.contains("(" + unit + ")") || label.contains("（" + unit + "）")) {
      return label;
    }
    return label + "(" + unit + ")";
  }
}
