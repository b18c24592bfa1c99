package com.governancemetrics.metrics;

/**
 * A metric's target (SPEC §2): the minimum for higher, the maximum allowed for lower, the band's
 * minimum for band with {@code max} its maximum (null otherwise).
 */
public record Target(double value, Double max) implements java.io.Serializable {

  public Target {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("target must be a finite number");
    }
    if (max != null && max < value) {
      throw new IllegalArgumentException("band max " + max + " is below its min " + value);
    }
  }

  public static Target of(double value) {
    return new Target(value, null);
  }

  public static Target band(double min, double max) {
    return new Target(min, max);
  }

  public boolean isBand() {
    return max != null;
  }
}
