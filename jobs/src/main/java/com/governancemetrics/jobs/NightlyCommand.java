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

  @Option(names = "--dry-run", description = "Everything but publishing: compare what would be "
      + "published with what is, and write the comparison under _diffs/<run_id>/.")
  boolean dryRun;

  @Option(names = "--against", paramLabel = "RUN_ID", description = "With --dry-run: compare with "
      + "this run's publication (see history) instead of what is published now.")
  String against;

  @Option(names = "--fail-on-change", description = "With --dry-run: exit 6 when anything would "
      + "change (for schedulers).")
  boolean failOnChange;

  @Mixin
  RunOptionsMixin runOptions;

  @Override
  public Integer call() {
    NightlyJob.Options options = new NightlyJob.Options(period, runOptions.toRunOptions(),
        !noExports, DryRun.of(dryRun, against, failOnChange));
    return JobLauncher.launch("nightly " + period, "nightly", List.of(period), options.run(),
        (conf, config, publication) -> force || dryRun ? Optional.empty()
            : RunInputs.unchangedSince(conf, publication, period, options.run(), config,
                options.exports())
                .map(run -> "Nothing new for " + period + " since run " + run + " (the same input "
                    + "files, configuration, registry and version): its publication stands. Pass "
                    + "--force to recompute."),
        (spark, config, publication) -> NightlyJob.run(spark, config, options, System.out,
            publication));
  }
}
