package com.governancemetrics.failures;

/**
 * The output root cannot be written at all (missing permission, a read-only or unreachable file
 * system): found before any input is read, when the run takes its lock.
 */
public final class OutputUnwritable extends Failure {

  public OutputUnwritable(String message, String whatToDo, Throwable cause) {
    super(message, whatToDo, cause);
  }
}
