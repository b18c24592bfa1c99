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
 * bin/governance-metrics as a user runs it, in a process: its exit code and what it printed, or the
 * running process, to kill. The publishing steps' test hooks (GOVERNANCE_METRICS_HALT_AFTER,
 * _TRACE_STEPS) are cleared unless the test passes them.
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
    return start(workDir, env, args).await(minutes);
  }

  /** Starts the command in {@code workDir} without waiting for it. */
  public static Running start(Path workDir, Map<String, String> env, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(SharedSpark.projectRoot().resolve("bin/governance-metrics").toString());
    command.addAll(List.of(args));
    Path stdout = Files.createTempFile(workDir, "out", ".txt");
    Path stderr = Files.createTempFile(workDir, "err", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    TEST_HOOKS.forEach(builder.environment()::remove);
    builder.environment().putAll(env);
    return new Running(builder.start(), command, stdout, stderr);
  }

  /** A started run: wait for it, or kill it as a crash would. */
  public static final class Running {
    private final Process process;
    private final List<String> command;
    private final Path stdout;
    private final Path stderr;

    private Running(Process process, List<String> command, Path stdout, Path stderr) {
      this.process = process;
      this.command = command;
      this.stdout = stdout;
      this.stderr = stderr;
    }

    /** The launcher's process id (its JVM runs under it). */
    public long pid() {
      return process.pid();
    }

    /** Whether the launcher (and so its run) is still going. */
    public boolean isAlive() {
      return process.isAlive();
    }

    /** Waits at most {@code minutes}; a run still going then is killed and the test fails. */
    public Result await(int minutes) throws IOException, InterruptedException {
      if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
        kill();
        throw new AssertionError("did not finish in " + minutes + " minutes: " + command);
      }
      return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
          Files.readString(stderr, StandardCharsets.UTF_8));
    }

    /** SIGKILL to the launcher and every process under it (the JVM), as a crash or an OOM killer would. */
    public void kill() throws InterruptedException {
      List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
      all.add(process.toHandle());
      all.forEach(ProcessHandle::destroyForcibly);
      process.waitFor(1, TimeUnit.MINUTES);
      for (ProcessHandle h : all) {
        h.onExit().join();
      }
    }
  }

  /** The same with the launcher's environment as it is, within ten minutes. */
  public static Result run(Path workDir, String... args) throws IOException, InterruptedException {
    return run(workDir, Map.of(), 10, args);
  }
}
