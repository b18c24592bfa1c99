package com.governancemetrics.jobs;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of the subcommands that read publications only (export, diff): the output root and
 * the configuration.
 */
public class PublishedOptionsMixin {

  @Mixin
  OutputOptionsMixin outputAndConfig;

  // A scheduler's command line written for nightly works for export and diff too: the input
  // options are accepted, not shown, and change nothing (these subcommands read no input).
  @Option(names = "--input", paramLabel = "ROOT", hidden = true)
  String ignoredInput;

  @Option(names = "--skip-corrupt-files", hidden = true)
  boolean ignoredSkipCorruptFiles;

  public RunOptions toRunOptions() {
    return RunOptions.publications(outputAndConfig.output, outputAndConfig.config);
  }
}
