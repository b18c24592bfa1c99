package com.governancemetrics.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.governancemetrics.cluster.ClusterFixture.Submission;
import com.governancemetrics.testing.ListeningSockets;
import com.governancemetrics.testing.ListeningSockets.Listener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** What every cluster test checks, for any Spark version. */
final class ClusterChecks {

  private ClusterChecks() {}

  /** The local reference of a command: name, and the command line (without input/output/config). */
  record Command(String name, String... args) {}

  static final Command NIGHTLY = new Command("nightly", "nightly", "--period", "2024-06");
  static final Command BACKFILL = new Command("backfill", "backfill", "--from", "2024-05", "--to",
      "2024-06");
  static final Command VALIDATE = new Command("validate", "validate", "--period", "2024-06");

  /**
   * Submits {@code command} to the running cluster with input, configuration and output on HDFS, and
   * checks that it succeeded and that what it wrote equals the local-mode run of the same command.
   */
  static void runsLikeLocalMode(String version, String deployMode, String jar, Command command)
      throws Exception {
    Path reference = ClusterFixture.reference(command.name(), command.args());
    String output = ClusterFixture.HDFS + "/gov/out/" + version + "-" + command.name() + "-"
        + deployMode;
    List<String> args = new ArrayList<>(List.of(command.args()));
    args.addAll(List.of("--input", ClusterFixture.INPUT, "--output", output, "--config",
        ClusterFixture.CONFIG));
    Submission s = ClusterFixture.submit(version, deployMode, jar, args.toArray(String[]::new));
    assertThat(s.result().exitCode()).as(s.describe()).isZero();
    if (s.driverId() != null) {
      assertThat(s.driverState()).as(s.describe()).isEqualTo("FINISHED");
    }
    OutputComparison.Locations local = new OutputComparison.Locations(
        ClusterFixture.LOCAL_INPUT.toString(), reference.toString(),
        ClusterFixture.LOCAL_CONFIG.toString());
    OutputComparison.Locations onHdfs = new OutputComparison.Locations(ClusterFixture.INPUT, output,
        ClusterFixture.CONFIG);
    long started = System.nanoTime();
    OutputComparison.Summary compared =
        new OutputComparison(reference.toString(), local, output, onHdfs).assertSame();
    ClusterFixture.log("  equal to the local run: %s (compared in %.0f s)", compared,
        (System.nanoTime() - started) / 1e9);
    if (command == VALIDATE) {
      // validate prints the counts: the same as in local mode
      assertThat(countLines(s.driverStdout())).as(s.describe())
          .isNotEmpty()
          .isEqualTo(countLines(ClusterFixture.referenceStdout(command.name())));
    }
  }

  /** The lines of validate's report that carry counts (no locations or run ids in them). */
  private static List<String> countLines(String stdout) {
    return stdout.lines().filter(l -> l.matches(".*\\d.*") && !l.contains("/") && !l.contains("run"))
        .map(String::strip).toList();
  }

  /**
   * A required column missing from an input file: exit 4 with the file, the column and what to do
   * (client mode: spark-submit's exit code; cluster mode: a FAILED driver, the message in its log),
   * and nothing written.
   */
  static void aMissingColumnFails(String version, String deployMode, String jar) throws Exception {
    String output = ClusterFixture.HDFS + "/gov/out/" + version + "-missing-column-" + deployMode;
    Submission s = ClusterFixture.submit(version, deployMode, jar, "nightly", "--period", "2024-06",
        "--input", ClusterFixture.MISSING_COLUMN_INPUT, "--output", output, "--config",
        ClusterFixture.CONFIG);
    if (s.driverId() == null) {
      assertThat(s.result().exitCode()).as(s.describe()).isEqualTo(4);
    } else {
      assertThat(s.driverState()).as(s.describe()).isEqualTo("FAILED");
    }
    assertThat(s.driverStderr()).as(s.describe())
        .contains("grid_coverage/period=2024-06/43.parquet", "lacks the required column grids_total",
            "What to do:");
    org.apache.hadoop.fs.Path out = new org.apache.hadoop.fs.Path(output);
    try (var fs = ClusterFixture.hdfs()) {
      for (String table : List.of("county_metrics", "quarantine", "exports")) {
        assertThat(fs.exists(new org.apache.hadoop.fs.Path(out, table))).as(output + "/" + table)
            .isFalse();
      }
    }
  }

  /** Samples the sockets of HDFS, the Master, the Worker and every process the tests start. */
  static ListeningSockets.Sampler sampleSockets() throws IOException {
    long hdfs = ClusterFixture.pidOf("hdfs");
    long master = ClusterFixture.pidOf("master");
    long worker = ClusterFixture.pidOf("worker");
    return new ListeningSockets.Sampler(() -> {
      List<Long> pids = new ArrayList<>(List.of(hdfs, master, worker));
      ProcessHandle.current().children().forEach(p -> pids.add(p.pid()));
      return pids;
    });
  }

  /**
   * Every socket that HDFS, the Master, the Worker, the drivers and the executors listened on while
   * the tests ran was on the loopback interface; and the sampling did see them all (the fixed ports
   * and the processes of a cluster-mode run).
   */
  static void everySocketWasOnLoopback(ListeningSockets.Sampler sampler) {
    int samples = sampler.samples();
    List<Listener> seen = sampler.stop();
    ClusterFixture.log("listening sockets seen in %d samples: %s", samples,
        seen.stream().map(Listener::toString).collect(Collectors.joining(", ")));
    Set<Integer> ports = seen.stream().map(Listener::port).collect(Collectors.toCollection(TreeSet::new));
    assertThat(ports).as("the Master (RPC, UI, REST), the Worker (RPC, UI) and HDFS (RPC, UI)")
        .contains(ClusterFixture.MASTER_PORT, ClusterFixture.MASTER_UI_PORT,
            ClusterFixture.MASTER_REST_PORT, ClusterFixture.WORKER_PORT, ClusterFixture.WORKER_UI_PORT,
            ClusterFixture.HDFS_PORT, ClusterFixture.HDFS_UI_PORT);
    assertThat(seen.stream().map(Listener::command).collect(Collectors.toSet()))
        .as("the processes seen").contains("Master", "Worker", "MiniHdfs", "DriverWrapper",
            "CoarseGrainedExecutorBackend");
    assertThat(ListeningSockets.notLoopback(seen)).as("sockets beyond loopback").isEmpty();
  }
}
