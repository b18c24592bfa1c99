package com.governancemetrics.jobs;

/** The one main class of the jar: parses the subcommand and runs it (SPEC §4). */
public final class GovernanceMetrics {

  private GovernanceMetrics() {}

  public static void main(String[] args) {
    // Filled in by the CLI work: picocli subcommands nightly, backfill, validate, generate, registry.
  }
}
