package com.governancemetrics.diff;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import com.governancemetrics.rollup.Level;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What changes between two publications of a period (issue 14, dry run and diff): per table, unit and
 * metric, the old and new value, rank and meets_target, which of them changed, and how much — the
 * rows of both sides joined on (unit, metric); a unit or metric on one side only counts as changed.
 * Rows that did not change are left out; the rest sorted by how much they changed.
 */
public final class PublicationDiff {

  /** The columns of a change, in order. */
  public static final List<String> COLUMNS = List.of("period", "table", "province_code",
      "unit_code", "unit_name", "metric_id", "old_value", "new_value", "delta", "old_rank",
      "new_rank", "old_meets_target", "new_meets_target", "value_changed", "rank_changed",
      "target_status_changed", "magnitude");

  /** One side of the comparison: its name (a run id) and each table's partition folder, if any. */
  public record Side(String name, Map<Level, Path> partitions) {}

  private PublicationDiff() {}

  /** The changes from {@code from} to {@code to} of {@code period}, all four tables, unsorted. */
  public static Dataset<Row> changes(SparkSession spark, String period, Side from, Side to) {
    Dataset<Row> all = null;
    for (Level level : Level.values()) {
      Dataset<Row> old = side(spark, level, from.partitions().get(level));
      Dataset<Row> now = side(spark, level, to.partitions().get(level));
      Dataset<Row> joined = old.alias("o").join(now.alias("n"),
          col("o.unit_code").equalTo(col("n.unit_code"))
              .and(col("o.metric_id").equalTo(col("n.metric_id"))), "full_outer");
      Column valueChanged = col("o.value").eqNullSafe(col("n.value")).unary_$bang()
          .or(col("o.unit_code").isNull()).or(col("n.unit_code").isNull());
      Column rankChanged = col("o.rank").eqNullSafe(col("n.rank")).unary_$bang();
      Column targetChanged = col("o.meets_target").eqNullSafe(col("n.meets_target")).unary_$bang();
      Column delta = col("n.value").minus(col("o.value"));
      // How much: the change relative to the old value; a value that appears or disappears first.
      Column magnitude = when(col("o.value").isNull().or(col("n.value").isNull()),
          lit(Double.MAX_VALUE))
          .otherwise(abs(delta).divide(greatest(abs(col("o.value")), lit(1e-9))));
      Dataset<Row> changes = joined
          .filter(valueChanged.or(rankChanged).or(targetChanged))
          .select(lit(period).as("period"), lit(level.table()).as("table"),
              coalesce(col("n.province_code"), col("o.province_code")).as("province_code"),
              coalesce(col("n.unit_code"), col("o.unit_code")).as("unit_code"),
              coalesce(col("n.unit_name"), col("o.unit_name")).as("unit_name"),
              coalesce(col("n.metric_id"), col("o.metric_id")).as("metric_id"),
              col("o.value").as("old_value"), col("n.value").as("new_value"), delta.as("delta"),
              col("o.rank").as("old_rank"), col("n.rank").as("new_rank"),
              col("o.meets_target").as("old_meets_target"),
              col("n.meets_target").as("new_meets_target"),
              valueChanged.as("value_changed"), rankChanged.as("rank_changed"),
              targetChanged.as("target_status_changed"), magnitude.as("magnitude"));
      all = all == null ? changes : all.unionByName(changes);
    }
    return all;
  }

  /** The changes ordered by how much they changed, then by table, unit and metric. */
  public static Dataset<Row> sorted(Dataset<Row> changes) {
    return changes.orderBy(col("target_status_changed").desc(), col("magnitude").desc(),
        col("table"), col("unit_code"), col("metric_id"));
  }

  /** The units whose rank or target status changes for some metric: "table|unit_code|name". */
  public static Set<String> unitsWhoseRankOrTargetChanges(List<Row> changes) {
    Set<String> units = new LinkedHashSet<>();
    for (Row r : changes) {
      if (r.getBoolean(r.fieldIndex("rank_changed"))
          || r.getBoolean(r.fieldIndex("target_status_changed"))) {
        units.add(r.<String>getAs("table") + "|" + r.<String>getAs("unit_code") + "|"
            + Optional.ofNullable(r.<String>getAs("unit_name")).orElse(""));
      }
    }
    return units;
  }

  /** A side's rows of one level: unit, names, metric, value, own rank, meets_target. */
  private static Dataset<Row> side(SparkSession spark, Level level, Path folder) {
    StructType schema = new StructType()
        .add("province_code", DataTypes.StringType)
        .add("unit_code", DataTypes.StringType)
        .add("unit_name", DataTypes.StringType)
        .add("metric_id", DataTypes.StringType)
        .add("value", DataTypes.DoubleType)
        .add("rank", DataTypes.IntegerType)
        .add("meets_target", DataTypes.BooleanType);
    if (folder == null || !exists(spark, folder) || !hasData(spark, folder)) {
      return spark.createDataFrame(new ArrayList<Row>(), schema);
    }
    return spark.read().parquet(folder.toString())
        .select(col(Level.PROVINCE.codeColumn()).as("province_code"),
            col(level.codeColumn()).as("unit_code"), col(level.nameColumn()).as("unit_name"),
            col("metric_id"), col("value"), col(level.rankColumn()).as("rank"),
            col("meets_target"));
  }

  private static boolean exists(SparkSession spark, Path folder) {
    try {
      return folder.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(folder);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + folder + ": " + e.getMessage(), e);
    }
  }

  private static boolean hasData(SparkSession spark, Path folder) {
    try {
      FileSystem fs = folder.getFileSystem(spark.sparkContext().hadoopConfiguration());
      for (var f : fs.listStatus(folder)) {
        String name = f.getPath().getName();
        if (f.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + folder + ": " + e.getMessage(), e);
    }
  }
}
