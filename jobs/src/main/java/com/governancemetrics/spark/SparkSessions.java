package com.governancemetrics.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Creates the job's SparkSession with the settings every run wants; the master comes from spark-submit. */
public final class SparkSessions {

  /**
   * Generated methods larger than HotSpot's HugeMethodLimit (8000 bytes of bytecode) are never
   * JIT-compiled: they run interpreted for the whole job. Spark's own documentation of this setting
   * advises 8000 on HotSpot; stages whose code would be larger then run without whole-stage codegen,
   * in compiled expression code. Ingestion's normalizing projection is such a stage (bench/RESULTS.md).
   */
  static final String HUGE_METHOD_LIMIT = "spark.sql.codegen.hugeMethodLimit";
  static final int HOTSPOT_HUGE_METHOD_LIMIT = 8000;

  private SparkSessions() {}

  public static SparkSession create(String appName, int shufflePartitions) {
    SparkSession.Builder builder = SparkSession.builder();
    SparkConf submitted = new SparkConf();
    if (!submitted.contains(HUGE_METHOD_LIMIT)) {
      builder.config(HUGE_METHOD_LIMIT, HOTSPOT_HUGE_METHOD_LIMIT);
    }
    if (submitted.get("spark.master", "").startsWith("local")) {
      // In local mode the executor is this JVM: on a task's OutOfMemoryError Spark would end it
      // (exit 52) before the command line says what happened; failing the job instead lets it
      // end with SPEC §4's code 1 and the line that says to give the run more memory.
      builder.config("spark.executor.killOnFatalError.depth", 0);
    }
    SparkSession spark = builder
        .appName(appName)
        .config("spark.sql.shuffle.partitions", shufflePartitions)
        .config("spark.sql.adaptive.enabled", true)
        .config("spark.sql.session.timeZone", "Asia/Shanghai")
        .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
        .config("spark.ui.showConsoleProgress", false)
        // The inputs are listed on the driver already: no Spark job just to list leaf files.
        .config("spark.sql.sources.parallelPartitionDiscovery.threshold", 100_000)
        .getOrCreate();
    applyTo(spark, shufflePartitions);
    return spark;
  }

  /** Per-run settings on an existing session (tests share one session across runs). */
  public static void applyTo(SparkSession spark, int shufflePartitions) {
    spark.conf().set("spark.sql.shuffle.partitions", shufflePartitions);
  }

  /** Names the Spark jobs that follow in the UI and the event log, so the UI reads like the code. */
  public static void describe(SparkSession spark, String description) {
    spark.sparkContext().setJobDescription(description);
  }
}
