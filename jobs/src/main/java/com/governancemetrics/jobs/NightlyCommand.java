package com.governancemetrics.jobs;

import com.governancemetrics.periods.Period;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** CLI of {@link NightlyJob}. */
@Command(name = "nightly", mixinStandardHelpOptions = true,
    description = "Validate, compute and publish all tables and exports for one period.")
public final class NightlyCommand implements Callable<Integer> {

  @Option(names = "--period", paramLabel = "YYYY-MM",
      description = "The period to publish, e.g. 2024-06 (required).")
  Period period;

  @Option(names = "--no-exports", description = "Publish the tables only, no CSV/XLSX/HTML exports.")
  boolean noExports;

  @Mixin
  RunOptionsMixin runOptions;

  @Override
  public Integer call() {
    NightlyJob.Options options = new NightlyJob.Options(period, runOptions.toRunOptions(), !noExports);
    return JobLauncher.launch("nightly " + period, options.run(),
        (spark, config) -> NightlyJob.run(spark, config, options, System.out));
  }
}
