package com.governancemetrics.input;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;

/**
 * What a run's inputs are, in one sha256 (issue "nothing new, nothing to do"): for each dataset the
 * files it could read for its periods — path, size, modification time and, for those it selects,
 * the footer's row count — so that a redelivered, added or removed file changes it. The job's
 * configuration digest, registry and version are added by the caller.
 */
public final class InputFingerprint {

  private final StringBuilder text = new StringBuilder();

  /** Adds one line (a setting the result depends on, e.g. the configuration's sha256). */
  public InputFingerprint add(String key, String value) {
    text.append(key).append('=').append(value).append('\n');
    return this;
  }

  /**
   * Adds a dataset's files: the selected ones with their row counts, and every other file that a
   * different outcome of its reading could bring in (collective_income's older year folders at or
   * before the latest evaluated year).
   */
  public InputFingerprint add(DatasetFiles files, ReadScope scope) {
    InputDataset dataset = files.dataset();
    SortedSet<Integer> years = scope.incomeEvaluationYears();
    int latestYear = years.isEmpty() ? Integer.MAX_VALUE : years.last();
    for (InputFile f : files.listed()) {
      FileLayout layout = files.layouts().get(f.path());
      boolean selected = layout != null || files.skipped().containsKey(f.path());
      Optional<Integer> year = DatasetFiles.folderYear(f);
      boolean couldRead = selected || (dataset == InputDataset.COLLECTIVE_INCOME
          && year.isPresent() && year.get() <= latestYear);
      if (couldRead) {
        text.append(dataset.folder()).append('|').append(f.relativePath()).append('|')
            .append(f.length()).append('|').append(f.modificationTime()).append('|')
            .append(layout == null ? (selected ? "skipped" : "-") : String.valueOf(layout.rowCount()))
            .append('\n');
      }
    }
    return this;
  }

  /** Adds files that are read whole (a registry folder): path, size, modification time. */
  public InputFingerprint add(String name, List<InputFile> files) {
    for (InputFile f : files) {
      text.append(name).append('|').append(f.relativePath()).append('|').append(f.length())
          .append('|').append(f.modificationTime()).append('\n');
    }
    return this;
  }

  public String sha256() {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
