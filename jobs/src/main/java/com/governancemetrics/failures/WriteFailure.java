package com.governancemetrics.failures;

/** The output could not be written: names the path and the cause (a full disk, a lost permission). */
public final class WriteFailure extends Failure {

  public WriteFailure(String message, String whatToDo, Throwable cause) {
    super(message, whatToDo, cause);
  }
}
