package com.governancemetrics.metrics;

/**
 * A key of a metric's configuration that its kind cannot use (an unknown column, condition, threshold
 * or case type): names the key and says what is wrong; the configuration loader adds the file and path.
 */
public final class InvalidMetricKey extends IllegalArgumentException {

  private final String key;

  public InvalidMetricKey(String key, String problem) {
    super(problem);
    this.key = key;
  }

  /** The key of the metric's entry, e.g. {@code numerator}, {@code filter}, {@code case_types}. */
  public String key() {
    return key;
  }
}
