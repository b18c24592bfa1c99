package com.governancemetrics.jobs;

import com.governancemetrics.periods.Period;
import java.util.List;
import java.util.Optional;
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

  @Option(names = "--force", description = "Recompute and publish even when nothing is new since "
      + "the last publication of the period (same input files, configuration, registry, version).")
  boolean force;

  @Mixin
  DryRunOptions dryRunOptions;

  @Mixin
  RunOptionsMixin runOptions;

  @Override
  public Integer call() {
    NightlyJob.Options options = new NightlyJob.Options(period, runOptions.toRunOptions(),
        !noExports, dryRunOptions.toDryRun());
    return JobLauncher.launch("nightly " + period, "nightly", List.of(period), options.run(),
        (conf, config, publication) -> force || options.dryRun().isPresent() ? Optional.empty()
            : RunInputs.unchangedSince(conf, publication, period, options.run(), config,
                options.exports())
                .map(run -> "Nothing new for " + period + " since run " + run + " (the same input "
                    + "files, configuration, registry and version): its publication stands. Pass "
                    + "--force to recompute."),
        (spark, config, publication) -> NightlyJob.run(spark, config, options, System.out,
            publication));
  }
}
