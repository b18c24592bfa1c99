package com.governancemetrics.jobs;

import picocli.CommandLine.Mixin;
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

  @Mixin
  OutputOptionsMixin outputAndConfig;

  @Option(names = "--skip-corrupt-files",
      description = "Skip unreadable or corrupt input files (listed in the manifest) instead of failing.")
  boolean skipCorruptFiles;

  public RunOptions toRunOptions() {
    return RunOptions.reading(input, outputAndConfig.output, outputAndConfig.config, skipCorruptFiles);
  }
}
