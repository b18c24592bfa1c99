package com.governancemetrics.output;

import java.io.IOException;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every run does first, holding the lock (SPEC §3): finishes the moves of a publication that a
 * crash interrupted (its commit record is there, not done: roll forward), discards what dead runs
 * staged without committing and marks their manifests {@code abandoned}, and removes the leftovers
 * of older versions' publishing ({@code <table>/_staging}, {@code <table>/_trash},
 * {@code exports/period=P/_staging-*} and {@code _replaced-*}).
 */
final class Recovery {

  private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

  private Recovery() {}

  /** Recovers {@code root} for the run {@code runId}, which holds its lock. */
  static void run(FileSystem fs, Path root, String runId) throws IOException {
    Path staging = new Path(root, Publication.STAGING);
    if (fs.exists(staging)) {
      for (FileStatus dead : fs.listStatus(staging)) {
        String deadRun = dead.getPath().getName();
        if (!deadRun.equals(runId)) {
          recoverRun(fs, root, deadRun, runId);
          fs.delete(dead.getPath(), true);
        }
      }
      if (fs.listStatus(staging).length == 0) {
        fs.delete(staging, false);
      }
    }
    removeLegacyLeftovers(fs, root);
  }

  private static void recoverRun(FileSystem fs, Path root, String deadRun, String runId)
      throws IOException {
    Optional<CommitRecord> record = CommitRecord.read(fs, root, deadRun);
    if (record.isPresent()) {
      if (!CommitRecord.isDone(fs, root, deadRun)) {
        record.get().apply(fs, root, false);
        record.get().markDone(fs, root);
        LOG.warn("Completed the publication of run {}, which stopped during its final moves "
            + "({} moves rolled forward)", deadRun, record.get().moves().size());
      }
      return;
    }
    Path manifest = Runs.manifestPath(root, deadRun);
    if (fs.exists(manifest)) {
      try {
        RunManifest m = RunManifest.read(fs, manifest);
        if (m.status() == RunManifest.Status.RUNNING) {
          Runs.writeManifest(fs, root, m.abandon("stopped before it published (killed or lost); "
              + "what it staged was discarded by run " + runId));
        }
      } catch (IOException | RuntimeException e) {
        LOG.warn("the manifest {} of the dead run {} cannot be read: {}", manifest, deadRun,
            e.toString());
      }
    }
    LOG.warn("Discarded what run {} staged: it stopped before publishing anything", deadRun);
  }

  private static void removeLegacyLeftovers(FileSystem fs, Path root) throws IOException {
    deleteIfPresent(fs, new Path(root, "_trash"));
    for (FileStatus child : fs.listStatus(root)) {
      String name = child.getPath().getName();
      if (!child.isDirectory() || name.startsWith("_") || name.startsWith(".")) {
        continue;
      }
      if (name.equals("exports")) {
        for (FileStatus period : fs.listStatus(child.getPath())) {
          if (period.isDirectory()) {
            for (FileStatus f : fs.listStatus(period.getPath())) {
              String n = f.getPath().getName();
              if (n.startsWith("_staging-") || n.startsWith("_replaced-")) {
                fs.delete(f.getPath(), true);
              }
            }
          }
        }
        continue;
      }
      Path[] tables = name.equals("quarantine")
          ? java.util.Arrays.stream(fs.listStatus(child.getPath())).filter(FileStatus::isDirectory)
              .map(FileStatus::getPath).toArray(Path[]::new)
          : new Path[] {child.getPath()};
      for (Path table : tables) {
        restoreLegacyTrash(fs, table);
        deleteIfPresent(fs, new Path(table, "_staging"));
        deleteIfPresent(fs, new Path(table, "_trash"));
      }
    }
  }

  /**
   * An earlier version swapped a partition in by two renames (old one into {@code _trash/<run>/},
   * new one in); a crash between them left the partition missing: its previous publication is put
   * back.
   */
  private static void restoreLegacyTrash(FileSystem fs, Path table) throws IOException {
    Path trash = new Path(table, "_trash");
    if (!fs.exists(trash)) {
      return;
    }
    for (FileStatus run : fs.listStatus(trash)) {
      for (FileStatus partition : fs.listStatus(run.getPath())) {
        Path target = new Path(table, partition.getPath().getName());
        if (partition.isDirectory() && !fs.exists(target)) {
          LOG.warn("Restoring {}: an earlier version's publishing stopped between its two renames",
              target);
          fs.rename(partition.getPath(), target);
        }
      }
    }
  }

  private static void deleteIfPresent(FileSystem fs, Path path) throws IOException {
    if (fs.exists(path)) {
      LOG.warn("Removing {}, left behind by an earlier version's interrupted publishing", path);
      fs.delete(path, true);
    }
  }
}
