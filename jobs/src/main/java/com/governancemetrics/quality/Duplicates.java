package com.governancemetrics.quality;

import static com.governancemetrics.input.NormalizedColumns.typedRef;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import com.governancemetrics.input.ColumnSpec;
import com.governancemetrics.input.InputDataset;
import com.governancemetrics.input.NormalizedColumns;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The duplicates policy of SPEC §1, among the rows that passed every other rule: copies of a key
 * (township+period, village+year, case_id) that are identical in their contract columns after casting
 * (extra columns and the file ignored) are kept once, the others counted as dropped; when the copies
 * differ, all of them are quarantined as conflicting_duplicate (A, A, B: three quarantined, none
 * dropped). The kept copy is the one from the smallest source_file, so reruns keep the same row; among
 * copies in that same file, the first in the file ({@link NormalizedColumns#ROW_INDEX}).
 *
 * <p>Duplicated keys are rare, so whole rows are never shuffled: the keys of the passed rows are
 * counted (a narrow aggregation), the copies of the keys seen more than once are summarized (one row
 * per duplicated key, collected on the driver), and that small table is broadcast-joined back.
 */
public final class Duplicates {

  /** True on an identical copy that is dropped (neither accepted nor quarantined). */
  public static final String DUPLICATE_DROPPED = "duplicate_dropped";

  private static final String KEY = "_dup_key_";
  private static final String SEEN = "_dup_seen_";
  private static final String COPIES = "_dup_copies";
  private static final String IDENTICAL = "_dup_identical";
  private static final String KEPT = "_dup_kept";
  private static final String FILE = "file";
  private static final String INDEX = "index";

  private Duplicates() {}

  /**
   * Takes rows with {@link RowRules#REJECT_REASON} and returns the same rows, with conflicting copies
   * given conflicting_duplicate and the column {@link #DUPLICATE_DROPPED}. Runs one Spark job over
   * {@code checked} to find the duplicated keys; the caller persists {@code checked} first, so that
   * this job and every later use of the result read the input once.
   */
  public static Dataset<Row> resolve(Dataset<Row> checked, InputDataset dataset) {
    List<String> keys = dataset.key();
    Column passed = col(RowRules.REJECT_REASON).isNull();
    List<Column> keyColumns = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      keyColumns.add(typedRef(keys.get(i)).as(KEY + i));
    }
    Column[] keyNames = keyNames(keys.size());

    // Rows already rejected by another rule are not copies (SPEC §1).
    Dataset<Row> passedKeys = checked.filter(passed).select(keyColumns.toArray(new Column[0]));
    Dataset<Row> duplicatedKeys = passedKeys.groupBy(keyNames).count()
        .filter(col("count").gt(1)).select(renamed(keys.size(), SEEN));

    List<Column> contract = new ArrayList<>();
    for (ColumnSpec c : dataset.columns()) {
      contract.add(typedRef(c.name()));
    }
    List<Column> copyColumns = new ArrayList<>(keyColumns);
    copyColumns.add(struct(contract.toArray(new Column[0])).as("version"));
    copyColumns.add(struct(col(NormalizedColumns.SOURCE_FILE).as(FILE),
        col(NormalizedColumns.ROW_INDEX).as(INDEX)).as("position"));
    Dataset<Row> copies = checked.filter(passed).select(copyColumns.toArray(new Column[0]));
    Dataset<Row> summary = copies
        .join(functions.broadcast(duplicatedKeys), keysEqual(keys.size(), SEEN), "left_semi")
        .groupBy(keyNames)
        .agg(count(lit(1)).as(COPIES),
            // Identical after casting: every copy equals every other (nulls equal nulls).
            min(col("version")).eqNullSafe(max(col("version"))).as(IDENTICAL),
            // The smallest source_file, then the first row of that file: exactly one kept.
            min(col("position")).as(KEPT));
    List<Row> duplicated = summary.collectAsList();

    if (duplicated.isEmpty()) {
      return checked.withColumn(DUPLICATE_DROPPED, lit(false));
    }
    Dataset<Row> small = functions.broadcast(
        checked.sparkSession().createDataFrame(duplicated, summary.schema()));
    Column on = null;
    for (int i = 0; i < keys.size(); i++) {
      Column eq = typedRef(keys.get(i)).eqNullSafe(col(KEY + i));
      on = on == null ? eq : on.and(eq);
    }
    Column duplicate = passed.and(col(COPIES).isNotNull());
    Column identical = col(IDENTICAL);
    Column kept = col(NormalizedColumns.SOURCE_FILE).equalTo(col(KEPT).getField(FILE))
        .and(col(NormalizedColumns.ROW_INDEX).equalTo(col(KEPT).getField(INDEX)));
    List<String> helpers = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      helpers.add(KEY + i);
    }
    helpers.addAll(List.of(COPIES, IDENTICAL, KEPT));
    return checked.join(small, on, "left")
        .withColumn(DUPLICATE_DROPPED, duplicate.and(identical).and(kept.unary_$bang()))
        .withColumn(RowRules.REJECT_REASON,
            when(duplicate.and(identical.unary_$bang()),
                lit(RejectReason.CONFLICTING_DUPLICATE.code()))
                .otherwise(col(RowRules.REJECT_REASON)))
        .drop(helpers.toArray(new String[0]));
  }

  private static Column[] keyNames(int n) {
    Column[] names = new Column[n];
    for (int i = 0; i < n; i++) {
      names[i] = col(KEY + i);
    }
    return names;
  }

  /** The key columns under other names, so that joining them to the copies is not a self-join. */
  private static Column[] renamed(int n, String prefix) {
    Column[] columns = new Column[n];
    for (int i = 0; i < n; i++) {
      columns[i] = col(KEY + i).as(prefix + i);
    }
    return columns;
  }

  private static Column keysEqual(int n, String prefix) {
    Column on = null;
    for (int i = 0; i < n; i++) {
      Column eq = col(KEY + i).eqNullSafe(col(prefix + i));
      on = on == null ? eq : on.and(eq);
    }
    return on;
  }

}
