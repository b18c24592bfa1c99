package com.governancemetrics.jobs;

import com.governancemetrics.config.JobSettings;
import com.governancemetrics.periods.Period;
import java.util.List;
import com.governancemetrics.failures.Failure;
import com.governancemetrics.output.Publication;
import com.governancemetrics.output.RunManifest;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every run that writes an output root ends (SPEC §3): it holds the root's lock from start to
 * end, its manifest says {@code running} meanwhile, everything it publishes is staged and committed
 * together, and every ending is recorded — {@code succeeded}, {@code validated} or {@code
 * quality_gate_failed} with the commit; {@code failed} with the cause in one line, what was staged
 * discarded (unless the commit had begun: the next run completes it).
 */
final class PublishingRun {

  private static final Logger LOG = LoggerFactory.getLogger(PublishingRun.class);
  /**
   * How a run ends once it staged everything: committed, or compared in a dry run; returns a
   * failure to throw once the manifest is recorded (a dry run told to fail on changes).
   */
  interface Finish {
    Optional<Failure> finish(Publication publication, RunManifest manifest) throws Exception;
  }

  /** The usual end: everything staged is published with the manifest. */
  static final Finish COMMIT = (publication, manifest) -> {
    publication.commit(manifest);
    return Optional.empty();
  };

  /** What a run stages; returns a failure to throw once the manifest is committed (the gate). */
  interface Body {
    Optional<Failure> stage(Publication publication) throws Exception;
  }

  private PublishingRun() {}

  /**
   * Opens the publication of a new run of {@code job} for {@code periods}: takes the output root's
   * lock (renewed while the run lives; {@code settings} say how long it may go without renewal
   * before another run takes it over) and recovers the root.
   */
  static Publication open(Configuration conf, RunOptions options, JobSettings settings, String job,
      List<Period> periods) {
    return Publication.begin(conf, options.output(), RunIds.next(job, periods), job,
        settings.lockStaleAfter(), settings.historyKeep());
  }

  /**
   * Runs {@code body} with the open publication and commits what it staged with {@code manifest},
   * which {@code body} finishes with its status.
   */
  static void execute(Publication publication, RunManifest manifest, Body body) {
    execute(publication, manifest, body, COMMIT);
  }

  /** {@link #execute} ending with {@code finish} instead of the commit. */
  static void execute(Publication publication, RunManifest manifest, Body body, Finish finish) {
    Optional<Failure> afterCommit;
    publication.writeManifest(manifest);
    try {
      Optional<Failure> gate = body.stage(publication);
      Optional<Failure> finished = finish.finish(publication, manifest);
      afterCommit = gate.isPresent() ? gate : finished;
    } catch (Exception | OutOfMemoryError e) { // Spark throws checked exceptions from Scala code;
      // a heap exhausted on the driver is recorded too (what it held is garbage once thrown)
      publication.abandon();
      manifest.finish(RunManifest.Status.FAILED, oneLine(e));
      try {
        publication.writeManifest(manifest);
      } catch (RuntimeException w) {
        LOG.warn("could not write the manifest of the failed run {}: {}", manifest.runId(),
            w.toString());
      }
      if (e instanceof OutOfMemoryError error) {
        throw error;
      }
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
    }
    LOG.info("Run {} {}", manifest.runId(), manifest.status().word());
    if (afterCommit.isPresent()) {
      throw afterCommit.get();
    }
  }

  /** The failure's message, or a Spark error's first line and its root cause. */
  static String oneLine(Throwable e) {
    Optional<Failure> failure = Failure.in(e);
    if (failure.isPresent()) {
      return failure.get().getMessage();
    }
    String message = e.getMessage() == null ? "" : e.getMessage().strip().lines().findFirst().orElse("");
    String root = Failure.rootCause(e);
    String line = e.getClass().getSimpleName() + ": " + message
        + (root.equals(message) ? "" : " (cause: " + root + ")");
    return line.length() > 500 ? line.substring(0, 500) + "…" : line;
  }
}
