package com.governancemetrics.quality;

/** Why a row went to quarantine (SPEC §1), in the order the rules are applied: the first one wins. */
public enum RejectReason {
  MISSING_KEY("missing_key"),
  MALFORMED_CODE("malformed_code"),
  BAD_PERIOD("bad_period"),
  PARTITION_MISMATCH("partition_mismatch"),
  TYPE_MISMATCH("type_mismatch"),
  MISSING_VALUE("missing_value"),
  UNKNOWN_TOWNSHIP("unknown_township"),
  VILLAGE_OUTSIDE_TOWNSHIP("village_outside_township"),
  NEGATIVE_VALUE("negative_value"),
  PART_EXCEEDS_WHOLE("part_exceeds_whole"),
  DATE_ORDER("date_order"),
  UNKNOWN_CASE_TYPE("unknown_case_type"),
  CONFLICTING_DUPLICATE("conflicting_duplicate");

  private final String code;

  RejectReason(String code) {
    this.code = code;
  }

  /** The reason as written in quarantine tables and the manifest. */
  public String code() {
    return code;
  }

  public static RejectReason ofCode(String code) {
    for (RejectReason r : values()) {
      if (r.code.equals(code)) {
        return r;
      }
    }
    throw new IllegalArgumentException("no reject reason " + code);
  }

  @Override
  public String toString() {
    return code;
  }
}
