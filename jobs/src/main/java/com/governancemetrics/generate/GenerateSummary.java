package com.governancemetrics.generate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code generate} wrote: per dataset rows, files, faults and duplicates; the ledger's path.
 *
 * @param outputRoot the qualified output root
 * @param ledgerFile the ledger, {@code <outputRoot>/_ledger/planted.csv}
 */
public record GenerateSummary(String outputRoot, String ledgerFile, List<DatasetSummary> datasets) {

  public GenerateSummary {
    datasets = List.copyOf(datasets);
  }

  public DatasetSummary dataset(String folder) {
    return datasets.stream().filter(d -> d.dataset().equals(folder)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no dataset " + folder + " in the summary"));
  }

  public long rows() {
    return datasets.stream().mapToLong(DatasetSummary::rows).sum();
  }

  public long files() {
    return datasets.stream().mapToLong(DatasetSummary::files).sum();
  }

  /** Planted bad rows per reason over all datasets, in SPEC §1 order (reasons never planted left out). */
  public Map<String, Long> faultsByReason() {
    Map<String, Long> result = new LinkedHashMap<>();
    for (Reason reason : Reason.rejectReasons()) {
      long n = datasets.stream().mapToLong(d -> d.faultsByReason().getOrDefault(reason.code(), 0L)).sum();
      if (n > 0) {
        result.put(reason.code(), n);
      }
    }
    return result;
  }

  public long duplicatesPlanted() {
    return datasets.stream().mapToLong(DatasetSummary::duplicatesPlanted).sum();
  }
}
