package com.governancemetrics.jobs;

import com.governancemetrics.config.GovernanceConfig;
import com.governancemetrics.output.Publication;
import com.governancemetrics.output.RunManifest;
import com.governancemetrics.periods.Period;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/** {@code nightly --period P}: validate, compute and publish all tables and exports for P (SPEC §4). */
public final class NightlyJob {

  /** Validated options of a nightly run. */
  public record Options(Period period, RunOptions run, boolean exports, Optional<DryRun> dryRun) {
    public Options {
      PeriodOption.require(period);
      dryRun = dryRun == null ? Optional.empty() : dryRun;
    }

    /** A nightly that publishes. */
    public Options(Period period, RunOptions run, boolean exports) {
      this(period, run, exports, Optional.empty());
    }
  }

  private NightlyJob() {}

  /** Runs the job, opening the output root's publication itself. */
  public static RunManifest run(SparkSession spark, GovernanceConfig config, Options options,
      PrintStream out) {
    return PeriodRun.run(spark, config, options.run(), "nightly", List.of(options.period()), out, step(options),
        options.dryRun());
  }

  /** Runs the job in a publication the caller opened (the command line, before Spark starts). */
  static RunManifest run(SparkSession spark, GovernanceConfig config, Options options,
      PrintStream out, Publication publication) {
    return PeriodRun.run(spark, config, options.run(), "nightly", List.of(options.period()), out, step(options),
        publication, options.dryRun());
  }

  private static PeriodRun.Step step(Options options) {
    // A dry run writes no exports: its report is the comparison.
    return new PublishTables(options.exports() && options.dryRun().isEmpty());
  }
}
