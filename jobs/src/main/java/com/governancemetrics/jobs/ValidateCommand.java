package com.governancemetrics.jobs;

import com.governancemetrics.periods.Period;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** CLI of {@link ValidateJob}. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Run the quality checks for a period and write the quarantine and the run manifest; "
        + "publishes no table.")
public final class ValidateCommand implements Callable<Integer> {

  @Option(names = "--period", paramLabel = "YYYY-MM", description = "The period to check (required).")
  Period period;

  @Mixin
  RunOptionsMixin runOptions;

  @Override
  public Integer call() {
    ValidateJob.Options options = new ValidateJob.Options(period, runOptions.toRunOptions());
    return JobLauncher.launch("validate " + period, "validate", List.of(period), options.run(),
        JobLauncher::alwaysRun,
        (spark, config, publication) -> ValidateJob.run(spark, config, options, System.out,
            publication));
  }
}
