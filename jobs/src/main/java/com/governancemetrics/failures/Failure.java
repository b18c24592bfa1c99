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

  /** The one line that says what to do about it. */
  public String whatToDo() {
    return whatToDo;
  }
}
