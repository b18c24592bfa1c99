package com.governancemetrics.metrics;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Which way a metric is better (SPEC §2): ranks and targets follow it. */
public enum Direction {
  /** Larger is better: ranked largest first, target is a minimum. */
  HIGHER,
  /** Smaller is better: ranked smallest first, target is the maximum allowed. */
  LOWER,
  /** Good inside [min, max]: not ranked. */
  BAND,
  /** Descriptive only: not ranked, no target. */
  NONE;

  /** The word used in the configuration. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Direction> fromConfig(String text) {
    return Arrays.stream(values()).filter(d -> d.configName().equals(text)).findFirst();
  }

  /** Only higher and lower metrics get ranks and ranked_in_* counts (SPEC §2). */
  public boolean ranked() {
    return this == HIGHER || this == LOWER;
  }
}
