package com.governancemetrics.failures;

import java.util.Optional;

/**
 * The run ran out of heap: neither the input's fault nor the disk's, and more memory fixes it.
 * SPEC §4 gives it no code of its own: it ends with 1 and this line of what to do.
 */
public final class OutOfMemory extends Failure {

  private static final String WHAT_TO_DO = "Give the run more memory "
      + "(GOVERNANCE_METRICS_DRIVER_MEMORY for bin/governance-metrics, spark.driver.memory or "
      + "spark.executor.memory on a cluster), then run again; the previous publication is untouched.";

  private OutOfMemory(String doing, Throwable cause) {
    super("ran out of memory " + doing + ": " + rootCause(cause), WHAT_TO_DO, cause);
  }

  /**
   * The failure of {@code thrown} if an {@link OutOfMemoryError} is in it or its causes (Spark wraps
   * a task's in the job's failure); {@code doing} says what the run was doing, e.g. "computing X".
   */
  public static Optional<Failure> in(Throwable thrown, String doing) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof OutOfMemoryError) {
        return Optional.of(new OutOfMemory(doing, thrown));
      }
    }
    return Optional.empty();
  }
}
