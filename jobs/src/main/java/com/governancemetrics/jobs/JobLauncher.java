package com.governancemetrics.jobs;

import com.governancemetrics.config.ConfigLoader;
import com.governancemetrics.config.GovernanceConfig;
import com.governancemetrics.spark.SparkSessions;
import java.util.function.BiConsumer;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a job the way every subcommand does: the configuration is loaded and checked first (a wrong
 * key stops the run before Spark starts or any data is read), then the SparkSession, then the job.
 */
final class JobLauncher {

  private static final Logger LOG = LoggerFactory.getLogger(JobLauncher.class);

  private JobLauncher() {}

  static int launch(String name, RunOptions options, BiConsumer<SparkSession, GovernanceConfig> job) {
    GovernanceConfig config = options.config().map(ConfigLoader::load).orElseGet(ConfigLoader::bundled);
    LOG.info("Configuration: {} (sha256 {})", config.source(), config.sha256().substring(0, 12));
    options.requireOutputApartFromInput();
    // A session that exists already (an application that runs the job in its own JVM) is used and
    // left running; the one created here is stopped at the end.
    boolean owned = SparkSession.getDefaultSession().isEmpty();
    SparkSession spark = SparkSessions.create("governance-metrics " + name, config.settings().shufflePartitions());
    try {
      job.accept(spark, config);
    } finally {
      if (owned) {
        spark.stop();
      }
    }
    return ExitCode.DONE.code();
  }
}
