package com.governancemetrics.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
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
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * The duplicates policy of SPEC §1, among the rows that passed every other rule: copies of a key
 * (township+period, village+year, case_id) that are identical in their contract columns after casting
 * (extra columns and the file ignored) are kept once, the others counted as dropped; when the copies
 * differ, all of them are quarantined as conflicting_duplicate (A, A, B: three quarantined, none
 * dropped). The kept copy is the one from the smallest source_file, so reruns keep the same row.
 */
public final class Duplicates {

  /** True on an identical copy that is dropped (neither accepted nor quarantined). */
  public static final String DUPLICATE_DROPPED = "duplicate_dropped";

  private static final String COPIES = "_copies";
  private static final String IDENTICAL = "_identical";
  private static final String ORDINAL = "_ordinal";

  private Duplicates() {}

  /**
   * Takes rows with {@link RowRules#REJECT_REASON} and returns the same rows, with conflicting copies
   * given conflicting_duplicate and the column {@link #DUPLICATE_DROPPED}. One window, no extra scan.
   */
  public static Dataset<Row> resolve(Dataset<Row> checked, InputDataset dataset) {
    List<Column> partition = new ArrayList<>();
    // Rejected rows fall in partitions of their own reason and are left as they are.
    partition.add(col(RowRules.REJECT_REASON));
    for (String key : dataset.key()) {
      partition.add(typed(key));
    }
    List<Column> contract = new ArrayList<>();
    for (ColumnSpec c : dataset.columns()) {
      contract.add(typed(c.name()));
    }
    Column version = struct(contract.toArray(new Column[0]));
    WindowSpec copies = Window.partitionBy(partition.toArray(new Column[0]))
        .orderBy(col(NormalizedColumns.SOURCE_FILE));
    WindowSpec all = copies.rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing());

    Column passed = col(RowRules.REJECT_REASON).isNull();
    Column duplicated = passed.and(col(COPIES).gt(1));
    return checked
        .withColumn(COPIES, count(lit(1)).over(all))
        .withColumn(IDENTICAL, min(version).over(all).eqNullSafe(max(version).over(all)))
        .withColumn(ORDINAL, row_number().over(copies))
        .withColumn(DUPLICATE_DROPPED, duplicated.and(col(IDENTICAL)).and(col(ORDINAL).gt(1)))
        .withColumn(RowRules.REJECT_REASON,
            when(duplicated.and(col(IDENTICAL).unary_$bang()),
                lit(RejectReason.CONFLICTING_DUPLICATE.code()))
                .otherwise(col(RowRules.REJECT_REASON)))
        .drop(COPIES, IDENTICAL, ORDINAL);
  }

  private static Column typed(String column) {
    return NormalizedColumns.ref(NormalizedColumns.typed(column));
  }
}
