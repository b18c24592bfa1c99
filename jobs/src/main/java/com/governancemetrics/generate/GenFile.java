package com.governancemetrics.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * One Parquet file to write: its path under the output root, the partition folder's value, its
 * flavour, and its rows.
 */
final class GenFile {

  /** Relative to the output root, e.g. {@code grid_coverage/period=2024-06/43.parquet}. */
  final String relativePath;
  /** The period or year of its folder as written (possibly invalid), "" for cases. */
  final String partition;
  /** An "older export": numeric and date columns written as strings. */
  boolean olderExport;
  /** The file carries the partition column itself (period or year). */
  boolean partitionInside;
  /** Part of the file was sent again: extra copies of its rows often go to a {@code -redelivered} file. */
  boolean resent;
  final List<GenRow> rows = new ArrayList<>();

  GenFile(String relativePath, String partition) {
    this.relativePath = relativePath;
    this.partition = partition;
  }
}
