package com.governancemetrics.quality;

import com.governancemetrics.input.InputDataset;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One dataset after ingestion. {@code accepted} and {@code quarantine} are filters of the frame of
 * every row read ({@code validated}), itself derived from one persisted frame ({@code persisted});
 * {@link #release()} frees it once both are written.
 *
 * @param accepted exactly {@link InputDataset#acceptedSchema()}: typed contract columns + source_file
 * @param quarantine every contract column as it came rendered as a string (null stays null),
 *     extra_columns map&lt;string,string&gt;, reject_reason, source_file
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
    DatasetCounts counts, List<String> filesRead, List<SkippedFile> filesSkipped,
    List<String> extraColumns, Map<Integer, Integer> incomeYearUsed, Dataset<Row> validated,
    Dataset<Row> persisted) {

  public IngestedDataset {
    filesRead = List.copyOf(filesRead);
    filesSkipped = List.copyOf(filesSkipped);
    extraColumns = List.copyOf(extraColumns);
    incomeYearUsed = Map.copyOf(incomeYearUsed);
  }

  /** Unpersists the frame read; accepted and quarantine must not be used afterwards. */
  public void release() {
    persisted.unpersist(false);
  }
}
