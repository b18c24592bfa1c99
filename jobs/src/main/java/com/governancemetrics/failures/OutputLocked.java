package com.governancemetrics.failures;

/** Another run holds the output root (SPEC §3: one run at a time writes an output root). */
public final class OutputLocked extends Failure {

  public OutputLocked(String message, String whatToDo) {
    super(message, whatToDo, null);
  }
}
