package com.governancemetrics.generate;

import java.io.Serializable;
import java.util.ArrayList;

/** What one work item wrote: rows, files, and its ledger lines (dataset, record_id, reason, file, partition). */
final class ItemResult implements Serializable {
  private static final long serialVersionUID = 1L;

  final String dataset;
  final long rows;
  final int files;
  final ArrayList<String[]> ledger;

  ItemResult(String dataset, long rows, int files, ArrayList<String[]> ledger) {
    this.dataset = dataset;
    this.rows = rows;
    this.files = files;
    this.ledger = ledger;
  }
}
