package com.governancemetrics.failures;

/** A dry run or diff told to fail on changes found some (issue 14, --fail-on-change). */
public final class ChangesFound extends Failure {

  public ChangesFound(String message, String whatToDo) {
    super(message, whatToDo, null);
  }
}
