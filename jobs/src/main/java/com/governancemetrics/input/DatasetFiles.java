package com.governancemetrics.input;

import com.governancemetrics.periods.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of one dataset a run reads: every file listed under its folder, the ones selected for
 * what the run needs (partition pruning by the {@link ReadScope}), each checked by its footer
 * ({@link FileInspector}), and the corrupt ones skipped when the run is told to skip them. More
 * files can be checked later (collective_income's older year folders).
 */
public final class DatasetFiles {

  private static final Logger LOG = LoggerFactory.getLogger(DatasetFiles.class);

  private final InputDataset dataset;
  private final List<InputFile> listed;
  private final Map<String, FileLayout> layouts = new LinkedHashMap<>();
  private final Map<String, String> skipped = new LinkedHashMap<>();
  private final Configuration conf;
  private final boolean skipCorruptFiles;

  private DatasetFiles(InputDataset dataset, List<InputFile> listed, Configuration conf,
      boolean skipCorruptFiles) {
    this.dataset = dataset;
    this.listed = List.copyOf(listed);
    this.conf = conf;
    this.skipCorruptFiles = skipCorruptFiles;
  }

  /** Lists the dataset's files and checks those the scope selects. */
  public static DatasetFiles select(Configuration conf, String inputRoot, InputDataset dataset,
      ReadScope scope, boolean skipCorruptFiles) {
    DatasetFiles files = new DatasetFiles(dataset,
        DatasetListing.list(conf, inputRoot, dataset), conf, skipCorruptFiles);
    files.inspect(files.initialSelection(scope));
    LOG.info("{}: {} file(s) listed, {} checked for the run, {} corrupt skipped", dataset,
        files.listed.size(), files.layouts.size(), files.skipped.size());
    return files;
  }

  /**
   * What the scope selects: the monthly datasets' valid period folders in the scope (a folder that
   * is not a valid period is read, so that its rows are reported as bad_period instead of silently
   * ignored), collective_income's latest year folder at or before each evaluated year (and any file
   * outside year folders), every case file.
   */
  private List<InputFile> initialSelection(ReadScope scope) {
    List<InputFile> selected = new ArrayList<>();
    SortedSet<Integer> folderYears = validFolderYears();
    TreeSet<Integer> initialYears = new TreeSet<>();
    for (int y : scope.incomeEvaluationYears()) {
      SortedSet<Integer> upToY = folderYears.headSet(y + 1);
      if (!upToY.isEmpty()) {
        initialYears.add(upToY.last());
      }
    }
    for (InputFile f : listed) {
      if (dataset == InputDataset.COLLECTIVE_INCOME) {
        Optional<Integer> year = folderYear(f);
        if (year.isEmpty() || initialYears.contains(year.get())) {
          selected.add(f);
        }
      } else if (dataset.partitionColumn().isPresent()) {
        Optional<Period> period = folderPeriod(f);
        if (period.isEmpty() || scope.monthlyPeriods(dataset).contains(period.get())) {
          selected.add(f);
        }
      } else {
        selected.add(f);
      }
    }
    return selected;
  }

  /** Checks the footers of files not checked yet (and not skipped). */
  public void inspect(List<InputFile> more) {
    List<InputFile> fresh = more.stream()
        .filter(f -> !layouts.containsKey(f.path()))
        .filter(f -> !skipped.containsKey(f.path()))
        .toList();
    FileInspector.Inspection inspection = FileInspector.inspect(conf, dataset, fresh,
        skipCorruptFiles);
    for (FileLayout layout : inspection.layouts()) {
      layouts.put(layout.file().path(), layout);
    }
    skipped.putAll(inspection.skipped());
  }

  public InputDataset dataset() {
    return dataset;
  }

  /** Every data file under the dataset's folder, sorted by path. */
  public List<InputFile> listed() {
    return listed;
  }

  /** The checked files the run reads, by path. */
  public Map<String, FileLayout> layouts() {
    return java.util.Collections.unmodifiableMap(layouts);
  }

  /** The corrupt files skipped: path → reason. */
  public Map<String, String> skipped() {
    return java.util.Collections.unmodifiableMap(skipped);
  }

  /**
   * The partition folders the run reads ({@code period=2024-06}, {@code year=2023}), sorted, and
   * "(no partition folder)" when it reads files outside them; empty for a dataset without partitions.
   */
  public List<String> partitionsRead() {
    java.util.TreeSet<String> read = new java.util.TreeSet<>();
    dataset.partitionColumn().ifPresent(column -> {
      for (FileLayout l : layouts.values()) {
        read.add(partitionFolder(l.file()).map(v -> column + "=" + v).orElse("(no partition folder)"));
      }
    });
    return List.copyOf(read);
  }

  /** The value of the dataset's partition folder above the file, if any. */
  public Optional<String> partitionFolder(InputFile file) {
    return dataset.partitionColumn().flatMap(file::partitionValue);
  }

  /** The file's {@code period=} folder as a period, if it is a valid one. */
  public static Optional<Period> folderPeriod(InputFile file) {
    return file.partitionValue(InputDataset.GRID_COVERAGE.partitionColumn().orElseThrow())
        .flatMap(Period::tryParse);
  }

  /** The file's {@code year=} folder as a year, if it is a valid one. */
  public static Optional<Integer> folderYear(InputFile file) {
    return file.partitionValue(InputDataset.COLLECTIVE_INCOME.partitionColumn().orElseThrow())
        .filter(v -> v.matches(NormalizedReader.YEAR_PATTERN))
        .map(Integer::valueOf);
  }

  /** The valid year folders among the listed files. */
  public SortedSet<Integer> validFolderYears() {
    SortedSet<Integer> years = new TreeSet<>();
    listed.forEach(f -> folderYear(f).ifPresent(years::add));
    return years;
  }
}
