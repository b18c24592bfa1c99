package com.governancemetrics.quality;

import com.governancemetrics.input.InputDataset;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** The four fact datasets after ingestion, in SPEC order. */
public record IngestionResult(Map<InputDataset, IngestedDataset> datasets) {

  public IngestionResult {
    datasets = Collections.unmodifiableMap(new EnumMap<>(datasets));
  }

  public IngestedDataset get(InputDataset dataset) {
    IngestedDataset d = datasets.get(dataset);
    if (d == null) {
      throw new IllegalArgumentException(dataset + " was not ingested");
    }
    return d;
  }

  /** Frees every persisted frame, once the run has written what it needs. */
  public void release() {
    datasets.values().forEach(IngestedDataset::release);
  }
}
