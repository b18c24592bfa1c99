package com.governancemetrics.quality;

/** A corrupt or unreadable file a run skipped because it was told to (--skip-corrupt-files). */
public record SkippedFile(String file, String reason) {

  public SkippedFile {
    if (file == null || reason == null) {
      throw new IllegalArgumentException("a skipped file needs its path and the reason");
    }
  }
}
