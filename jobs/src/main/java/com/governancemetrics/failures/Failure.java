package com.governancemetrics.failures;

/**
 * A failure the user can act on: what went wrong, and the one line that says what to do (SPEC §4).
 * Thrown by the layer that finds it; the command line maps each kind to its exit code in one place
 * ({@code jobs.ExitCode#of}), so no lower layer decides how a process ends.
 */
public abstract class Failure extends RuntimeException {

  private final String whatToDo;

  protected Failure(String message, String whatToDo, Throwable cause) {
    super(message, cause);
    this.whatToDo = whatToDo;
  }

  /** The failure in {@code thrown} or its causes (Spark wraps what a task or a plan threw). */
  public static java.util.Optional<Failure> in(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof Failure f) {
        return java.util.Optional.of(f);
      }
    }
    return java.util.Optional.empty();
  }

  /**
   * The deepest cause of {@code thrown} in one line, e.g. "No space left on device": what a person
   * needs from a Spark or Hadoop stack trace.
   */
  public static String rootCause(Throwable thrown) {
    Throwable root = thrown;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    if (message == null || message.isBlank()) {
      return root.getClass().getSimpleName();
    }
    String first = message.strip().lines().findFirst().orElse("");
    return first.length() > 300 ? first.substring(0, 300) + "…" : first;
  }

  /** The one line that says what to do about it. */
  public String whatToDo() {
    return whatToDo;
  }
}
