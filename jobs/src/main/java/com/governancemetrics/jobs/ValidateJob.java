package com.governancemetrics.jobs;

import com.governancemetrics.config.GovernanceConfig;
import com.governancemetrics.output.Publication;
import com.governancemetrics.output.RunManifest;
import com.governancemetrics.periods.Period;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/** {@code validate --period P}: the quality checks and quarantine only; publishes no table (SPEC §4). */
public final class ValidateJob {

  /** Validated options of a validate run. */
  public record Options(Period period, RunOptions run) {
    public Options {
      PeriodOption.require(period);
    }
  }

  private ValidateJob() {}

  /** Runs the job, opening the output root's publication itself. */
  public static RunManifest run(SparkSession spark, GovernanceConfig config, Options options,
      PrintStream out) {
    return PeriodRun.run(spark, config, options.run(), "validate", List.of(options.period()), out, step(options),
        Optional.empty());
  }

  /** Runs the job in a publication the caller opened (the command line, before Spark starts). */
  static RunManifest run(SparkSession spark, GovernanceConfig config, Options options,
      PrintStream out, Publication publication) {
    return PeriodRun.run(spark, config, options.run(), "validate", List.of(options.period()), out, step(options),
        publication, Optional.empty());
  }

  private static PeriodRun.Step step(Options options) {
    return context -> context.manifest().finish(RunManifest.Status.VALIDATED, null);
  }
}
