package com.governancemetrics.quality;

import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;

/**
 * The one count of a validated dataset: rows per (reject reason, dropped duplicate, partition
 * value), from which the counts of SPEC §1 and the partitions present are read.
 *
 * @param rows reject_reason (null: passed), duplicate_dropped, partition value (null outside
 *     partition folders or when not valid), count
 */
record Tally(List<Row> rows) {

  /** The column the partition value is counted under. */
  static final String PARTITION_VALUE = "_partition_value";

  Tally {
    rows = List.copyOf(rows);
  }

  DatasetCounts counts() {
    long read = 0;
    long accepted = 0;
    long dropped = 0;
    SortedMap<String, Long> byReason = new TreeMap<>();
    for (Row r : rows) {
      long n = r.getLong(3);
      read += n;
      if (!r.isNullAt(0)) {
        byReason.merge(r.getString(0), n, Long::sum);
      } else if (r.getBoolean(1)) {
        dropped += n;
      } else {
        accepted += n;
      }
    }
    long quarantined = byReason.values().stream().mapToLong(Long::longValue).sum();
    return new DatasetCounts(read, accepted, quarantined, dropped, byReason);
  }

  /** Valid partition values (periods or years) of the rows read, whatever became of them. */
  SortedSet<String> readPartitionValues() {
    SortedSet<String> values = new TreeSet<>();
    for (Row r : rows) {
      if (!r.isNullAt(2)) {
        values.add(r.getString(2));
      }
    }
    return values;
  }

  /** Valid partition values of the accepted rows. */
  SortedSet<String> acceptedPartitionValues() {
    SortedSet<String> values = new TreeSet<>();
    for (Row r : rows) {
      if (r.isNullAt(0) && !r.getBoolean(1) && !r.isNullAt(2)) {
        values.add(r.getString(2));
      }
    }
    return values;
  }
}
