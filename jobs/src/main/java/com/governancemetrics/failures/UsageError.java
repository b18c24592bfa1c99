package com.governancemetrics.failures;

/** Options that cannot run: a missing or malformed option, a range the wrong way round. */
public final class UsageError extends Failure {

  public UsageError(String message, String whatToDo) {
    super(message, whatToDo, null);
  }

  public UsageError(String message, String whatToDo, Throwable cause) {
    super(message, whatToDo, cause);
  }
}
