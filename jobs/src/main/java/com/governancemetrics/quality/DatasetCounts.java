package com.governancemetrics.quality;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The row counts of one ingested dataset (SPEC §1, §3 manifest). The constructor enforces the
 * invariant every run must keep: rows read = accepted + quarantined + duplicates dropped, and the
 * quarantined rows are exactly the sum of the counts per reason.
 *
 * @param quarantinedByReason reject reason code (missing_key, …) → rows; reasons with no rows absent
 */
public record DatasetCounts(long rowsRead, long rowsAccepted, long rowsQuarantined,
    long duplicatesDropped, SortedMap<String, Long> quarantinedByReason) {

  public DatasetCounts {
    quarantinedByReason = Collections.unmodifiableSortedMap(new TreeMap<>(quarantinedByReason));
    if (rowsRead < 0 || rowsAccepted < 0 || rowsQuarantined < 0 || duplicatesDropped < 0) {
      throw new IllegalArgumentException("negative row count");
    }
    if (rowsRead != rowsAccepted + rowsQuarantined + duplicatesDropped) {
      throw new IllegalStateException("rows read " + rowsRead + " != accepted " + rowsAccepted
          + " + quarantined " + rowsQuarantined + " + duplicates dropped " + duplicatesDropped);
    }
    long byReason = quarantinedByReason.values().stream().mapToLong(Long::longValue).sum();
    if (byReason != rowsQuarantined) {
      throw new IllegalStateException("quarantined rows " + rowsQuarantined
          + " != sum of the counts per reason " + quarantinedByReason);
    }
  }

  /** The quarantined share of the rows read; 0 when nothing was read. */
  public double quarantinedShare() {
    return rowsRead == 0 ? 0.0 : (double) rowsQuarantined / rowsRead;
  }
}
