package com.governancemetrics.jobs;

import picocli.CommandLine.Option;

/** The output root and the configuration file: options of every subcommand that writes an output root. */
public class OutputOptionsMixin {

  @Option(names = "--output", paramLabel = "ROOT",
      defaultValue = "${env:" + RunOptionsMixin.DEFAULT_OUTPUT_ENV + "}",
      description = "Output root: tables, quarantine, exports and _runs/ go under it.")
  String output;

  @Option(names = "--config", paramLabel = "FILE",
      defaultValue = "${env:" + RunOptionsMixin.DEFAULT_CONFIG_ENV + "}",
      description = "governance.yaml (metric catalogue, targets, settings); "
          + "without it the defaults bundled in the jar.")
  String config;
}
