package com.governancemetrics.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code bin/governance-metrics nightly --period 2024-06} on the committed sample per test JVM,
 * as a user runs it (a process, the launcher, Spark's own submit path), with Spark's event log on;
 * the suites that check a whole-sample nightly share its output instead of running it again.
 */
public final class SampleNightly {

  /** The period the shared nightly publishes. */
  public static final String PERIOD = "2024-06";

  /** The run: its output root, its event log folder, and what the process said. */
  public record Run(Path out, Path events, int exitCode, String stdout, String stderr) {
    public String all() {
      return stdout + stderr;
    }
  }

  private static Run run;

  private SampleNightly() {}

  public static synchronized Run get() throws IOException, InterruptedException {
    if (run == null) {
      Path work = Files.createTempDirectory("sample-nightly");
      Path out = work.resolve("out");
      Path events = Files.createDirectories(work.resolve("events"));
      Path stdout = work.resolve("stdout.txt");
      Path stderr = work.resolve("stderr.txt");
      ProcessBuilder builder = new ProcessBuilder(List.of(
          SharedSpark.projectRoot().resolve("bin/governance-metrics").toString(), "nightly",
          "--period", PERIOD, "--output", out.toString()))
          .directory(work.toFile()).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
      builder.environment().put("GOVERNANCE_METRICS_SPARK_CONF",
          "--conf spark.eventLog.enabled=true --conf spark.eventLog.dir=" + events.toUri()
              + " --conf spark.eventLog.compress=false");
      Process process = builder.start();
      if (!process.waitFor(15, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException("the sample nightly did not finish in 15 minutes");
      }
      run = new Run(out, events, process.exitValue(),
          Files.readString(stdout, StandardCharsets.UTF_8),
          Files.readString(stderr, StandardCharsets.UTF_8));
    }
    return run;
  }
}
