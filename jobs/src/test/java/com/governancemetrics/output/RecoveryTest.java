package com.governancemetrics.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the next run finds after a crash, and leaves: an interrupted commit completed (rolled
 * forward), an uncommitted staging discarded with its manifest marked abandoned, and an earlier
 * version's leftovers removed or put back.
 */
class RecoveryTest {

  private static final Duration STALE = Duration.ofMinutes(5);
  private static final List<String> TARGETS = List.of("county_metrics/period=2024-06/part-0.txt",
      "city_metrics/period=2024-06/part-0.txt", "exports/period=2024-06/43/report.html");

  @TempDir
  Path out;

  private final Configuration conf = new Configuration();
  private final FileSystem fs = Publication.fileSystem(conf, "/");

  private Publication begin(String runId) {
    return Publication.begin(conf, out.toString(), runId, "nightly", STALE);
  }

  private static RunManifest manifest(String runId) {
    return RunManifest.start(runId, "nightly", List.of("2024-06"), "test");
  }

  /** Run "old" publishes every target with the text "old". */
  private void publishOld() {
    try (Publication old = begin("old")) {
      for (String target : TARGETS) {
        old.stageFile(target, "old".getBytes(StandardCharsets.UTF_8));
      }
      old.commit(manifest("old").finish(RunManifest.Status.SUCCEEDED, null));
    }
  }

  private String read(String target) throws IOException {
    return Files.readString(out.resolve(target));
  }

  @Test
  void aCommitInterruptedAmongItsMovesIsCompletedByTheNextRun() throws IOException {
    publishOld();
    Publication crashed = begin("new");
    for (String target : TARGETS) {
      crashed.stageFile(target, "new".getBytes(StandardCharsets.UTF_8));
    }
    CommitRecord record = crashed.writeCommitRecord(manifest("new")
        .finish(RunManifest.Status.SUCCEEDED, null));
    // the crash: the first move made, the second one half (the old file aside), the rest not begun
    org.apache.hadoop.fs.Path root = crashed.root();
    for (int i = 0; i < 2; i++) {
      CommitRecord.Move m = record.moves().get(i);
      fs.mkdirs(new org.apache.hadoop.fs.Path(root, m.displaced()).getParent());
      fs.rename(new org.apache.hadoop.fs.Path(root, m.target()),
          new org.apache.hadoop.fs.Path(root, m.displaced()));
      if (i == 0) {
        fs.rename(new org.apache.hadoop.fs.Path(root, m.staged()),
            new org.apache.hadoop.fs.Path(root, m.target()));
      }
    }
    assertThat(out.resolve(TARGETS.get(1))).doesNotExist();
    assertThat(read(TARGETS.get(2))).isEqualTo("old");
    crashed.close(); // a crashed run's lock is taken over instead (OutputLockTest)

    try (Publication next = begin("next")) {
      for (String target : TARGETS) {
        assertThat(read(target)).as(target).isEqualTo("new");
      }
      assertThat(out.resolve("_runs/new/commit.done")).exists();
      RunManifest recovered = RunManifest.read(fs, Runs.manifestPath(root, "new"));
      assertThat(recovered.status()).isEqualTo(RunManifest.Status.SUCCEEDED);
      assertThat(out.resolve("_staging/new")).doesNotExist();
      next.abandon();
    }
    assertThat(out.resolve("_staging")).doesNotExist();
  }

  @Test
  void whatADeadRunStagedWithoutCommittingIsDiscardedAndItsManifestSaysAbandoned()
      throws IOException {
    publishOld();
    Publication dead = begin("dead");
    dead.writeManifest(manifest("dead"));
    for (String target : TARGETS) {
      dead.stageFile(target, "half".getBytes(StandardCharsets.UTF_8));
    }
    dead.close();

    try (Publication next = begin("next")) {
      for (String target : TARGETS) {
        assertThat(read(target)).isEqualTo("old");
      }
      assertThat(out.resolve("_staging/dead")).doesNotExist();
      RunManifest m = RunManifest.read(fs, Runs.manifestPath(next.root(), "dead"));
      assertThat(m.status()).isEqualTo(RunManifest.Status.ABANDONED);
      assertThat(m.message()).contains("discarded by run next");
      next.abandon();
    }
  }

  @Test
  void anEarlierVersionsLeftoversAreRemovedAndAPartitionItLostIsPutBack() throws IOException {
    Path table = out.resolve("county_metrics");
    // crashed between its two renames: the old partition in _trash, the new one still staged
    Files.createDirectories(table.resolve("_trash/r1/period=2024-05"));
    Files.writeString(table.resolve("_trash/r1/period=2024-05/part-0.parquet"), "old");
    Files.createDirectories(table.resolve("_staging/r1/period=2024-05"));
    Files.createDirectories(out.resolve("quarantine/grid_coverage/_staging/r1"));
    Files.createDirectories(out.resolve("exports/period=2024-05/_staging-43-x"));
    Files.createDirectories(out.resolve("exports/period=2024-05/_replaced-62-y"));
    Files.createDirectories(out.resolve("exports/period=2024-05/43"));

    try (Publication next = begin("next")) {
      next.abandon();
    }
    assertThat(Files.readString(table.resolve("period=2024-05/part-0.parquet"))).isEqualTo("old");
    assertThat(table.resolve("_trash")).doesNotExist();
    assertThat(table.resolve("_staging")).doesNotExist();
    assertThat(out.resolve("quarantine/grid_coverage/_staging")).doesNotExist();
    try (var entries = Files.list(out.resolve("exports/period=2024-05"))) {
      assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("43");
    }
  }
}
