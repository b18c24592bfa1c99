package com.governancemetrics.spark;

import java.util.List;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The few calls whose API differs between the Spark lines the jar is built for, in one place. This is
 * the Spark 4 version (Scala 2.13, Parquet 1.15+), compiled by default; {@code -Pspark-3.5} compiles
 * {@code src/main/spark-3.5} instead (see jobs/pom.xml). Both versions have the same methods and
 * give the same results.
 */
public final class SparkCompat {

  /** What the message of Spark's error for a file whose data cannot be read contains. */
  public static final String FAILED_READ_FILE = "FAILED_READ_FILE";

  private SparkCompat() {}

  /**
   * One aggregation with GROUPING SETS.
   *
   * @param sets the grouping sets, each a prefix of {@code keys} (the Spark 3.5 version needs that)
   * @param keys every grouping column, in the order of the output
   * @param aggregates at least one aggregate column
   * @return the keys (null where not grouped) and the aggregates, one row per set and group
   */
  public static Dataset<Row> groupingSets(Dataset<Row> rows, List<List<Column>> sets,
      List<Column> keys, List<Column> aggregates) {
    return rows
        .groupingSets(seq(sets.stream().map(SparkCompat::seq).toList()), keys.toArray(Column[]::new))
        .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new));
  }

  /** {@code TRY_CAST(column AS type)}: null where the value does not convert, whatever the ANSI mode. */
  public static Column tryCast(Column column, DataType type) {
    return column.try_cast(type);
  }

  /** Min/max statistics on, size statistics (a Parquet 1.15 addition) off. */
  public static <B extends ParquetWriter.Builder<?, B>> B minMaxStatisticsOnly(B builder) {
    return builder.withStatisticsEnabled(true).withSizeStatisticsEnabled(false);
  }

  private static <T> scala.collection.immutable.Seq<T> seq(List<T> list) {
    return CollectionConverters.asScala(list).toList();
  }
}
