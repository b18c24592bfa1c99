package com.governancemetrics.quality;

import com.governancemetrics.input.DatasetFiles;
import com.governancemetrics.input.InputFile;
import com.governancemetrics.metrics.IncomeYears;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which collective_income year folders a run reads (SPEC §1 "the income years used"): first the
 * latest year folder at or before each evaluated year; when such a year turns out to have no
 * accepted row, the next older folder is read too, and so on, until the year used for every
 * evaluated year ({@link IncomeYears}) is a year that was read.
 */
final class IncomeYearReading {

  private static final Logger LOG = LoggerFactory.getLogger(IncomeYearReading.class);

  private IncomeYearReading() {}

  /** The year folders to read next; empty when the years read settle every evaluated year. */
  static SortedSet<Integer> moreYears(DatasetFiles files, Tally tally,
      SortedSet<Integer> evaluationYears) {
    SortedMap<Integer, Integer> used = used(tally, evaluationYears);
    SortedSet<Integer> unread = unreadYears(files);
    TreeSet<Integer> more = new TreeSet<>();
    for (int y : evaluationYears) {
      Integer year = used.get(y);
      SortedSet<Integer> newer = year == null ? unread.headSet(y + 1) : unread.subSet(year + 1, y + 1);
      if (!newer.isEmpty()) {
        more.add(newer.last());
      }
    }
    if (!more.isEmpty()) {
      LOG.info("{}: no accepted row in the latest year folders read; reading year folder(s) {} too",
          files.dataset(), more);
    }
    return more;
  }

  /** The year used per evaluated year, from the years with accepted rows read so far. */
  static SortedMap<Integer, Integer> used(Tally tally, SortedSet<Integer> evaluationYears) {
    return IncomeYears.used(tally.acceptedPartitionValues().stream().map(Integer::valueOf).toList(),
        evaluationYears);
  }

  /** The listed files of the given year folders. */
  static List<InputFile> filesOf(DatasetFiles files, SortedSet<Integer> years) {
    return files.listed().stream()
        .filter(f -> DatasetFiles.folderYear(f).filter(years::contains).isPresent()).toList();
  }

  private static SortedSet<Integer> unreadYears(DatasetFiles files) {
    SortedSet<Integer> unread = new TreeSet<>(files.validFolderYears());
    files.layouts().values().forEach(l -> DatasetFiles.folderYear(l.file()).ifPresent(unread::remove));
    for (String path : files.skipped().keySet()) {
      files.listed().stream().filter(f -> f.path().equals(path)).findFirst()
          .flatMap(DatasetFiles::folderYear).ifPresent(unread::remove);
    }
    return unread;
  }
}
