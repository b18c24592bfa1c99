package com.governancemetrics.jobs;

import java.util.Optional;
import picocli.CommandLine.Option;

/** The dry-run options nightly and backfill share (issue 14): --dry-run, --against, --fail-on-change. */
public class DryRunOptions {

  @Option(names = "--dry-run", description = "Everything but publishing: compare what would be "
      + "published with what is, and write the comparison under _diffs/<run_id>/.")
  boolean dryRun;

  @Option(names = "--against", paramLabel = "RUN_ID", description = "With --dry-run: compare with "
      + "this run's publication (see history) instead of what is published now.")
  String against;

  @Option(names = "--fail-on-change", description = "With --dry-run: exit 6 when anything would "
      + "change (for schedulers).")
  boolean failOnChange;

  /** The dry run asked for, if any (--against and --fail-on-change need --dry-run). */
  Optional<DryRun> toDryRun() {
    return DryRun.of(dryRun, against, failOnChange);
  }
}
