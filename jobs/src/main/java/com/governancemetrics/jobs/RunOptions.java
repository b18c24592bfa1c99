package com.governancemetrics.jobs;

import com.governancemetrics.failures.UsageError;
import java.util.Optional;

/**
 * Where a run reads and writes, validated: the input root, the output root, the configuration file
 * (empty: the defaults bundled in the jar), and whether corrupt input files are skipped.
 */
public record RunOptions(String input, String output, Optional<String> config, boolean skipCorruptFiles) {

  public RunOptions {
    if (input == null || input.isBlank()) {
      throw new UsageError("--input is required: the input root with one folder per dataset",
          "Pass --input, e.g. --input hdfs:///gov/raw (bin/governance-metrics defaults it to data/sample).");
    }
    if (output == null || output.isBlank()) {
      throw new UsageError("--output is required: the root the tables are published under",
          "Pass --output, e.g. --output hdfs:///gov/marts (bin/governance-metrics defaults it to out).");
    }
    config = config == null ? Optional.empty() : config.filter(c -> !c.isBlank());
  }
}
