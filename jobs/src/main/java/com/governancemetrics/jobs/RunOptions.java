package com.governancemetrics.jobs;

import com.governancemetrics.failures.UsageError;
import java.io.IOException;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Where a run reads and writes, validated: the input root (empty for the subcommands that read
 * publications only: export, diff), the output root, the configuration file (empty: the defaults
 * bundled in the jar), and whether corrupt input files are skipped.
 */
public record RunOptions(Optional<String> input, String output, Optional<String> config,
    boolean skipCorruptFiles) {

  public RunOptions {
    if (output == null || output.isBlank()) {
      throw new UsageError("--output is required: the root the tables are published under",
          "Pass --output, e.g. --output hdfs:///gov/marts (bin/governance-metrics defaults it to out).");
    }
    input = input == null ? Optional.empty() : input.filter(i -> !i.isBlank());
    config = config == null ? Optional.empty() : config.filter(c -> !c.isBlank());
  }

  /** The options of a subcommand that reads the input root, which it requires. */
  static RunOptions reading(String input, String output, String config, boolean skipCorruptFiles) {
    if (input == null || input.isBlank()) {
      throw new UsageError("--input is required: the input root with one folder per dataset",
          "Pass --input, e.g. --input hdfs:///gov/raw (bin/governance-metrics defaults it to data/sample).");
    }
    return new RunOptions(Optional.of(input), output, Optional.ofNullable(config), skipCorruptFiles);
  }

  /** The options of a subcommand that reads what is published under the output root only. */
  static RunOptions publications(String output, String config) {
    return new RunOptions(Optional.empty(), output, Optional.ofNullable(config), false);
  }

  /** The input root of a subcommand that reads it ({@link #reading}). */
  String inputRoot() {
    return input.orElseThrow(() -> new IllegalStateException("this subcommand reads no input root"));
  }

  /**
   * {@code --output} must not be the input root or inside it (SPEC §1: the input is read only);
   * checked after the configuration, before Spark starts.
   */
  void requireOutputApartFromInput() {
    if (input.isEmpty()) {
      return;
    }
    String in = qualified(input.get());
    String out = qualified(output);
    if (out.equals(in) || out.startsWith(in + "/")) {
      throw new UsageError("--output " + output + " is " + (out.equals(in) ? "the input root"
          : "inside the input root " + input.get()) + ": the tables would be written among the counties' "
          + "deliveries", "Pass an --output outside the input root, e.g. a sibling folder.");
    }
  }

  /** The path with its file system's scheme and authority, relative paths resolved, no trailing /. */
  private static String qualified(String path) {
    try {
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(new Configuration());
      return fs.makeQualified(p).toString().replaceAll("/+$", "");
    } catch (IOException | IllegalArgumentException e) {
      return path;
    }
  }
}
