package com.governancemetrics.generate;

/**
 * The reasons a row is quarantined, in the order SPEC §1 applies them (a row gets the first that applies),
 * plus {@link #DUPLICATES_DROPPED} for an identical extra copy, which the ledger also lists.
 */
enum Reason {
  MISSING_KEY,
  MALFORMED_CODE,
  BAD_PERIOD,
  PARTITION_MISMATCH,
  TYPE_MISMATCH,
  MISSING_VALUE,
  UNKNOWN_TOWNSHIP,
  VILLAGE_OUTSIDE_TOWNSHIP,
  NEGATIVE_VALUE,
  PART_EXCEEDS_WHOLE,
  DATE_ORDER,
  UNKNOWN_CASE_TYPE,
  CONFLICTING_DUPLICATE,
  /** Not a reject reason: an identical extra copy of a valid row, kept once by a run. */
  DUPLICATES_DROPPED;

  /** The name used in the ledger and in quarantine tables, e.g. {@code missing_key}. */
  String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  static Reason byCode(String code) {
    return valueOf(code.toUpperCase(java.util.Locale.ROOT));
  }

  /** The reject reasons of SPEC §1 (all but {@link #DUPLICATES_DROPPED}). */
  static java.util.List<Reason> rejectReasons() {
    return java.util.Arrays.stream(values()).filter(r -> r != DUPLICATES_DROPPED).toList();
  }
}
