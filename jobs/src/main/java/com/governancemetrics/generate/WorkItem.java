package com.governancemetrics.generate;

import java.io.Serializable;

/**
 * One Spark task's share of the work: one dataset, one file unit (a province or a county), one year.
 * A plain serializable class (not a record), so any Spark serializer can ship it.
 */
final class WorkItem implements Serializable {
  private static final long serialVersionUID = 1L;

  final String dataset;
  /** The province or county code that names the files. */
  final String unit;
  final int year;
  /** The months of {@code year} in the run, {@code YYYY-MM}. */
  final String[] months;
  /** The registry township codes of the unit, sorted. */
  final String[] townships;
  /** Reason codes (and duplicates_dropped) this item must plant at least once. */
  final String[] forced;
  /** Rows expected, to start the big items first. */
  final long estimatedRows;

  WorkItem(String dataset, String unit, int year, String[] months, String[] townships, String[] forced,
      long estimatedRows) {
    this.dataset = dataset;
    this.unit = unit;
    this.year = year;
    this.months = months;
    this.townships = townships;
    this.forced = forced;
    this.estimatedRows = estimatedRows;
  }

  WorkItem withForced(String[] reasons) {
    return new WorkItem(dataset, unit, year, months, townships, reasons, estimatedRows);
  }

  String id() {
    return dataset + "/" + unit + "/" + year;
  }
}
