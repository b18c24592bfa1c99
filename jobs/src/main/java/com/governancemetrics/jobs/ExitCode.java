package com.governancemetrics.jobs;

import com.governancemetrics.config.ConfigException;
import com.governancemetrics.failures.ChangesFound;
import com.governancemetrics.failures.Failure;
import com.governancemetrics.failures.InputFault;
import com.governancemetrics.failures.OutputLocked;
import com.governancemetrics.failures.OutputUnwritable;
import com.governancemetrics.failures.QualityGateBreach;
import com.governancemetrics.failures.UsageError;

/** The process exit codes of SPEC §4, and the one place that maps a failure to its code. */
public enum ExitCode {
  DONE(0),
  FAILED(1),
  USAGE(2),
  QUALITY_GATE(3),
  INPUT(4),
  LOCKED(5),
  /** Only with --fail-on-change: the dry run or diff found changes. */
  CHANGED(6);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /**
   * The exit code of a failure: 2 usage or configuration, 3 quality gate, 4 input missing or
   * unreadable (or an output root that cannot be written at all), 5 output root locked, 1 else.
   */
  public static ExitCode of(Failure failure) {
    if (failure instanceof UsageError || failure instanceof ConfigException) {
      return USAGE;
    }
    if (failure instanceof QualityGateBreach) {
      return QUALITY_GATE;
    }
    if (failure instanceof InputFault || failure instanceof OutputUnwritable) {
      return INPUT;
    }
    if (failure instanceof OutputLocked) {
      return LOCKED;
    }
    if (failure instanceof ChangesFound) {
      return CHANGED;
    }
    return FAILED;
  }
}
