package com.governancemetrics.quality;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import com.governancemetrics.failures.InputFault;
import com.governancemetrics.input.ColumnSpec;
import com.governancemetrics.input.DatasetFiles;
import com.governancemetrics.input.DatasetListing;
import com.governancemetrics.input.InputDataset;
import com.governancemetrics.input.NormalizedColumns;
import com.governancemetrics.input.NormalizedReader;
import com.governancemetrics.spark.SparkCompat;
import com.governancemetrics.spark.SparkSessions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;

/**
 * The datasets' checked files read and judged (SPEC §1): each normalized ({@link NormalizedReader}),
 * each row given its reject reason ({@link RowRules}) and persisted once, then — for all datasets
 * together, in two small Spark jobs — counted and their duplicated keys found and summarized
 * ({@link Duplicates}), the policy applied and the counts settled ({@link Tally}). A file whose data
 * turns out damaged while it is read is an input fault.
 */
final class Validation {

  /** The contract columns as they came, in contract order; null when the typed values give them. */
  static final String RAW_VALUES = "_raw_values";

  /** The validated frame, the persisted frame it is derived from, and its count. */
  record Validated(Dataset<Row> frame, Dataset<Row> persisted, Tally tally) {}

  private Validation() {}

  static Map<InputDataset, Validated> validate(SparkSession spark, IngestionRequest request,
      Map<InputDataset, DatasetFiles> datasets) {
    Map<InputDataset, Dataset<Row>> checked = new LinkedHashMap<>();
    for (Map.Entry<InputDataset, DatasetFiles> e : datasets.entrySet()) {
      InputDataset dataset = e.getKey();
      Dataset<Row> normalized = NormalizedReader.read(spark, dataset,
          new ArrayList<>(e.getValue().layouts().values()));
      // Persisted before the duplicates policy: the counts and every later pass over the rows
      // (quarantine, metrics) read it, so the input files are scanned once. The reads of many
      // small files come in many small partitions; they are merged (no shuffle) to the job's
      // partition count, which every later pass over the frame then uses.
      checked.put(dataset,
          forCache(RowRules.apply(normalized, dataset, request.settings(), request.registry()),
              dataset)
              .coalesce(request.settings().shufflePartitions())
              .persist(StorageLevel.MEMORY_AND_DISK()));
    }
    SparkSessions.describe(spark, "ingest " + datasets.keySet() + ": validate and count");
    Map<InputDataset, Duplicates.KeyCounts> counts;
    Map<InputDataset, List<Duplicates.Summary>> summaries;
    try {
      counts = Duplicates.countKeys(spark, checked);
      summaries = Duplicates.summarize(checked, counts);
    } catch (Exception e) { // SparkException is checked, yet Scala code throws it from here
      checked.values().forEach(d -> d.unpersist(false));
      throw readFailure(request.inputRoot(), datasets.keySet(), e);
    }
    Map<InputDataset, Validated> validated = new LinkedHashMap<>();
    for (Map.Entry<InputDataset, Dataset<Row>> e : checked.entrySet()) {
      InputDataset dataset = e.getKey();
      validated.put(dataset, new Validated(
          Duplicates.resolve(e.getValue(), dataset, summaries.get(dataset)), e.getValue(),
          Tally.of(counts.get(dataset), summaries.get(dataset))));
    }
    return validated;
  }

  /**
   * The columns later steps use, and the raw values only where they are needed: the quarantine must
   * show each value as it came, but almost every row's raw values are the string forms of its typed
   * values. Such a row caches one null instead of a string per column; the quarantine rebuilds them
   * ({@link IngestedDataset#rawValue}). This shrinks the cached frame; it did not measurably shorten
   * the SF1 nightly (bench/RESULTS.md).
   */
  private static Dataset<Row> forCache(Dataset<Row> checked, InputDataset dataset) {
    List<Column> columns = new ArrayList<>();
    List<Column> raw = new ArrayList<>();
    Column rebuildable = lit(true);
    for (ColumnSpec c : dataset.columns()) {
      Column typed = NormalizedColumns.typedRef(c.name());
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

  /**
   * A file whose footer was fine but whose data is corrupt fails inside Spark (FAILED_READ_FILE on
   * Spark 4, {@link SparkCompat#FAILED_READ_FILE}; naming the file): an input fault too. It is not
   * skipped even with --skip-corrupt-files, since rows read before the damage could not be told
   * from rows lost after it.
   */
  static RuntimeException readFailure(String inputRoot, Collection<InputDataset> datasets,
      Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null && message.contains(SparkCompat.FAILED_READ_FILE)) {
        Matcher file = Pattern.compile("reading file (\\S+?)\\.?\\s").matcher(message + " ");
        String path = file.find() ? file.group(1) : null;
        Throwable root = t;
        while (root.getCause() != null) {
          root = root.getCause();
        }
        String folder = datasets.stream()
            .filter(d -> path != null && path.contains(
                DatasetListing.datasetFolder(inputRoot, d).toUri().getPath() + "/"))
            .map(InputDataset::folder).findFirst().orElse("input");
        return new InputFault(folder + ": " + (path == null ? "a file" : path)
            + " cannot be read: its data is damaged (" + root.getMessage() + ")",
            "Replace the file with a good export, or remove it.", e);
      }
    }
    return e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
  }
}
