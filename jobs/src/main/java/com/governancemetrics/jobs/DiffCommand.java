package com.governancemetrics.jobs;

import com.governancemetrics.diff.PublicationDiff;
import com.governancemetrics.export.MetricPresentations;
import com.governancemetrics.failures.ChangesFound;
import com.governancemetrics.failures.UsageError;
import com.governancemetrics.periods.Period;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code diff --period P --from RUN [--to RUN]}: what changed between two publications of P (the
 * second one by default the one published now) — the same comparison a dry run writes, under
 * {@code _diffs/<run_id>/}, with the top changes in the terminal (issue 14).
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
    description = "Compare two publications of a period: values, ranks, target status per unit.")
public final class DiffCommand implements Callable<Integer> {

  @Option(names = "--period", paramLabel = "YYYY-MM", description = "The period (required).")
  Period period;

  @Option(names = "--from", paramLabel = "RUN_ID", description = "The earlier publication (required; "
      + "see history).")
  String from;

  @Option(names = "--to", paramLabel = "RUN_ID",
      description = "The later publication (default: the one published now).")
  String to;

  @Option(names = "--fail-on-change", description = "Exit 6 when anything changed (for schedulers).")
  boolean failOnChange;

  @Mixin
  PublishedOptionsMixin runOptions;

  @Override
  public Integer call() {
    PeriodOption.require(period);
    if (from == null || from.isBlank()) {
      throw new UsageError("--from is required", "Pass --from RUN_ID, a run listed by 'history --period "
          + period + "'.");
    }
    RunOptions options = runOptions.toRunOptions();
    return JobLauncher.launch("diff " + period, "diff", List.of(period), options,
        JobLauncher::alwaysRun, (spark, config, publication) -> {
          PublicationDiff.Side older = Comparison.published(publication.fileSystem(),
              publication.root(), period, Optional.of(from));
          PublicationDiff.Side newer = Comparison.published(publication.fileSystem(),
              publication.root(), period, Optional.ofNullable(to));
          Comparison.Outcome outcome = Comparison.report(spark, publication.fileSystem(),
              publication.root(), publication.runId(),
              Map.of(period, new PublicationDiff.Side[] {older, newer}),
              MetricPresentations.of(config.catalogue()), System.out);
          publication.abandon();
          if (failOnChange && outcome.changes() > 0) {
            throw new ChangesFound(outcome.changes() + " change(s) from " + older.name() + " to "
                + newer.name(), "Read the comparison in " + outcome.folder() + ".");
          }
        });
  }
}
