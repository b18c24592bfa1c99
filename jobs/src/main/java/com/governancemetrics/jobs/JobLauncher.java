package com.governancemetrics.jobs;

import com.governancemetrics.config.ConfigLoader;
import com.governancemetrics.config.GovernanceConfig;
import com.governancemetrics.output.Publication;
import com.governancemetrics.output.RunManifest;
import com.governancemetrics.periods.Period;
import com.governancemetrics.spark.SparkSessions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a job the way every subcommand that writes an output root does: the configuration is
 * loaded and checked first (a wrong key stops the run before anything else), then the output root's
 * lock is taken and the root recovered (before Spark starts: a second run stops at once), then —
 * unless there is nothing to do — the SparkSession and the job.
 */
final class JobLauncher {

  private static final Logger LOG = LoggerFactory.getLogger(JobLauncher.class);

  /** The job, given its session, configuration and open publication. */
  interface Job {
    void run(SparkSession spark, GovernanceConfig config, Publication publication);
  }

  /** Whether there is nothing to do (why, in words) before Spark is started. */
  interface NothingToDo {
    Optional<String> check(Configuration conf, GovernanceConfig config, Publication publication);
  }

  private JobLauncher() {}

  static int launch(String name, String job, List<Period> periods, RunOptions options,
      NothingToDo nothingToDo, Job body) {
    GovernanceConfig config = options.config().map(ConfigLoader::load).orElseGet(ConfigLoader::bundled);
    LOG.info("Configuration: {} (sha256 {})", config.source(), config.sha256().substring(0, 12));
    options.requireOutputApartFromInput();
    // A session that exists already (an application that runs the job in its own JVM) is used and
    // left running; the one created here is stopped at the end.
    Optional<SparkSession> existing = Optional.ofNullable(SparkSession.getDefaultSession()
        .getOrElse(() -> null));
    Configuration conf = existing.map(s -> s.sparkContext().hadoopConfiguration())
        .orElseGet(JobLauncher::hadoopConfiguration);
    try (Publication publication = PublishingRun.open(conf, options, config.settings(), job,
        periods)) {
      Optional<String> skip = nothingToDo.check(conf, config, publication);
      if (skip.isPresent()) {
        publication.writeManifest(RunManifest.start(publication.runId(), job,
                periods.stream().map(Period::toString).toList(), Version.current())
            .config(config.source(), config.sha256()).roots(options.input().orElse(null), options.output())
            .finish(RunManifest.Status.UNCHANGED, skip.get()));
        publication.abandon();
        System.out.println(skip.get());
        LOG.info("Run {}: {}", publication.runId(), skip.get());
        return ExitCode.DONE.code();
      }
      SparkSession spark = SparkSessions.create("governance-metrics " + name,
          config.settings().shufflePartitions());
      try {
        body.run(spark, config, publication);
      } finally {
        if (existing.isEmpty()) {
          spark.stop();
        }
      }
    }
    return ExitCode.DONE.code();
  }

  /** A job with nothing to check first. */
  static Optional<String> alwaysRun(Configuration conf, GovernanceConfig config,
      Publication publication) {
    return Optional.empty();
  }

  /**
   * The Hadoop configuration a SparkSession would have, without starting one: the cluster's
   * configuration files on the classpath and every {@code spark.hadoop.*} setting spark-submit
   * passed (as system properties).
   */
  static Configuration hadoopConfiguration() {
    Configuration conf = new Configuration();
    for (Map.Entry<Object, Object> e : System.getProperties().entrySet()) {
      String key = String.valueOf(e.getKey());
      if (key.startsWith("spark.hadoop.")) {
        conf.set(key.substring("spark.hadoop.".length()), String.valueOf(e.getValue()));
      }
    }
    return conf;
  }
}
