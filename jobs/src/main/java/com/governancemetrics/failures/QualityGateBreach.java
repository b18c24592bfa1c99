package com.governancemetrics.failures;

/** A dataset's quarantined share is over the tolerance: quarantine and manifest written, no table. */
public final class QualityGateBreach extends Failure {

  public QualityGateBreach(String message, String whatToDo) {
    super(message, whatToDo, null);
  }
}
