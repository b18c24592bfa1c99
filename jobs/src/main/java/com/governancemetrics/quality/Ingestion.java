package com.governancemetrics.quality;

import com.governancemetrics.failures.InputFault;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import com.governancemetrics.input.ColumnSpec;
import com.governancemetrics.input.DatasetListing;
import com.governancemetrics.input.FileInspector;
import com.governancemetrics.input.FileLayout;
import com.governancemetrics.input.InputDataset;
import com.governancemetrics.input.InputFile;
import com.governancemetrics.input.NormalizedColumns;
import com.governancemetrics.input.NormalizedReader;
import com.governancemetrics.input.ReadScope;
import com.governancemetrics.periods.Period;
import com.governancemetrics.spark.SparkSessions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingestion that loses nothing (SPEC §1): lists and prunes each dataset's files, checks their footers
 * and schemas on the driver (dataset-level faults stop the run with exit 4 before any row is read),
 * reads them into a normalized frame, applies the row rules and the duplicates policy, and counts. Every
 * row read ends up accepted, quarantined with its reason, or counted as a dropped identical duplicate.
 */
public final class Ingestion {

  private static final Logger LOG = LoggerFactory.getLogger(Ingestion.class);
  private static final String PARTITION_VALUE = "_partition_value";
  /** The contract columns as they came, in contract order; null when the typed values give them. */
  private static final String RAW_VALUES = "_raw_values";

  private Ingestion() {}

  /** Ingests the four fact datasets. Throws {@link InputFault} on a dataset-level fault. */
  public static IngestionResult run(SparkSession spark, IngestionRequest request) {
    // Every dataset's files are checked before any is read: a fault anywhere stops the run early.
    Map<InputDataset, Files> checked = new EnumMap<>(InputDataset.class);
    for (InputDataset dataset : InputDataset.facts()) {
      checked.put(dataset,
          check(spark, request, dataset, initialSelection(spark, request, dataset)));
    }
    Map<InputDataset, IngestedDataset> result = new EnumMap<>(InputDataset.class);
    try {
      for (InputDataset dataset : InputDataset.facts()) {
        result.put(dataset, ingest(spark, request, dataset, checked.get(dataset)));
      }
    } catch (RuntimeException e) {
      result.values().forEach(IngestedDataset::release);
      throw e;
    }
    return new IngestionResult(result);
  }

  /** Ingests one fact dataset on its own (the same steps as {@link #run} for that dataset). */
  public static IngestedDataset runDataset(SparkSession spark, IngestionRequest request,
      InputDataset dataset) {
    if (!InputDataset.facts().contains(dataset)) {
      throw new IllegalArgumentException(dataset + " is not a fact dataset");
    }
    return ingest(spark, request, dataset,
        check(spark, request, dataset, initialSelection(spark, request, dataset)));
  }

  /** The listed files of a dataset and, among them, the checked ones a run reads. */
  private record Files(List<InputFile> listed, Map<String, FileLayout> layouts,
      Map<String, String> skipped) {}

  /** Which of a dataset's files the run reads first (collective_income may add older years later). */
  private record Selection(List<InputFile> listed, List<InputFile> selected) {}

  private static Selection initialSelection(SparkSession spark, IngestionRequest request,
      InputDataset dataset) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    List<InputFile> listed = DatasetListing.list(conf, request.inputRoot(), dataset);
    ReadScope scope = request.scope();
    List<InputFile> selected = new ArrayList<>();
    SortedSet<Integer> folderYears = validFolderYears(listed);
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
        // A valid period folder outside the scope is not read; a folder that is not a valid period
        // is read, so its rows are reported as bad_period instead of silently ignored.
        Optional<Period> period = folderPeriod(f);
        if (period.isEmpty() || scope.monthlyPeriods().contains(period.get())) {
          selected.add(f);
        }
      } else {
        selected.add(f);
      }
    }
    return new Selection(listed, selected);
  }

  /** Footer and schema checks of the selected files, then whether the run's periods have data. */
  private static Files check(SparkSession spark, IngestionRequest request, InputDataset dataset,
      Selection selection) {
    Files files = new Files(selection.listed(), new LinkedHashMap<>(), new LinkedHashMap<>());
    inspect(spark, request, dataset, files, selection.selected());
    LOG.info("{}: {} file(s) listed, {} checked for the run, {} corrupt skipped", dataset,
        selection.listed().size(), files.layouts().size(), files.skipped().size());
    requireFiles(request, dataset, files);
    return files;
  }

  private static void inspect(SparkSession spark, IngestionRequest request, InputDataset dataset,
      Files files, List<InputFile> toInspect) {
    List<InputFile> fresh = toInspect.stream()
        .filter(f -> !files.layouts().containsKey(f.path()))
        .filter(f -> !files.skipped().containsKey(f.path()))
        .toList();
    FileInspector.Inspection inspection = FileInspector.inspect(
        spark.sparkContext().hadoopConfiguration(), dataset, fresh, request.skipCorruptFiles());
    for (FileLayout layout : inspection.layouts()) {
      files.layouts().put(layout.file().path(), layout);
    }
    files.skipped().putAll(inspection.skipped());
  }

  /**
   * No data at all for what the run needs is a dataset-level fault (SPEC §1): each run period for the
   * monthly datasets, a collective_income year at or before each run year, any file of cases. Files
   * outside partition folders may hold any period; they are judged after reading.
   */
  private static void requireFiles(IngestionRequest request, InputDataset dataset, Files files) {
    List<FileLayout> withRows = files.layouts().values().stream().filter(l -> l.rowCount() > 0)
        .toList();
    if (dataset == InputDataset.RECTIFICATION_CASES) {
      if (files.layouts().isEmpty()) {
        throw noData(request, dataset, "any file", "", files, List.of());
      }
      return;
    }
    boolean loose = withRows.stream().anyMatch(l -> partitionFolder(dataset, l.file()).isEmpty());
    if (loose) {
      return;
    }
    if (dataset == InputDataset.COLLECTIVE_INCOME) {
      for (int y : request.scope().runYears()) {
        boolean any = withRows.stream()
            .anyMatch(l -> folderYear(l.file()).filter(v -> v <= y).isPresent());
        if (!any) {
          throw noData(request, dataset, "a year at or before " + y, "year=" + y, files,
              List.of());
        }
      }
      return;
    }
    for (Period p : request.scope().runPeriods()) {
      boolean any = withRows.stream()
          .anyMatch(l -> folderPeriod(l.file()).filter(p::equals).isPresent());
      if (!any) {
        throw noData(request, dataset, "period " + p, "period=" + p, files, List.of());
      }
    }
  }

  private static IngestedDataset ingest(SparkSession spark, IngestionRequest request,
      InputDataset dataset, Files files) {
    while (true) {
      Validated v = validate(spark, request, dataset, files);
      if (dataset != InputDataset.COLLECTIVE_INCOME) {
        requireRowsForRunPeriods(request, dataset, files, v.tally());
        return result(dataset, files, v, Map.of());
      }
      // SPEC §2 annual: the latest year ≤ y with at least one accepted row anywhere. When the latest
      // year read has no accepted row, the next older year folder is read too, and so on.
      SortedSet<Integer> acceptedYears = v.tally().acceptedPartitionValues().stream()
          .map(Integer::valueOf).collect(TreeSet::new, TreeSet::add, TreeSet::addAll);
      SortedSet<Integer> unread = new TreeSet<>(validFolderYears(files.listed()));
      for (FileLayout l : files.layouts().values()) {
        folderYear(l.file()).ifPresent(unread::remove);
      }
      for (String path : files.skipped().keySet()) {
        files.listed().stream().filter(f -> f.path().equals(path)).findFirst()
            .flatMap(Ingestion::folderYear).ifPresent(unread::remove);
      }
      Map<Integer, Integer> used = new TreeMap<>();
      TreeSet<Integer> more = new TreeSet<>();
      for (int y : request.scope().incomeEvaluationYears()) {
        SortedSet<Integer> upToY = acceptedYears.headSet(y + 1);
        Integer year = upToY.isEmpty() ? null : upToY.last();
        SortedSet<Integer> newer = year == null ? unread.headSet(y + 1)
            : unread.subSet(year + 1, y + 1);
        if (!newer.isEmpty()) {
          more.add(newer.last());
        } else if (year != null) {
          used.put(y, year);
        }
      }
      if (more.isEmpty()) {
        requireRowsForRunYears(request, dataset, files, v.tally());
        return result(dataset, files, v, used);
      }
      LOG.info("{}: no accepted row in the latest year folders read; reading year folder(s) {} too",
          dataset, more);
      v.persisted().unpersist(false);
      List<InputFile> extra = files.listed().stream()
          .filter(f -> folderYear(f).filter(more::contains).isPresent()).toList();
      inspect(spark, request, dataset, files, extra);
    }
  }

  /** The validated frame, the persisted frame it is derived from, and its one aggregation. */
  private record Validated(Dataset<Row> frame, Dataset<Row> persisted, Tally tally) {}

  private static Validated validate(SparkSession spark, IngestionRequest request,
      InputDataset dataset, Files files) {
    List<FileLayout> layouts = new ArrayList<>(files.layouts().values());
    Dataset<Row> normalized = NormalizedReader.read(spark, dataset, layouts);
    // Persisted before the duplicates policy: finding the duplicated keys and the count below both
    // read it, so the input files are scanned once. The reads of many small files come in many small
    // partitions; they are merged (no shuffle) to the job's partition count, which every later pass
    // over the frame (count, quarantine, metrics) then uses.
    Dataset<Row> checked =
        forCache(RowRules.apply(normalized, dataset, request.settings(), request.registry()),
            dataset)
            .coalesce(request.settings().shufflePartitions())
            .persist(StorageLevel.MEMORY_AND_DISK());
    Column partitionValue = dataset.partitionColumn()
        .map(p -> NormalizedColumns.ref(NormalizedColumns.typed(p)).cast(DataTypes.StringType))
        .orElse(lit(null).cast(DataTypes.StringType));
    SparkSessions.describe(spark, "ingest " + dataset + ": validate and count " + layouts.size()
        + " file(s)");
    Dataset<Row> validated;
    List<Row> rows;
    try {
      validated = Duplicates.resolve(checked, dataset);
      rows = validated
          .groupBy(col(RowRules.REJECT_REASON), col(Duplicates.DUPLICATE_DROPPED),
              partitionValue.as(PARTITION_VALUE))
          .count()
          .collectAsList();
    } catch (Exception e) { // SparkException is checked, yet Scala code throws it from here
      checked.unpersist(false);
      throw readFailure(dataset, e);
    }
    return new Validated(validated, checked, Tally.of(rows));
  }

  /**
   * The columns later steps use, and the raw values only where they are needed: the quarantine must
   * show each value as it came, but almost every row's raw values are the string forms of its typed
   * values. Such a row caches one null instead of a string per column; the quarantine rebuilds them
   * ({@link #rawValue}). This shrinks the cached frame; it did not measurably shorten the SF1 nightly
   * (bench/RESULTS.md).
   */
  private static Dataset<Row> forCache(Dataset<Row> checked, InputDataset dataset) {
    List<Column> columns = new ArrayList<>();
    List<Column> raw = new ArrayList<>();
    Column rebuildable = lit(true);
    for (ColumnSpec c : dataset.columns()) {
      Column typed = NormalizedColumns.ref(NormalizedColumns.typed(c.name()));
      columns.add(typed);
      raw.add(NormalizedColumns.ref(c.name()));
      rebuildable = rebuildable.and(
          NormalizedColumns.ref(c.name()).eqNullSafe(typed.cast(DataTypes.StringType)));
    }
    columns.add(when(rebuildable, lit(null)).otherwise(array(raw.toArray(new Column[0])))
        .as(RAW_VALUES));
    columns.add(col(NormalizedColumns.EXTRA_COLUMNS));
    columns.add(col(NormalizedColumns.SOURCE_FILE));
    columns.add(col(NormalizedColumns.ROW_INDEX));
    columns.add(col(RowRules.REJECT_REASON));
    return checked.select(columns.toArray(new Column[0]));
  }

  /** Contract column {@code index} as it came: kept in {@link #RAW_VALUES}, or its typed value's. */
  private static Column rawValue(ColumnSpec column, int index) {
    return when(col(RAW_VALUES).isNull(),
        NormalizedColumns.ref(NormalizedColumns.typed(column.name())).cast(DataTypes.StringType))
        .otherwise(col(RAW_VALUES).getItem(index))
        .as(column.name());
  }

  /**
   * A file whose footer was fine but whose data is corrupt fails inside Spark (FAILED_READ_FILE,
   * naming the file): an input fault too. It is not skipped even with --skip-corrupt-files, since
   * rows read before the damage could not be told from rows lost after it.
   */
  private static RuntimeException readFailure(InputDataset dataset, Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null && message.contains("FAILED_READ_FILE")) {
        Matcher file = Pattern.compile("reading file (\\S+?)\\.?\\s").matcher(message + " ");
        Throwable root = t;
        while (root.getCause() != null) {
          root = root.getCause();
        }
        return new InputFault(dataset.folder() + ": "
            + (file.find() ? file.group(1) : "a file") + " cannot be read: its data is damaged ("
            + root.getMessage() + ")", "Replace the file with a good export, or remove it.", e);
      }
    }
    return e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
  }


  /** The one aggregation of a validated frame: rows per (reason, dropped, partition value). */
  private record Tally(List<Row> rows) {

    static Tally of(List<Row> rows) {
      return new Tally(List.copyOf(rows));
    }

    DatasetCounts counts() {
      long read = 0;
      long accepted = 0;
      long dropped = 0;
      SortedMap<String, Long> byReason = new TreeMap<>();
      for (Row r : rows) {
        long n = r.getLong(3);
        read += n;
        if (!r.isNullAt(0)) {
          byReason.merge(r.getString(0), n, Long::sum);
        } else if (r.getBoolean(1)) {
          dropped += n;
        } else {
          accepted += n;
        }
      }
      long quarantined = byReason.values().stream().mapToLong(Long::longValue).sum();
      return new DatasetCounts(read, accepted, quarantined, dropped, byReason);
    }

    /** Valid partition values (periods or years) of the rows read, whatever became of them. */
    SortedSet<String> readPartitionValues() {
      SortedSet<String> values = new TreeSet<>();
      for (Row r : rows) {
        if (!r.isNullAt(2)) {
          values.add(r.getString(2));
        }
      }
      return values;
    }

    SortedSet<String> acceptedPartitionValues() {
      SortedSet<String> values = new TreeSet<>();
      for (Row r : rows) {
        if (r.isNullAt(0) && !r.getBoolean(1) && !r.isNullAt(2)) {
          values.add(r.getString(2));
        }
      }
      return values;
    }
  }

  private static void requireRowsForRunPeriods(IngestionRequest request, InputDataset dataset,
      Files files, Tally tally) {
    if (dataset.partitionColumn().isEmpty()) {
      return;
    }
    SortedSet<String> present = tally.readPartitionValues();
    for (Period p : request.scope().runPeriods()) {
      if (!present.contains(p.toString())) {
        throw noData(request, dataset, "period " + p, "period=" + p, files, present);
      }
    }
  }

  private static void requireRowsForRunYears(IngestionRequest request, InputDataset dataset,
      Files files, Tally tally) {
    SortedSet<String> present = tally.readPartitionValues();
    for (int y : request.scope().runYears()) {
      boolean any = present.stream().anyMatch(v -> Integer.parseInt(v) <= y);
      if (!any) {
        throw noData(request, dataset, "a year at or before " + y, "year=" + y, files,
            present);
      }
    }
  }

  private static IngestedDataset result(InputDataset dataset, Files files, Validated v,
      Map<Integer, Integer> incomeYearUsed) {
    DatasetCounts counts = v.tally().counts();
    Dataset<Row> frame = v.frame();
    List<Column> accepted = new ArrayList<>();
    List<Column> quarantine = new ArrayList<>();
    List<ColumnSpec> contract = dataset.columns();
    for (int i = 0; i < contract.size(); i++) {
      ColumnSpec c = contract.get(i);
      accepted.add(NormalizedColumns.ref(NormalizedColumns.typed(c.name())).as(c.name()));
      quarantine.add(rawValue(c, i));
    }
    accepted.add(col(NormalizedColumns.SOURCE_FILE));
    quarantine.add(col(NormalizedColumns.EXTRA_COLUMNS));
    quarantine.add(col(RowRules.REJECT_REASON));
    quarantine.add(col(NormalizedColumns.SOURCE_FILE));
    Dataset<Row> acceptedRows = frame
        .filter(col(RowRules.REJECT_REASON).isNull()
            .and(col(Duplicates.DUPLICATE_DROPPED).unary_$bang()))
        .select(accepted.toArray(new Column[0]));
    Dataset<Row> quarantined = frame.filter(col(RowRules.REJECT_REASON).isNotNull())
        .select(quarantine.toArray(new Column[0]));

    List<String> read = files.layouts().keySet().stream().sorted().toList();
    List<SkippedFile> skipped = files.skipped().entrySet().stream()
        .map(e -> new SkippedFile(e.getKey(), e.getValue())).toList();
    List<String> extras = files.layouts().values().stream()
        .flatMap(l -> l.extraColumnNames().stream()).distinct().sorted().toList();
    LOG.info("{}: {} file(s) read, {} skipped; rows read {}, accepted {}, quarantined {} {}, "
            + "duplicates dropped {}{}", dataset, read.size(), skipped.size(), counts.rowsRead(),
        counts.rowsAccepted(), counts.rowsQuarantined(), counts.quarantinedByReason(),
        counts.duplicatesDropped(),
        (extras.isEmpty() ? "" : "; extra columns ignored " + extras)
            + (incomeYearUsed.isEmpty() ? "" : "; year used per evaluation year " + incomeYearUsed));
    return new IngestedDataset(dataset, acceptedRows, quarantined, counts, read, skipped, extras,
        incomeYearUsed, frame, v.persisted());
  }

  /**
   * The fault for missing data, saying what exists.
   *
   * @param deliver the folder that would fix it, e.g. period=2024-06
   */
  private static InputFault noData(IngestionRequest request, InputDataset dataset, String what,
      String deliver, Files files, Collection<String> seenInRows) {
    String folder = DatasetListing.datasetFolder(request.inputRoot(), dataset).toString();
    StringBuilder message = new StringBuilder(dataset.folder() + ": no data for " + what
        + ", which the run needs, under " + folder + ".");
    Optional<String> column = dataset.partitionColumn();
    if (column.isPresent()) {
      TreeSet<String> present = new TreeSet<>(seenInRows);
      List<String> notValid = new ArrayList<>();
      int loose = 0;
      for (InputFile f : files.listed()) {
        Optional<String> value = partitionFolder(dataset, f);
        if (value.isEmpty()) {
          loose++;
        } else if (dataset == InputDataset.COLLECTIVE_INCOME ? folderYear(f).isPresent()
            : folderPeriod(f).isPresent()) {
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

  private static Optional<String> partitionFolder(InputDataset dataset, InputFile file) {
    return dataset.partitionColumn().flatMap(file::partitionValue);
  }

  private static Optional<Period> folderPeriod(InputFile file) {
    return file.partitionValue(InputDataset.GRID_COVERAGE.partitionColumn().orElseThrow())
        .flatMap(Period::tryParse);
  }

  private static Optional<Integer> folderYear(InputFile file) {
    return file.partitionValue(InputDataset.COLLECTIVE_INCOME.partitionColumn().orElseThrow())
        .filter(v -> v.matches(NormalizedReader.YEAR_PATTERN))
        .map(Integer::valueOf);
  }

  private static SortedSet<Integer> validFolderYears(List<InputFile> files) {
    SortedSet<Integer> years = new TreeSet<>();
    files.forEach(f -> folderYear(f).ifPresent(years::add));
    return years;
  }
}
