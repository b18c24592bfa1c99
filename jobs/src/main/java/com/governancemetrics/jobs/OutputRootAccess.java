package com.governancemetrics.jobs;

import com.governancemetrics.config.JobSettings;
import com.governancemetrics.failures.InputFault;
import com.governancemetrics.failures.OutputLocked;
import com.governancemetrics.output.Publication;
import com.governancemetrics.periods.Period;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the commands that only read an output root (history, diff) open it: recovered first when its
 * lock can be had (SPEC §3: recovery comes first); read as it is when a live run holds the lock,
 * whose publication readers may read anyway.
 */
final class OutputRootAccess {

  private static final Logger LOG = LoggerFactory.getLogger(OutputRootAccess.class);

  private OutputRootAccess() {}

  /** Runs {@code read} on the output root's file system and qualified root. */
  static <T> T read(Configuration conf, String output, String job, Period period,
      ReadRoot<T> read) {
    Path root = new Path(output);
    FileSystem fs;
    try {
      fs = root.getFileSystem(conf);
      if (!fs.exists(root)) {
        throw new InputFault("nothing is published under " + output + ": it does not exist",
            "Check --output, or publish a period first with nightly.");
      }
      root = fs.makeQualified(root);
    } catch (IOException e) {
      throw new InputFault("cannot read the output root " + output + ": " + e.getMessage(),
          "Check that --output is reachable and readable.", e);
    }
    try (Publication publication = Publication.begin(conf, output,
        RunIds.next(job, List.of(period)), job, JobSettings.defaults().lockStaleAfter(), 0)) {
      publication.abandon();
    } catch (OutputLocked e) {
      LOG.info("A run holds {}; reading it as it is: {}", output, e.getMessage());
    }
    return read.apply(fs, root);
  }

  /** What a read-only command does with the root. */
  interface ReadRoot<T> {
    T apply(FileSystem fs, Path root);
  }
}
