package com.governancemetrics.metrics;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The dated conditions a rectification case is judged by as of D (SPEC §2, as-of): every range
 * includes both ends.
 */
public enum AsOfPredicate {
  /** identified_date in Y-01-01 … D. */
  IDENTIFIED_YTD,
  /** rectified_date in Y-01-01 … D. */
  RECTIFIED_YTD,
  /** rectified_date ≤ D (not null). */
  RECTIFIED_BY_D,
  /** deadline_date &lt; D and (rectified_date null or after D): a deadline on D is not overdue. */
  OVERDUE,
  /** rectified_date ≤ deadline_date. */
  ON_TIME;

  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<AsOfPredicate> fromConfig(String text) {
    return Arrays.stream(values()).filter(p -> p.configName().equals(text)).findFirst();
  }
}
