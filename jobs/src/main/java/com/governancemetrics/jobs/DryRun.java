package com.governancemetrics.jobs;

import com.governancemetrics.failures.UsageError;
import java.util.Optional;

/**
 * {@code --dry-run} (issue 14): everything but publishing — the run validates and computes, then
 * compares what it would publish with what is published for its periods (or with the publication
 * of run {@code against}) and reports the changes; {@code failOnChange}: exit 6 when there are any.
 */
record DryRun(Optional<String> against, boolean failOnChange) {

  DryRun {
    against = against == null ? Optional.empty() : against.filter(a -> !a.isBlank());
  }

  /** The dry run the options ask for, if any; --against and --fail-on-change need --dry-run. */
  static Optional<DryRun> of(boolean dryRun, String against, boolean failOnChange) {
    if (!dryRun && (against != null || failOnChange)) {
      throw new UsageError((against != null ? "--against" : "--fail-on-change")
          + " goes with --dry-run", "Add --dry-run, or leave the option out.");
    }
    return dryRun ? Optional.of(new DryRun(Optional.ofNullable(against), failOnChange))
        : Optional.empty();
  }
}
