package com.governancemetrics.jobs;

import com.governancemetrics.periods.Period;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** CLI of {@link BackfillJob}. */
@Command(name = "backfill", mixinStandardHelpOptions = true,
    description = "What nightly does, for a range of periods, in one job.")
public final class BackfillCommand implements Callable<Integer> {

  @Option(names = "--from", paramLabel = "YYYY-MM", description = "First period (required).")
  Period from;

  @Option(names = "--to", paramLabel = "YYYY-MM", description = "Last period (required).")
  Period to;

  @Option(names = "--no-exports", description = "Publish the tables only, no CSV/XLSX/HTML exports.")
  boolean noExports;

  @Mixin
  DryRunOptions dryRunOptions;

  @Mixin
  RunOptionsMixin runOptions;

  @Override
  public Integer call() {
    BackfillJob.Options options = new BackfillJob.Options(from, to, runOptions.toRunOptions(),
        !noExports, dryRunOptions.toDryRun());
    return JobLauncher.launch("backfill " + from + ".." + to, "backfill", options.periods(),
        options.run(), JobLauncher::alwaysRun,
        (spark, config, publication) -> BackfillJob.run(spark, config, options, System.out,
            publication));
  }
}
