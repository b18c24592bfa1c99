package com.governancemetrics.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;

/**
 * The named steps of publishing (each staging write, the commit record, each rename of a move, the
 * done mark, the clean-up) and the test-only switches on them, read from the environment (which the
 * launcher passes through): {@value #HALT_AFTER} halts the JVM right after the named step, as a
 * crash there would ({@link Runtime#halt}, exit {@value #HALT_EXIT_CODE}); {@value #TRACE} appends the
 * name of every step taken to the named file. Neither is meant for production runs.
 */
public final class PublishingSteps {

  public static final String HALT_AFTER = "GOVERNANCE_METRICS_HALT_AFTER";
  public static final String TRACE = "GOVERNANCE_METRICS_TRACE_STEPS";
  public static final int HALT_EXIT_CODE = 86;
  /** How a step names the run's own id (the manifest's move), so that steps can be named in advance. */
  public static final String RUN_ID = "<run_id>";

  private PublishingSteps() {}

  /** Marks a step as taken: traced, and the JVM halted there when told to. */
  public static void after(String step) {
    String trace = System.getenv(TRACE);
    if (trace != null && !trace.isBlank()) {
      try {
        Files.writeString(Paths.get(trace), step + "\n", StandardCharsets.UTF_8,
            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    if (step.equals(System.getenv(HALT_AFTER))) {
      System.err.println("HALT after publishing step " + step + " (" + HALT_AFTER + ", test only)");
      System.err.flush();
      Runtime.getRuntime().halt(HALT_EXIT_CODE);
    }
  }
}
