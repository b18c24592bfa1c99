package com.governancemetrics.jobs;

import com.governancemetrics.input.InputDataset;
import com.governancemetrics.quality.DatasetCounts;
import com.governancemetrics.quality.IngestedDataset;
import com.governancemetrics.quality.IngestionResult;
import java.util.List;
import java.util.Map;

/** The short table a run prints: per dataset rows read, accepted, quarantined, dropped, and reasons. */
final class ValidationSummary {

  private ValidationSummary() {}

  static String render(IngestionResult ingestion) {
    StringBuilder s = new StringBuilder();
    s.append(String.format("%n%-22s %12s %12s %12s %12s%n", "dataset", "rows read", "accepted",
        "quarantined", "dup dropped"));
    for (Map.Entry<InputDataset, IngestedDataset> e : ingestion.datasets().entrySet()) {
      DatasetCounts c = e.getValue().counts();
      // The counts reconcile: DatasetCounts refuses counts that do not.
      s.append(String.format("%-22s %,12d %,12d %,12d %,12d%n", e.getKey().folder(), c.rowsRead(),
          c.rowsAccepted(), c.rowsQuarantined(), c.duplicatesDropped()));
      for (Map.Entry<String, Long> r : c.quarantinedByReason().entrySet()) {
        s.append(String.format("    %-30s %,10d%n", r.getKey(), r.getValue()));
      }
      List<String> partitions = e.getValue().partitionsRead();
      s.append(String.format("    read: %s%n", partitions.isEmpty() ? "every file"
          : String.join(", ", partitions)));
      if (!e.getValue().filesSkipped().isEmpty()) {
        s.append(String.format("    skipped files: %s%n", e.getValue().filesSkipped()));
      }
      if (!e.getValue().extraColumns().isEmpty()) {
        s.append(String.format("    extra columns (ignored): %s%n", e.getValue().extraColumns()));
      }
    }
    return s.toString();
  }
}
