package com.governancemetrics.generate;

import java.util.Map;

/**
 * What {@code generate} wrote for one dataset.
 *
 * @param rows every row written, bad rows and copies included (what a run will read)
 * @param faultsByReason planted bad rows per reject reason code, in SPEC §1 order
 * @param duplicatesPlanted identical extra copies (a run drops exactly this many)
 */
public record DatasetSummary(String dataset, long rows, long files, Map<String, Long> faultsByReason,
    long duplicatesPlanted) {

  public DatasetSummary {
    faultsByReason = Map.copyOf(faultsByReason);
  }

  public long faultsPlanted() {
    return faultsByReason.values().stream().mapToLong(Long::longValue).sum();
  }
}
