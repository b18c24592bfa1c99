package com.governancemetrics.quality;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The one count of a validated dataset: rows per (reject reason, dropped duplicate, partition
 * value), from which the counts of SPEC §1 and the partitions present are read.
 *
 * @param rows reject_reason (null: passed), duplicate_dropped, partition value (null outside
 *     partition folders or when not valid), count
 */
record Tally(List<Row> rows) {

  Tally {
    rows = List.copyOf(rows);
  }

  /**
   * The count after the duplicates policy, from the rows per (reason, partition) before it and the
   * summary of the duplicated keys: identical copies but the kept one are dropped, conflicting
   * copies are all conflicting_duplicate.
   */
  static Tally of(Duplicates.KeyCounts counts, List<Duplicates.Summary> summaries) {
    Map<String, String> partitionOf = new HashMap<>();
    counts.duplicated().forEach(k -> partitionOf.put(k.key(), k.partition()));
    Map<List<String>, Long> byReason = new LinkedHashMap<>(counts.byReasonAndPartition());
    Map<String, Long> dropped = new LinkedHashMap<>();
    for (Duplicates.Summary s : summaries) {
      String partition = partitionOf.get(s.key());
      List<String> passed = Arrays.asList(null, partition);
      long moved = s.identical() ? s.copies() - 1 : s.copies();
      byReason.merge(passed, -moved, Long::sum);
      if (s.identical()) {
        dropped.merge(partition == null ? "" : partition, moved, Long::sum);
      } else {
        byReason.merge(Arrays.asList(RejectReason.CONFLICTING_DUPLICATE.code(), partition), moved,
            Long::sum);
      }
    }
    List<Row> rows = new ArrayList<>();
    byReason.forEach((reasonAndPartition, n) -> {
      if (n > 0) {
        rows.add(RowFactory.create(reasonAndPartition.get(0), false, reasonAndPartition.get(1), n));
      }
    });
    dropped.forEach((partition, n) -> {
      if (n > 0) {
        rows.add(RowFactory.create(null, true, partition.isEmpty() ? null : partition, n));
      }
    });
    return new Tally(rows);
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
