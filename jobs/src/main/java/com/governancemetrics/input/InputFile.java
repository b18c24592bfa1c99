package com.governancemetrics.input;

import java.util.Map;
import java.util.Optional;

/**
 * One data file of an input dataset, with the hive partition values ({@code k=v} folders) on its path
 * below the dataset folder.
 *
 * @param path the file's full path as the file system names it (also its {@code source_file})
 * @param relativePath the path below the dataset folder, for messages
 * @param partitionValues folder key to value; when a key repeats, the deepest folder wins
 * @param length the file's size in bytes
 * @param modificationTime the file's modification time (ms since the epoch)
 */
public record InputFile(String path, String relativePath, Map<String, String> partitionValues,
    long length, long modificationTime) {

  public InputFile {
    if (path == null || path.isEmpty()) {
      throw new IllegalArgumentException("an input file needs a path");
    }
    partitionValues = Map.copyOf(partitionValues);
  }

  /** The value of a partition folder such as {@code period=2024-06} above the file, if any. */
  public Optional<String> partitionValue(String column) {
    return Optional.ofNullable(partitionValues.get(column));
  }
}
