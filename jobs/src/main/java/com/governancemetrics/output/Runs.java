package com.governancemetrics.output;

import com.governancemetrics.periods.Period;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The runs recorded under {@code <output>/_runs/<run_id>/}: their manifests (SPEC §3). */
public final class Runs {

  private static final Logger LOG = LoggerFactory.getLogger(Runs.class);
  public static final String FOLDER = "_runs";
  static final String MANIFEST = "manifest.json";

  private Runs() {}

  /** The manifest's path of a run, relative to the output root. */
  public static String manifestTarget(String runId) {
    return FOLDER + "/" + runId + "/" + MANIFEST;
  }

  public static Path manifestPath(Path root, String runId) {
    return new Path(root, manifestTarget(runId));
  }

  /** Writes (or rewrites) a manifest in place: for the running, failed and abandoned states. */
  public static Path writeManifest(FileSystem fs, Path root, RunManifest manifest) {
    Path path = manifestPath(root, manifest.runId());
    try (OutputStream out = fs.create(path, true)) {
      out.write(manifest.toBytes());
    } catch (IOException e) {
      throw Publication.writeFailure(path, e);
    }
    return path;
  }

  /**
   * Every succeeded nightly or backfill whose periods include {@code period}, newest first (the
   * publications of the period, SPEC §4 history); unreadable manifests are skipped with a warning.
   */
  public static List<RunManifest> publications(FileSystem fs, Path root, Period period) {
    return publishing(fs, root, period, Integer.MAX_VALUE).stream().map(Found::manifest).toList();
  }

  /** Where a run's publication of a table's period partition is now, if it is kept. */
  public record Located(Path folder, boolean current) {}

  /**
   * The partition {@code <table>/period=P} that run {@code runId} published: the current one if its
   * marker names the run, else the one kept in {@code <table>/_history/period=P/<run_id>}.
   */
  public static Optional<Located> locate(FileSystem fs, Path root, String table,
      Period period, String runId) {
    String target = table + "/" + Publication.partitionName(period);
    Path current = new Path(root, target);
    if (Publication.marker(fs, current).map(m -> m.runId().equals(runId)).orElse(false)) {
      return Optional.of(new Located(current, true));
    }
    Path kept = new Path(root, Publication.historyFolder(target) + "/" + runId);
    try {
      return fs.exists(kept) ? Optional.of(new Located(kept, false))
          : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + kept + ": " + e.getMessage(), e);
    }
  }

  /** A run that published a period: its id and manifest path. */
  public record Published(String runId, String manifestPath) {}

  /**
   * The latest succeeded nightly or backfill run whose periods include {@code period} (run ids sort
   * by start time).
   */
  public static Optional<Published> latestPublishing(FileSystem fs, Path root, Period period) {
    return publishing(fs, root, period, 1).stream()
        .map(found -> new Published(found.manifest().runId(), found.path().toString()))
        .findFirst();
  }

  /** A publishing run's manifest and where it was read. */
  private record Found(RunManifest manifest, Path path) {}

  /**
   * The first {@code limit} succeeded nightly or backfill runs whose periods include {@code period},
   * walking {@code _runs} newest first; unreadable manifests are skipped with a warning.
   */
  private static List<Found> publishing(FileSystem fs, Path root, Period period, int limit) {
    Path runs = new Path(root, FOLDER);
    List<Found> found = new ArrayList<>();
    try {
      if (!fs.exists(runs)) {
        return found;
      }
      List<FileStatus> dirs = new ArrayList<>(List.of(fs.listStatus(runs)));
      dirs.sort((a, b) -> b.getPath().getName().compareTo(a.getPath().getName()));
      for (FileStatus dir : dirs) {
        if (found.size() >= limit) {
          break;
        }
        Path manifest = new Path(dir.getPath(), MANIFEST);
        if (!fs.exists(manifest)) {
          continue;
        }
        try {
          RunManifest m = RunManifest.read(fs, manifest);
          if (m.status() == RunManifest.Status.SUCCEEDED
              && List.of("nightly", "backfill").contains(m.job())
              && m.periods().contains(period.toString())) {
            found.add(new Found(m, manifest));
          }
        } catch (IOException | RuntimeException e) {
          LOG.warn("skipping the unreadable manifest {}: {}", manifest, e.toString());
        }
      }
      return found;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the runs under " + runs + ": " + e.getMessage(), e);
    }
  }
}
