package com.governancemetrics.jobs;

/** The process exit codes of SPEC §4. */
public enum ExitCode {
  DONE(0),
  FAILED(1),
  USAGE(2),
  QUALITY_GATE(3),
  INPUT(4);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
