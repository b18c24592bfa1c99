package com.governancemetrics.config;

import java.util.List;

/**
 * Run settings from the {@code settings:} and {@code case_types:} sections of the configuration.
 *
 * @param quarantineTolerance a dataset whose quarantined share of rows read exceeds this fails the
 *     quality gate (SPEC §1; default 0.05)
 * @param completenessMinimum below this a unit's completeness is flagged low (SPEC §2; default 0.9)
 * @param shufflePartitions spark.sql.shuffle.partitions for the job
 * @param caseTypes the configured rectification case types (SPEC §1); others are unknown_case_type
 */
public record JobSettings(
    double quarantineTolerance,
    double completenessMinimum,
    int shufflePartitions,
    List<String> caseTypes) {

  public static final double DEFAULT_QUARANTINE_TOLERANCE = 0.05;
  public static final double DEFAULT_COMPLETENESS_MINIMUM = 0.9;
  public static final int DEFAULT_SHUFFLE_PARTITIONS = 8;
  public static final List<String> DEFAULT_CASE_TYPES =
      List.of("weak_party_org", "inspection_finding");

  public JobSettings {
    caseTypes = List.copyOf(caseTypes);
  }

  public static JobSettings defaults() {
    return new JobSettings(DEFAULT_QUARANTINE_TOLERANCE, DEFAULT_COMPLETENESS_MINIMUM,
        DEFAULT_SHUFFLE_PARTITIONS, DEFAULT_CASE_TYPES);
  }

  public JobSettings withQuarantineTolerance(double tolerance) {
    return new JobSettings(tolerance, completenessMinimum, shufflePartitions, caseTypes);
  }
}
