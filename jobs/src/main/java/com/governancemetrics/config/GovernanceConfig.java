package com.governancemetrics.config;

import com.governancemetrics.metrics.MetricCatalogue;
import java.util.Objects;

/**
 * The whole configuration of a run, parsed and checked before any data is read (SPEC §2).
 *
 * @param source where it was read from, for messages
 * @param sha256 of the file's bytes, recorded in the run manifest (SPEC §3)
 * @param catalogue the metrics with their thresholds, targets and per-province overrides
 */
public record GovernanceConfig(String source, String sha256, JobSettings settings,
    MetricCatalogue catalogue) {

  public GovernanceConfig {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(catalogue, "catalogue");
  }

  /** Settings with the shipped catalogue (conf/governance.yaml bundled in the jar). */
  public GovernanceConfig(String source, String sha256, JobSettings settings) {
    this(source, sha256, settings, ConfigLoader.bundled().catalogue());
  }

  /** The built-in defaults, as shipped in conf/governance.yaml. */
  public static GovernanceConfig defaults() {
    return ConfigLoader.bundled();
  }

  /** The same configuration with another catalogue (tests, a province's extra metric). */
  public GovernanceConfig withCatalogue(MetricCatalogue other) {
    return new GovernanceConfig(source, sha256, settings, other);
  }
}
