package com.governancemetrics.jobs;

import com.governancemetrics.failures.UsageError;
import com.governancemetrics.config.GovernanceConfig;
import com.governancemetrics.output.Publication;
import com.governancemetrics.output.RunManifest;
import com.governancemetrics.periods.Period;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * {@code backfill --from P1 --to P2}: what nightly does, for every period of the range, in one job: the
 * inputs are read and validated once and the metrics grouped by period, not one job per period.
 */
public final class BackfillJob {

  /** The longest range one backfill takes; longer histories are run in several backfills. */
  public static final int MAX_PERIODS = 120;

  /** Validated options of a backfill run. */
  public record Options(Period from, Period to, RunOptions run, boolean exports,
      Optional<DryRun> dryRun) {

    /** A backfill that publishes. */
    public Options(Period from, Period to, RunOptions run, boolean exports) {
      this(from, to, run, exports, Optional.empty());
    }

    public Options {
      dryRun = dryRun == null ? Optional.empty() : dryRun;
      if (from == null || to == null) {
        throw new UsageError("--from and --to are required",
            "Pass the range as --from YYYY-MM --to YYYY-MM, e.g. --from 2024-01 --to 2024-06.");
      }
      if (from.compareTo(to) > 0) {
        throw new UsageError("--from " + from + " is after --to " + to,
            "Give the earlier period as --from and the later one as --to.");
      }
      if (Period.rangeClosed(from, to).size() > MAX_PERIODS) {
        throw new UsageError("the range " + from + " … " + to + " is longer than " + MAX_PERIODS
            + " periods", "Split the backfill into ranges of at most " + MAX_PERIODS + " periods.");
      }
    }

    public List<Period> periods() {
      return Period.rangeClosed(from, to);
    }
  }

  private BackfillJob() {}

  /** Runs the job, opening the output root's publication itself. */
  public static RunManifest run(SparkSession spark, GovernanceConfig config, Options options,
      PrintStream out) {
    return PeriodRun.run(spark, config, options.run(), "backfill", options.periods(), out, step(options),
        options.dryRun());
  }

  /** Runs the job in a publication the caller opened (the command line, before Spark starts). */
  static RunManifest run(SparkSession spark, GovernanceConfig config, Options options,
      PrintStream out, Publication publication) {
    return PeriodRun.run(spark, config, options.run(), "backfill", options.periods(), out, step(options),
        publication, options.dryRun());
  }

  private static PeriodRun.Step step(Options options) {
    // A dry run writes no exports: its report is the comparison.
    return new PublishTables(options.exports() && options.dryRun().isEmpty());
  }
}
