package com.governancemetrics.output;

import com.governancemetrics.periods.Period;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a table's {@code period=YYYY-MM} partitions atomically and idempotently (SPEC §3): the rows
 * are written once into {@code <table>/_staging/<run_id>/}, each partition gets its {@code _SUCCESS}
 * marker there, and is then swapped into place by renames (old partition aside, new one in, old one
 * deleted). Readers never see a half-written partition; a rerun replaces exactly its own periods.
 * Folders starting with {@code _} are not data, so staging and trash are invisible to readers.
 */
public final class PartitionPublisher {

  private static final Logger LOG = LoggerFactory.getLogger(PartitionPublisher.class);

  /** The partition column of every published table. */
  public static final String PERIOD_COLUMN = "period";

  private PartitionPublisher() {}

  /**
   * Writes {@code rows} (which carry a {@code period} column) under {@code tableRoot} and swaps in one
   * partition per period of {@code periods}, also those without rows (an empty partition with its
   * marker). Returns the rows written per period, read from the written files' footers.
   */
  public static Map<Period, Long> publish(SparkSession spark, Dataset<Row> rows, String tableRoot,
      List<Period> periods, String runId) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    Path table = new Path(tableRoot);
    Path staging = new Path(table, "_staging/" + runId);
    rows.write().mode(SaveMode.Overwrite).partitionBy(PERIOD_COLUMN).parquet(staging.toString());
    Map<Period, Long> written = new LinkedHashMap<>();
    try {
      FileSystem fs = table.getFileSystem(conf);
      for (Period period : periods) {
        Path staged = new Path(staging, partitionName(period));
        fs.mkdirs(staged);
        fs.create(new Path(staged, "_SUCCESS"), true).close();
        written.put(period, parquetRows(fs, conf, staged));
        swapIn(fs, table, staged, period, runId);
      }
      fs.delete(staging, true);
      deleteIfEmpty(fs, new Path(table, "_staging"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot publish " + tableRoot + ": " + e.getMessage(), e);
    }
    LOG.info("Published {} {}", table.getName(), written);
    return written;
  }

  public static String partitionName(Period period) {
    return PERIOD_COLUMN + "=" + period;
  }

  private static void swapIn(FileSystem fs, Path table, Path staged, Period period, String runId)
      throws IOException {
    Path target = new Path(table, partitionName(period));
    Path trash = new Path(table, "_trash/" + runId + "/" + partitionName(period));
    boolean replacing = fs.exists(target);
    if (replacing) {
      fs.mkdirs(trash.getParent());
      rename(fs, target, trash);
    }
    rename(fs, staged, target);
    if (replacing) {
      fs.delete(trash, true);
      deleteIfEmpty(fs, trash.getParent());
      deleteIfEmpty(fs, new Path(table, "_trash"));
    }
  }

  private static void rename(FileSystem fs, Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("rename " + from + " -> " + to + " failed");
    }
  }

  private static void deleteIfEmpty(FileSystem fs, Path dir) throws IOException {
    if (fs.exists(dir) && fs.listStatus(dir).length == 0) {
      fs.delete(dir, false);
    }
  }

  /** Sum of the record counts in the footers of the partition's Parquet files (no Spark job). */
  static long parquetRows(FileSystem fs, Configuration conf, Path partition) throws IOException {
    long total = 0;
    for (FileStatus f : fs.listStatus(partition)) {
      String name = f.getPath().getName();
      if (f.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
        try (ParquetFileReader reader =
            ParquetFileReader.open(HadoopInputFile.fromStatus(f, conf))) {
          total += reader.getRecordCount();
        }
      }
    }
    return total;
  }
}
