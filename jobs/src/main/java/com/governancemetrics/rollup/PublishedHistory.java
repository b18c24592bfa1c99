package com.governancemetrics.rollup;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.governancemetrics.metrics.AnomalyRules;
import com.governancemetrics.metrics.EvaluationPeriods;
import com.governancemetrics.metrics.MetricCatalogue;
import com.governancemetrics.metrics.MetricDefinition;
import com.governancemetrics.output.Publication;
import com.governancemetrics.periods.Period;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The earlier values the anomaly range rule judges against (issue 14): those published for earlier
 * periods, {@code <output>/<table>/period=Q/}, so that a backfill and a nightly flag the same values.
 * Only the partitions needed are read: for each requested period P, the periods P-12 … P-1 that the
 * run does not compute itself (a backfill's own periods come from the run), of each level's own
 * table, where completely published (with a {@code _SUCCESS} marker). They are read lazily, as part
 * of the ranking's input (a column-pruned Parquet scan, no Spark job of its own).
 */
public final class PublishedHistory {

  private final String outputRoot;

  private PublishedHistory(String outputRoot) {
    this.outputRoot = outputRoot;
  }

  /** No earlier publication: the range rule judges only against the run's own periods. */
  public static PublishedHistory none() {
    return new PublishedHistory(null);
  }

  /** The tables published under an output root. */
  public static PublishedHistory under(String outputRoot) {
    return new PublishedHistory(outputRoot);
  }

  /** Whether any metric's rules judge against earlier values (else nothing is read). */
  public static boolean neededBy(MetricCatalogue catalogue) {
    return catalogue.metrics().stream()
        .anyMatch(m -> catalogue.anomalyRules(m).outsideRange() != null);
  }

  /** The periods whose values the requested periods' rules need and the run does not compute. */
  static SortedSet<Period> periodsNeeded(SortedSet<Period> requested) {
    SortedSet<Period> needed = new TreeSet<>();
    for (Period p : requested) {
      for (int k = 1; k <= AnomalyRules.HISTORY_PERIODS; k++) {
        needed.add(p.minusMonths(k));
      }
    }
    needed.removeAll(requested);
    return needed;
  }

  /** A published partition read for the history: its level, period, folder and marker text. */
  record Partition(Level level, Period period, Path folder, String marker) {}

  /**
   * The completely published partitions the requested periods need, per level (none without an
   * output root or when no rule needs them).
   */
  List<Partition> partitions(Configuration conf, MetricCatalogue catalogue,
      SortedSet<Period> requested) {
    List<Partition> partitions = new ArrayList<>();
    if (outputRoot == null || !neededBy(catalogue)) {
      return partitions;
    }
    try {
      FileSystem fs = new Path(outputRoot).getFileSystem(conf);
      for (Level level : Level.values()) {
        for (Period q : periodsNeeded(requested)) {
          Path folder = new Path(new Path(outputRoot, level.table()), Publication.partitionName(q));
          Optional<String> marker = marker(fs, new Path(folder, Publication.SUCCESS_MARKER));
          marker.ifPresent(m -> partitions.add(new Partition(level, q, folder, m)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the published tables under " + outputRoot
          + " for the anomaly rules' history: " + e.getMessage(), e);
    }
    return partitions;
  }

  /**
   * What the history of the requested periods is, one line per partition (table, period and its
   * marker, which names the run that published it): part of what a run's result depends on.
   */
  public List<String> describe(Configuration conf, MetricCatalogue catalogue, List<Period> requested) {
    return partitions(conf, catalogue, new TreeSet<>(requested)).stream()
        .map(p -> p.level().table() + "/period=" + p.period() + " " + p.marker().strip()).toList();
  }

  /**
   * The published values as rows of {@link ProvinceMetricRanking#INPUT} (kind {@code history}: the
   * unit's value of period {@code eval_period}), or empty when there is none to read.
   */
  Optional<Dataset<Row>> read(SparkSession spark, MetricCatalogue catalogue,
      EvaluationPeriods periods) {
    List<Partition> partitions = partitions(spark.sparkContext().hadoopConfiguration(), catalogue,
        periods.requested());
    Object[] judged = catalogue.metrics().stream()
        .filter(m -> catalogue.anomalyRules(m).outsideRange() != null)
        .map(MetricDefinition::id).toArray();
    Dataset<Row> all = null;
    for (Level level : Level.values()) {
      String[] folders = partitions.stream().filter(p -> p.level() == level)
          .map(p -> p.folder().toString()).toArray(String[]::new);
      if (folders.length == 0) {
        continue;
      }
      StructType columns = new StructType();
      if (level != Level.PROVINCE) {
        columns = columns.add(level.codeColumn(), DataTypes.StringType);
      }
      columns = columns.add("province_code", DataTypes.StringType)
          .add("metric_id", DataTypes.StringType)
          .add("value", DataTypes.DoubleType)
          .add("period", DataTypes.StringType);
      Dataset<Row> rows = spark.read().schema(columns)
          .option("basePath", new Path(outputRoot, level.table()).toString())
          .parquet(folders)
          .select(col("province_code").as("group_key"),
              lit(ProvinceMetricRanking.HISTORY).as("row_kind"), col("period").as("eval_period"),
              lit(level.depth()).as("level"), col(level.codeColumn()).as("unit_code"),
              col("metric_id"), lit(null).cast(DataTypes.DoubleType).as("numerator"),
              lit(null).cast(DataTypes.DoubleType).as("denominator"), col("value"),
              lit(null).cast(DataTypes.LongType).as("present"),
              lit(null).cast(DataTypes.IntegerType).as("data_year"))
          .filter(col("group_key").isNotNull().and(col("unit_code").isNotNull())
              .and(col("metric_id").isin(judged)));
      all = all == null ? rows : all.union(rows);
    }
    return Optional.ofNullable(all);
  }

  private static Optional<String> marker(FileSystem fs, Path marker) throws IOException {
    if (!fs.exists(marker)) {
      return Optional.empty();
    }
    try (InputStream in = fs.open(marker)) {
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
