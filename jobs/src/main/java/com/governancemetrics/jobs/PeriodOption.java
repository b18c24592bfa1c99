package com.governancemetrics.jobs;

import com.governancemetrics.failures.UsageError;
import com.governancemetrics.periods.Period;

/** The {@code --period} that nightly, validate and export require, checked the same way by each. */
final class PeriodOption {

  private PeriodOption() {}

  /** The period, or a usage error that names the option and shows how to give it. */
  static Period require(Period period) {
    if (period == null) {
      throw new UsageError("--period is required", "Pass --period YYYY-MM, e.g. --period 2024-06.");
    }
    return period;
  }
}
