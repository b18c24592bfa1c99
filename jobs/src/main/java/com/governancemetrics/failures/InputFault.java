package com.governancemetrics.failures;

/**
 * Input that is missing or unreadable, named by dataset, file and column (SPEC §1 dataset-level
 * faults); also a published table that an export reads and cannot find.
 */
public final class InputFault extends Failure {

  public InputFault(String message, String whatToDo) {
    super(message, whatToDo, null);
  }

  public InputFault(String message, String whatToDo, Throwable cause) {
    super(message, whatToDo, cause);
  }
}
