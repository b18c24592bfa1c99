package com.governancemetrics.quality;

import com.governancemetrics.config.JobSettings;
import com.governancemetrics.input.ReadScope;
import com.governancemetrics.registry.TownshipRegistry;

/**
 * What to ingest: the input root (local path or any Hadoop URI), what the run reads, the settings
 * (case types), whether corrupt files are skipped instead of stopping the run, and the registry.
 */
public record IngestionRequest(String inputRoot, ReadScope scope, JobSettings settings,
    boolean skipCorruptFiles, TownshipRegistry registry) {

  public IngestionRequest {
    if (inputRoot == null || inputRoot.isBlank()) {
      throw new IllegalArgumentException("an ingestion needs an input root");
    }
    if (scope == null || settings == null || registry == null) {
      throw new IllegalArgumentException("an ingestion needs a read scope, settings and a registry");
    }
  }
}
