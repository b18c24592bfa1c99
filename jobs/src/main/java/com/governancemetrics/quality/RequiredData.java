package com.governancemetrics.quality;

import com.governancemetrics.failures.InputFault;
import com.governancemetrics.input.DatasetFiles;
import com.governancemetrics.input.DatasetListing;
import com.governancemetrics.input.FileLayout;
import com.governancemetrics.input.InputDataset;
import com.governancemetrics.input.InputFile;
import com.governancemetrics.input.ReadScope;
import com.governancemetrics.periods.Period;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * "No data at all for a dataset the period needs" (SPEC §1, a dataset-level fault): each run period
 * for the monthly datasets, a collective_income year at or before each run year, any file of cases.
 * Judged first from the files (partition folders and footers' row counts), then from the rows read
 * (files outside partition folders may hold any period); the message says what exists.
 */
final class RequiredData {

  private RequiredData() {}

  /** Before reading: the selected files must be able to hold what the run needs. */
  static void requireFiles(String inputRoot, ReadScope scope, DatasetFiles files) {
    InputDataset dataset = files.dataset();
    List<FileLayout> withRows = files.layouts().values().stream().filter(l -> l.rowCount() > 0)
        .toList();
    if (dataset == InputDataset.RECTIFICATION_CASES) {
      if (files.layouts().isEmpty()) {
        throw noData(inputRoot, files, "any file", "", List.of());
      }
      return;
    }
    boolean loose = withRows.stream().anyMatch(l -> files.partitionFolder(l.file()).isEmpty());
    if (loose) {
      return;
    }
    if (dataset == InputDataset.COLLECTIVE_INCOME) {
      for (int y : scope.runYears()) {
        boolean any = withRows.stream()
            .anyMatch(l -> DatasetFiles.folderYear(l.file()).filter(v -> v <= y).isPresent());
        if (!any) {
          throw noData(inputRoot, files, "a year at or before " + y, "year=" + y, List.of());
        }
      }
      return;
    }
    for (Period p : scope.runPeriods()) {
      boolean any = withRows.stream()
          .anyMatch(l -> DatasetFiles.folderPeriod(l.file()).filter(p::equals).isPresent());
      if (!any) {
        throw noData(inputRoot, files, "period " + p, "period=" + p, List.of());
      }
    }
  }

  /** After reading: rows of every run period (monthly datasets) or of a year ≤ each run year. */
  static void requireRows(String inputRoot, ReadScope scope, DatasetFiles files,
      SortedSet<String> present) {
    InputDataset dataset = files.dataset();
    if (dataset.partitionColumn().isEmpty()) {
      return;
    }
    if (dataset == InputDataset.COLLECTIVE_INCOME) {
      for (int y : scope.runYears()) {
        if (present.stream().noneMatch(v -> Integer.parseInt(v) <= y)) {
          throw noData(inputRoot, files, "a year at or before " + y, "year=" + y, present);
        }
      }
      return;
    }
    for (Period p : scope.runPeriods()) {
      if (!present.contains(p.toString())) {
        throw noData(inputRoot, files, "period " + p, "period=" + p, present);
      }
    }
  }

  /**
   * The fault for missing data, saying what exists.
   *
   * @param deliver the folder that would fix it, e.g. period=2024-06
   */
  private static InputFault noData(String inputRoot, DatasetFiles files, String what,
      String deliver, Collection<String> seenInRows) {
    InputDataset dataset = files.dataset();
    String folder = DatasetListing.datasetFolder(inputRoot, dataset).toString();
    StringBuilder message = new StringBuilder(dataset.folder() + ": no data for " + what
        + ", which the run needs, under " + folder + ".");
    Optional<String> column = dataset.partitionColumn();
    if (column.isPresent()) {
      TreeSet<String> present = new TreeSet<>(seenInRows);
      List<String> notValid = new ArrayList<>();
      int loose = 0;
      for (InputFile f : files.listed()) {
        Optional<String> value = files.partitionFolder(f);
        if (value.isEmpty()) {
          loose++;
        } else if (dataset == InputDataset.COLLECTIVE_INCOME
            ? DatasetFiles.folderYear(f).isPresent() : DatasetFiles.folderPeriod(f).isPresent()) {
          present.add(value.get());
        } else if (!notValid.contains(column.get() + "=" + value.get())) {
          notValid.add(column.get() + "=" + value.get());
        }
      }
      message.append(dataset == InputDataset.COLLECTIVE_INCOME ? " Years present: "
              : " Periods present: ")
          .append(present.isEmpty() ? "none" : ranges(present, dataset)).append('.');
      if (!notValid.isEmpty()) {
        message.append(" Folders whose name is not a valid ").append(column.get()).append(": ")
            .append(String.join(", ", notValid)).append('.');
      }
      if (loose > 0) {
        message.append(' ').append(loose).append(" file(s) outside ").append(column.get())
            .append("= folders.");
      }
      if (!files.skipped().isEmpty()) {
        message.append(' ').append(files.skipped().size()).append(" corrupt file(s) skipped.");
      }
    }
    return new InputFault(message.toString(), column.isPresent()
        ? "Deliver " + dataset.folder() + "/" + deliver + "/, or run for a period that has data."
        : "Deliver the " + dataset.folder() + "/ files under the input root.");
  }

  /** Consecutive periods or years as ranges: 2023-01..2023-12, 2024-03. */
  private static String ranges(SortedSet<String> values, InputDataset dataset) {
    List<String> parts = new ArrayList<>();
    String start = null;
    String previous = null;
    for (String v : values) {
      if (previous != null && !v.equals(next(previous, dataset))) {
        parts.add(start.equals(previous) ? start : start + ".." + previous);
        start = null;
      }
      if (start == null) {
        start = v;
      }
      previous = v;
    }
    parts.add(start.equals(previous) ? start : start + ".." + previous);
    return String.join(", ", parts);
  }

  private static String next(String value, InputDataset dataset) {
    if (dataset == InputDataset.COLLECTIVE_INCOME) {
      return String.valueOf(Integer.parseInt(value) + 1);
    }
    return Period.parse(value).plusMonths(1).toString();
  }
}
