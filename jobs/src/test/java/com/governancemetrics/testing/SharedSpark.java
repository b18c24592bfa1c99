package com.governancemetrics.testing;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.spark.sql.SparkSession;

/** The one local SparkSession all tests of a JVM share (2 cores, few shuffle partitions). */
public final class SharedSpark {

  private static SparkSession spark;

  private SharedSpark() {}

  public static synchronized SparkSession get() {
    if (spark == null) {
      spark = SparkSession.builder()
          .master("local[2]")
          .appName("governance-metrics-tests")
          .config("spark.sql.shuffle.partitions", 2)
          .config("spark.default.parallelism", 2)
          .config("spark.sql.adaptive.enabled", true)
          .config("spark.sql.session.timeZone", "Asia/Shanghai")
          .config("spark.ui.enabled", false)
          .config("spark.sql.sources.parallelPartitionDiscovery.threshold", 100_000)
          .config("spark.ui.showConsoleProgress", false)
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.driver.host", "127.0.0.1")
          .getOrCreate();
      spark.sparkContext().setLogLevel("WARN");
    }
    return spark;
  }

  /** The repository root (surefire sets project.root; falls back to the working directory's parent). */
  public static Path projectRoot() {
    String root = System.getProperty("project.root");
    return (root != null ? Paths.get(root) : Paths.get("..")).toAbsolutePath().normalize();
  }
}
