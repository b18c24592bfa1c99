package com.governancemetrics.jobs;

import java.util.Optional;
import picocli.CommandLine.Option;

/** The options every data-reading subcommand shares; defaults come from the launcher's environment. */
public class RunOptionsMixin {

  /** Environment variables bin/governance-metrics sets for its local defaults. */
  public static final String DEFAULT_INPUT_ENV = "GOVERNANCE_METRICS_DEFAULT_INPUT";
  public static final String DEFAULT_OUTPUT_ENV = "GOVERNANCE_METRICS_DEFAULT_OUTPUT";
  public static final String DEFAULT_CONFIG_ENV = "GOVERNANCE_METRICS_DEFAULT_CONFIG";

  @Option(names = "--input", paramLabel = "ROOT",
      defaultValue = "${env:" + DEFAULT_INPUT_ENV + "}",
      description = "Input root: one folder per dataset (grid_coverage/, service_appeals/, "
          + "collective_income/, rectification_cases/, optionally townships/).")
  String input;

  @Option(names = "--output", paramLabel = "ROOT",
      defaultValue = "${env:" + DEFAULT_OUTPUT_ENV + "}",
      description = "Output root: tables, quarantine, exports and _runs/ go under it.")
  String output;

  @Option(names = "--config", paramLabel = "FILE",
      defaultValue = "${env:" + DEFAULT_CONFIG_ENV + "}",
      description = "governance.yaml (metric catalogue, targets, settings); "
          + "without it the defaults bundled in the jar.")
  String config;

  @Option(names = "--skip-corrupt-files",
      description = "Skip unreadable or corrupt input files (listed in the manifest) instead of failing.")
  boolean skipCorruptFiles;

  public RunOptions toRunOptions() {
    return new RunOptions(input, output, Optional.ofNullable(config), skipCorruptFiles);
  }
}
