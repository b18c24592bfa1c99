package com.governancemetrics.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.grouping_id;

import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.Cast;
import org.apache.spark.sql.catalyst.expressions.EvalMode;
import org.apache.spark.sql.types.DataType;
import scala.Option;

/**
 * The few calls whose API differs between the Spark lines the jar is built for, in one place. This is
 * the Spark 3.5 version (Scala 2.12, Parquet 1.13), compiled by {@code -Pspark-3.5}; the default
 * build compiles {@code src/main/spark-4}. Both versions have the same methods and give the same
 * results.
 */
public final class SparkCompat {

  private static final String GROUPING_ID = "__grouping_id";

  /**
   * What the message of Spark's error for a file whose data cannot be read contains (Spark 4 names
   * its error class, FAILED_READ_FILE; Spark 3.5's message has no class).
   */
  public static final String FAILED_READ_FILE = "Encountered error while reading file";

  private SparkCompat() {}

  /**
   * One aggregation with GROUPING SETS. {@code Dataset.groupingSets} exists only from Spark 4.0, so
   * the sets, which the job always takes as prefixes of the keys (a hierarchy), are computed by ONE
   * {@code ROLLUP} over the keys, and the rollup's other sets (the shorter prefixes) are dropped by
   * their {@code grouping_id()}. Still one aggregation over the rows, with some extra work: a rollup
   * of n keys has n + 1 sets.
   *
   * @param sets the grouping sets, each a prefix of {@code keys}
   * @param keys every grouping column, in the order of the output
   * @param aggregates at least one aggregate column
   * @return the keys (null where not grouped) and the aggregates, one row per set and group
   */
  public static Dataset<Row> groupingSets(Dataset<Row> rows, List<List<Column>> sets,
      List<Column> keys, List<Column> aggregates) {
    int n = keys.size();
    List<Object> wanted = new ArrayList<>();
    for (List<Column> set : sets) {
      if (set.isEmpty() || !set.equals(keys.subList(0, set.size()))) {
        throw new IllegalArgumentException("the Spark 3.5 build takes grouping sets that are prefixes"
            + " of the keys " + keys + ", not " + set);
      }
      // grouping_id(): one bit per key, the first key the highest, 1 where the key is not grouped
      wanted.add((1L << (n - set.size())) - 1);
    }
    List<Column> rest = new ArrayList<>(aggregates.subList(1, aggregates.size()));
    rest.add(grouping_id().as(GROUPING_ID));
    return rows
        .rollup(keys.toArray(Column[]::new))
        .agg(aggregates.get(0), rest.toArray(Column[]::new))
        .filter(col(GROUPING_ID).isin(wanted.toArray()))
        .drop(GROUPING_ID);
  }

  /**
   * {@code TRY_CAST(column AS type)}: null where the value does not convert, whatever the ANSI mode.
   * Spark 3.5 has it in SQL only; this builds the same expression its SQL parser builds.
   */
  public static Column tryCast(Column column, DataType type) {
    return new Column(new Cast(column.expr(), type, Option.empty(), EvalMode.TRY()));
  }

  /** Min/max statistics on (Parquet 1.13 always writes them, and has no size statistics). */
  public static <B extends ParquetWriter.Builder<?, B>> B minMaxStatisticsOnly(B builder) {
    return builder;
  }
}
