package com.governancemetrics.generate;

/**
 * One row as it will be written: its record_id, its contract values (typed, see {@link GenColumn}),
 * and what was planted in it. Mutable while an item is generated, then written and dropped.
 */
final class GenRow {

  /** What happens to a row: nothing, a fault of one reason, an identical copy, a conflicting copy. */
  enum Fate { NONE, FAULT, DUPLICATE, CONFLICT }

  final String recordId;
  /** Names the row's random streams: its key (township|period, village|year or case id), never its file. */
  final String seedKey;
  final Object[] values;
  Fate fate = Fate.NONE;
  /** The reason a FAULT row must get. */
  Reason fault;
  /** type_mismatch: the column written as this uncastable string (the file is an older export). */
  int rawColumn = -1;
  String rawValue;
  /** partition_mismatch: the value this row carries in the file's own partition column. */
  String insidePartition;

  GenRow(String recordId, String seedKey, Object[] values) {
    this.recordId = recordId;
    this.seedKey = seedKey;
    this.values = values;
  }

  /** A copy under another record_id, with the same values and the same planted fault. */
  GenRow copy(String newRecordId) {
    GenRow c = new GenRow(newRecordId, seedKey, values.clone());
    c.fate = fate;
    c.fault = fault;
    c.rawColumn = rawColumn;
    c.rawValue = rawValue;
    c.insidePartition = insidePartition;
    return c;
  }
}
