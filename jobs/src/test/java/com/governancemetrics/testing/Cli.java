package com.governancemetrics.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * bin/governance-metrics as a user runs it, in a process: its exit code and what it printed. The
 * publishing steps' test hooks (GOVERNANCE_METRICS_HALT_AFTER, _TRACE_STEPS) are cleared unless the
 * test passes them.
 */
public final class Cli {

  /** How a run ended. */
  public record Result(int exitCode, String stdout, String stderr) {
    public String all() {
      return stdout + stderr;
    }
  }

  private static final List<String> TEST_HOOKS = List.of("GOVERNANCE_METRICS_HALT_AFTER",
      "GOVERNANCE_METRICS_TRACE_STEPS");

  private Cli() {}

  /** Runs the command in {@code workDir} and waits for it (at most {@code minutes}). */
  public static Result run(Path workDir, Map<String, String> env, int minutes, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(SharedSpark.projectRoot().resolve("bin/governance-metrics").toString());
    command.addAll(List.of(args));
    Path stdout = Files.createTempFile(workDir, "out", ".txt");
    Path stderr = Files.createTempFile(workDir, "err", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    TEST_HOOKS.forEach(builder.environment()::remove);
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new AssertionError("did not finish in " + minutes + " minutes: " + command);
    }
    return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
        Files.readString(stderr, StandardCharsets.UTF_8));
  }

  /** The same with the launcher's environment as it is, within ten minutes. */
  public static Result run(Path workDir, String... args) throws IOException, InterruptedException {
    return run(workDir, Map.of(), 10, args);
  }
}
