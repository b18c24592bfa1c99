package com.governancemetrics.generate;

import java.util.Collections;
import java.util.LinkedHashMap;
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
    Map<String, Long> ordered = new LinkedHashMap<>();
    for (Reason reason : Reason.rejectReasons()) {
      Long n = faultsByReason.get(reason.code());
      if (n != null) {
        ordered.put(reason.code(), n);
      }
    }
    if (ordered.size() != faultsByReason.size()) {
      throw new IllegalArgumentException("not reject reasons of SPEC §1: " + faultsByReason.keySet());
    }
    faultsByReason = Collections.unmodifiableMap(ordered);
  }

  public long faultsPlanted() {
    return faultsByReason.values().stream().mapToLong(Long::longValue).sum();
  }
}
