package com.governancemetrics.config;

import com.governancemetrics.output.Publication;
import java.time.Duration;
import java.util.List;

/**
 * Run settings from the {@code settings:} and {@code case_types:} sections of the configuration.
 *
 * @param quarantineTolerance a dataset whose quarantined share of rows read exceeds this fails the
 *     quality gate (SPEC §1; default 0.05)
 * @param completenessMinimum below this a unit's completeness is flagged low (SPEC §2; default 0.9)
 * @param shufflePartitions spark.sql.shuffle.partitions for the job
 * @param caseTypes the configured rectification case types (SPEC §1); others are unknown_case_type
 * @param historyKeep how many replaced publications of a period are kept under
 *     {@code <table>/_history/} (SPEC §3; default 10, 0 keeps none)
 * @param lockStaleAfterSeconds a lock on the output root not renewed for this long is taken over
 *     (default 300)
 */
public record JobSettings(
    double quarantineTolerance,
    double completenessMinimum,
    int shufflePartitions,
    List<String> caseTypes,
    int historyKeep,
    int lockStaleAfterSeconds) {

  public static final double DEFAULT_QUARANTINE_TOLERANCE = 0.05;
  public static final double DEFAULT_COMPLETENESS_MINIMUM = 0.9;
  public static final int DEFAULT_SHUFFLE_PARTITIONS = 8;
  public static final List<String> DEFAULT_CASE_TYPES =
      List.of("weak_party_org", "inspection_finding");
  public static final int DEFAULT_HISTORY_KEEP = Publication.DEFAULT_HISTORY_KEEP;
  public static final int DEFAULT_LOCK_STALE_AFTER_SECONDS = 300;

  public JobSettings {
    caseTypes = List.copyOf(caseTypes);
    if (historyKeep < 0) {
      throw new IllegalArgumentException("historyKeep must be at least 0, got " + historyKeep);
    }
    if (lockStaleAfterSeconds < 1) {
      throw new IllegalArgumentException("lockStaleAfterSeconds must be at least 1, got "
          + lockStaleAfterSeconds);
    }
  }

  /** The settings before history_keep and lock_stale_after_seconds existed: those at their defaults. */
  public JobSettings(double quarantineTolerance, double completenessMinimum, int shufflePartitions,
      List<String> caseTypes) {
    this(quarantineTolerance, completenessMinimum, shufflePartitions, caseTypes,
        DEFAULT_HISTORY_KEEP, DEFAULT_LOCK_STALE_AFTER_SECONDS);
  }

  public static JobSettings defaults() {
    return new JobSettings(DEFAULT_QUARANTINE_TOLERANCE, DEFAULT_COMPLETENESS_MINIMUM,
        DEFAULT_SHUFFLE_PARTITIONS, DEFAULT_CASE_TYPES, DEFAULT_HISTORY_KEEP,
        DEFAULT_LOCK_STALE_AFTER_SECONDS);
  }

  public JobSettings withQuarantineTolerance(double tolerance) {
    return new JobSettings(tolerance, completenessMinimum, shufflePartitions, caseTypes,
        historyKeep, lockStaleAfterSeconds);
  }

  /** {@link #lockStaleAfterSeconds} as a duration. */
  public Duration lockStaleAfter() {
    return Duration.ofSeconds(lockStaleAfterSeconds);
  }
}
