package com.governancemetrics.jobs;

/**
 * A failure the user can act on: its exit code (SPEC §4), what went wrong, and the one line that says
 * what to do. Thrown anywhere below a job; the main class prints it and exits with its code.
 */
public class JobFailure extends RuntimeException {

  private final ExitCode exitCode;
  private final String whatToDo;

  public JobFailure(ExitCode exitCode, String message, String whatToDo) {
    super(message);
    this.exitCode = exitCode;
    this.whatToDo = whatToDo;
  }

  public JobFailure(ExitCode exitCode, String message, String whatToDo, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
    this.whatToDo = whatToDo;
  }

  /** Bad options or configuration: exit 2. */
  public static JobFailure usage(String message, String whatToDo) {
    return new JobFailure(ExitCode.USAGE, message, whatToDo);
  }

  /** Missing, unreadable or structurally wrong input: exit 4. */
  public static JobFailure input(String message, String whatToDo) {
    return new JobFailure(ExitCode.INPUT, message, whatToDo);
  }

  public ExitCode exitCode() {
    return exitCode;
  }

  public String whatToDo() {
    return whatToDo;
  }
}
