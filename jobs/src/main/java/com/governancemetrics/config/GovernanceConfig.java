package com.governancemetrics.config;

/**
 * The whole configuration of a run, parsed and checked before any data is read (SPEC §2).
 *
 * @param source where it was read from, for messages
 * @param sha256 of the file's bytes, recorded in the run manifest (SPEC §3)
 */
public record GovernanceConfig(String source, String sha256, JobSettings settings) {

  /** The built-in defaults, as shipped in conf/governance.yaml. */
  public static GovernanceConfig defaults() {
    return ConfigLoader.bundled();
  }
}
