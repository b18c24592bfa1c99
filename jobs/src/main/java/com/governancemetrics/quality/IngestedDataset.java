package com.governancemetrics.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;

import com.governancemetrics.input.ColumnSpec;
import com.governancemetrics.input.DatasetFiles;
import com.governancemetrics.input.InputDataset;
import com.governancemetrics.input.NormalizedColumns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One dataset after ingestion. {@code accepted} and {@code quarantine} are filters of the frame of
 * every row read ({@code validated}), itself derived from one persisted frame ({@code persisted});
 * {@link #release()} frees it once both are written.
 *
 * @param accepted exactly {@link InputDataset#acceptedSchema()}: typed contract columns + source_file
 * @param quarantine every contract column as it came rendered as a string (null stays null),
 *     extra_columns map&lt;string,string&gt;, reject_reason, source_file
 * @param partitionsRead the partition folders read (SPEC §1, what a run reads), sorted
 * @param filesRead the files read, sorted
 * @param filesSkipped corrupt files skipped (only with skipCorruptFiles)
 * @param extraColumns extra column names seen in the files read (reported, otherwise ignored)
 * @param incomeYearUsed collective_income only: evaluation year → the latest year ≤ it with at least
 *     one accepted row (SPEC §2 annual); a year with no such row is absent; empty for other datasets
 * @param validated every row read with its typed contract columns, the delivered values where they
 *     differ from the typed ones, extra_columns, source_file, reject_reason and duplicate_dropped
 * @param persisted the persisted frame {@code validated} is computed from (the rows with their row
 *     rules' reasons, before the duplicates policy)
 */
public record IngestedDataset(InputDataset dataset, Dataset<Row> accepted, Dataset<Row> quarantine,
    DatasetCounts counts, List<String> partitionsRead, List<String> filesRead, List<SkippedFile> filesSkipped,
    List<String> extraColumns, Map<Integer, Integer> incomeYearUsed, Dataset<Row> validated,
    Dataset<Row> persisted) {

  private static final Logger LOG = LoggerFactory.getLogger(IngestedDataset.class);

  public IngestedDataset {
    partitionsRead = List.copyOf(partitionsRead);
    filesRead = List.copyOf(filesRead);
    filesSkipped = List.copyOf(filesSkipped);
    extraColumns = List.copyOf(extraColumns);
    incomeYearUsed = Map.copyOf(incomeYearUsed);
  }

  /**
   * Splits a validated dataset into its accepted rows (the typed contract columns + source_file) and
   * its quarantine (every contract column as it came + extra_columns, reject_reason, source_file).
   */
  static IngestedDataset of(DatasetFiles files, Validation.Validated v,
      Map<Integer, Integer> incomeYearUsed) {
    InputDataset dataset = files.dataset();
    DatasetCounts counts = v.tally().counts();
    Dataset<Row> frame = v.frame();
    List<Column> accepted = new ArrayList<>();
    List<Column> quarantine = new ArrayList<>();
    List<ColumnSpec> contract = dataset.columns();
    for (int i = 0; i < contract.size(); i++) {
      ColumnSpec c = contract.get(i);
      accepted.add(NormalizedColumns.typedRef(c.name()).as(c.name()));
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
    return new IngestedDataset(dataset, acceptedRows, quarantined, counts, files.partitionsRead(),
        read, skipped, extras,
        incomeYearUsed, frame, v.persisted());
  }

  /** Contract column {@code index} as it came: kept in the raw values, or its typed value's. */
  private static Column rawValue(ColumnSpec column, int index) {
    return when(col(Validation.RAW_VALUES).isNull(),
        NormalizedColumns.typedRef(column.name()).cast(DataTypes.StringType))
        .otherwise(col(Validation.RAW_VALUES).getItem(index))
        .as(column.name());
  }

  /** Unpersists the frame read; accepted and quarantine must not be used afterwards. */
  public void release() {
    persisted.unpersist(false);
  }
}
