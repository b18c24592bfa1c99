package com.governancemetrics.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.governancemetrics.output.OutputLock;
import com.governancemetrics.output.PublishingSteps;
import com.governancemetrics.testing.Cli;
import com.governancemetrics.testing.Cli.Result;
import com.governancemetrics.testing.FaultyFileSystem;
import com.governancemetrics.testing.SharedSpark;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * SPEC §3's publishing guarantees, with real processes of bin/governance-metrics on a tiny generated
 * input (上海, one province): a run halted right after every publishing step, runs killed with
 * SIGKILL at random moments, and two runs started together on one output. Readers must see one
 * publication — the previous one or the new one — except inside the moves, where a partition may be
 * absent only between the two renames of its own move; the next run's recovery leaves one
 * publication and nothing else; the run after it succeeds and leaves no leftovers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublishingIT {

  private static final String PERIOD = "2024-06";
  private static final Pattern EXPORT_RUN = Pattern.compile("运行编号：([^　\\s]+)");
  private static final List<String> UNITS = List.of(
      "quarantine/grid_coverage/period=" + PERIOD, "quarantine/service_appeals/period=" + PERIOD,
      "quarantine/collective_income/period=" + PERIOD,
      "quarantine/rectification_cases/period=" + PERIOD, "province_metrics/period=" + PERIOD,
      "city_metrics/period=" + PERIOD, "county_metrics/period=" + PERIOD,
      "township_metrics/period=" + PERIOD, "exports/period=" + PERIOD);

  @TempDir
  static Path work;
  private Path inputA;
  private Path inputB;
  /** The output root after run A published PERIOD from input A. */
  private Path published;
  private String runA;
  /** The publishing steps of a run of B over {@link #published}, in order. */
  private List<String> steps;

  @BeforeAll
  void publishInputAThenTraceARunOfB() throws Exception {
    inputA = work.resolve("input-a");
    inputB = work.resolve("input-b");
    for (Map.Entry<Path, String> input : Map.of(inputA, "1", inputB, "2").entrySet()) {
      Result g = launch(Map.of(), "generate", "--output", input.getKey().toString(),
          "--provinces", "31", "--start", "2023-07", "--scale-factor", "1", "--seed",
          input.getValue(), "--bad-row-rate", "0", "--duplicate-rate", "0");
      assertThat(g.exitCode()).as(g.all()).isZero();
    }
    published = work.resolve("published");
    Result a = nightly(inputA, published, Map.of());
    assertThat(a.exitCode()).as(a.all()).isZero();
    runA = onlyUnitRun(published);

    Path traced = copy(published, "traced");
    Path trace = work.resolve("steps.txt");
    Result b = nightly(inputB, traced, Map.of(PublishingSteps.TRACE, trace.toString()));
    assertThat(b.exitCode()).as(b.all()).isZero();
    steps = Files.readAllLines(trace);
    assertThat(steps).contains("recovered", "commit-record", "done", "cleaned",
        "stage:county_metrics/period=" + PERIOD, "aside:county_metrics/period=" + PERIOD,
        "in:county_metrics/period=" + PERIOD, "export:exports/period=" + PERIOD + "/31",
        "in:_runs/" + PublishingSteps.RUN_ID + "/manifest.json");
  }

  @Test
  void haltedAfterAnyStepReadersSeeOnePublicationAndTheNextRunsRecoverIt() throws Exception {
    // Every step on its own copy of the published root; two at a time (each one is three processes).
    List<String> publishingSteps = steps.stream().distinct().toList();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (String step : publishingSteps) {
        done.add(pool.submit(() -> {
          haltAfter(step);
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(20, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** One step: halt there, check; recover only, check; run again, check. */
  private void haltAfter(String step) throws Exception {
    String tag = step.replaceAll("[^A-Za-z0-9]+", "_");
    Path out = copy(published, "halt-" + tag);
    Result halted = nightly(inputB, out, Map.of(PublishingSteps.HALT_AFTER, step));
    assertThat(halted.exitCode()).as(step + ": " + halted.all())
        .isEqualTo(PublishingSteps.HALT_EXIT_CODE);
    // halted right after its own recovery, a run has not written its manifest yet
    String halting = step.equals("recovered") ? null : newRun(out);
    boolean moved = step.equals("done") || step.equals("cleaned");
    boolean inMoves = step.startsWith("aside:") || step.startsWith("in:");
    Map<String, Optional<String>> seen = publicationsOf(out);
    if (!inMoves) {
      String expected = moved ? halting : runA;
      assertThat(seen).as("halted after " + step).allSatisfy((unit, run) ->
          assertThat(run).as(unit).contains(expected));
    } else {
      assertThat(seen).as("halted after " + step).allSatisfy((unit, run) -> {
        if (step.equals("aside:" + unit)) {
          assertThat(run).as(unit + " is between its two renames").isEmpty();
        } else {
          assertThat(run).as(unit).isPresent();
          assertThat(run.get()).as(unit).isIn(runA, halting);
        }
      });
    }

    // The next run recovers first: halted right after its recovery, the root holds one publication.
    Result recovery = nightly(inputB, out, Map.of(PublishingSteps.HALT_AFTER, "recovered"));
    assertThat(recovery.exitCode()).as(step + " recovery: " + recovery.all())
        .isEqualTo(PublishingSteps.HALT_EXIT_CODE);
    boolean committed = moved || inMoves || step.equals("commit-record");
    String survivor = committed ? halting : runA;
    assertThat(publicationsOf(out)).as("recovered after " + step).allSatisfy((unit, run) ->
        assertThat(run).as(unit).contains(survivor));
    assertThat(out.resolve("_staging")).as("staging after recovery").doesNotExist();
    if (halting != null) {
      assertThat(manifest(out, halting).path("status").asText()).as(step)
          .isEqualTo(committed ? "succeeded" : "abandoned");
    }

    // And the run after it publishes and leaves nothing behind.
    Result next = nightly(inputB, out, Map.of());
    assertThat(next.exitCode()).as(step + " next run: " + next.all()).isZero();
    assertOnePublicationAndNoLeftovers(out);
  }

  @Test
  void killedAtRandomMomentsTheRootStaysOnePublicationAndTheNextRunRecovers() throws Exception {
    Random random = new Random(20240601);
    for (int i = 0; i < 3; i++) {
      Path out = copy(published, "killed-" + i);
      long delay = 3_000 + random.nextInt(15_000);
      Cli.Running run = start(inputB, out, Map.of());
      Thread.sleep(delay);
      run.kill();
      Map<String, Optional<String>> seen = publicationsOf(out);
      Set<String> runs = new TreeSet<>();
      seen.values().forEach(r -> r.ifPresent(runs::add));
      Optional<String> killed = runs(out).stream().filter(r -> !r.equals(runA)).findFirst();
      boolean committing = killed.isPresent()
          && Files.exists(out.resolve("_runs/" + killed.get() + "/commit.json"))
          && !Files.exists(out.resolve("_runs/" + killed.get() + "/commit.done"));
      if (!committing) {
        assertThat(runs).as("killed after " + delay + " ms: " + seen).hasSize(1);
        assertThat(seen.values()).as("killed after " + delay + " ms").allMatch(Optional::isPresent);
      }
      Result next = nightly(inputB, out, Map.of());
      assertThat(next.exitCode()).as("after a kill at " + delay + " ms: " + next.all()).isZero();
      assertOnePublicationAndNoLeftovers(out);
      killed.ifPresent(k -> assertThat(manifest(out, k).path("status").asText()).as(k)
          .isIn("succeeded", "abandoned"));
    }
  }

  @Test
  void twoRunsStartedTogetherOnePublishesTheOtherExitsFive() throws Exception {
    Path out = copy(published, "together");
    Cli.Running first = start(inputB, out, Map.of());
    // The second starts once the first holds the lock: how long a run takes must not decide the race.
    Path lock = out.resolve(OutputLock.FILE_NAME);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (!Files.exists(lock) && first.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(lock).as("the first run's lock, taken while it runs").exists();
    Cli.Running second = start(inputA, out, Map.of());
    Result a = first.await(10);
    Result b = second.await(10);
    assertThat(List.of(a.exitCode(), b.exitCode())).containsExactlyInAnyOrder(0, 5);
    String err = (a.exitCode() == 5 ? a : b).all();
    assertThat(err).contains("another run holds the output root").contains("What to do:");
    assertOnePublicationAndNoLeftovers(out);
  }

  @Test
  void aWriteThatFailsHalfWayLeavesThePreviousPublicationExitsOneAndNamesTheCause()
      throws Exception {
    Path local = copy(published, "full-disk");
    String out = FaultyFileSystem.SCHEME + "://" + local;
    FaultyFileSystem.register(SharedSpark.get().sparkContext().hadoopConfiguration());
    FaultyFileSystem.failWrites("/township_metrics/", 2_000);
    StringWriter err = new StringWriter();
    int code;
    try {
      CommandLine cl = GovernanceMetrics.commandLine();
      cl.setErr(new PrintWriter(err, true));
      code = cl.execute("nightly", "--period", PERIOD, "--input", inputB.toString(), "--output", out);
    } finally {
      FaultyFileSystem.failWrites(null, 0);
    }
    assertThat(code).as(err.toString()).isEqualTo(1);
    List<String> last = err.toString().strip().lines().toList();
    assertThat(last.get(last.size() - 2)).contains("ERROR cannot write", "township_metrics",
        "No space left on device");
    assertThat(last.get(last.size() - 1)).startsWith("What to do:");
    assertThat(publicationsOf(local)).allSatisfy((unit, run) -> assertThat(run).as(unit)
        .contains(runA));
    JsonNode failed = manifest(local, newRun(local));
    assertThat(failed.path("status").asText()).isEqualTo("failed");
    assertThat(failed.path("message").asText()).contains("No space left on device");
    assertThat(local.resolve("_staging")).doesNotExist();
    assertThat(local.resolve("_lock")).doesNotExist();
  }

  // ---------------------------------------------------------------------------------------------

  /** Each published unit's run: its partition marker's run_id, or the run id the export names. */
  private Map<String, Optional<String>> publicationsOf(Path out) throws IOException {
    Map<String, Optional<String>> seen = new LinkedHashMap<>();
    for (String unit : UNITS) {
      Path folder = out.resolve(unit);
      if (!Files.isDirectory(folder)) {
        seen.put(unit, Optional.empty());
      } else if (unit.startsWith("exports/")) {
        TreeSet<String> runs = new TreeSet<>();
        try (Stream<Path> provinces = Files.list(folder)) {
          for (Path province : provinces.toList()) {
            Matcher m = EXPORT_RUN.matcher(Files.readString(province.resolve("县区对比表.csv")));
            assertThat(m.find()).as(province.toString()).isTrue();
            runs.add(m.group(1));
          }
        }
        assertThat(runs).as(unit).hasSize(1);
        seen.put(unit, Optional.of(runs.first()));
      } else {
        JsonNode marker = new ObjectMapper().readTree(folder.resolve("_SUCCESS").toFile());
        seen.put(unit, Optional.of(marker.path("run_id").asText()));
      }
    }
    return seen;
  }

  private void assertOnePublicationAndNoLeftovers(Path out) throws IOException {
    Map<String, Optional<String>> seen = publicationsOf(out);
    Set<String> runs = new TreeSet<>();
    seen.values().forEach(r -> runs.add(r.orElse("(absent)")));
    assertThat(runs).as(seen.toString()).hasSize(1).doesNotContain("(absent)");
    assertThat(out.resolve("_staging")).doesNotExist();
    assertThat(out.resolve("_lock")).doesNotExist();
    try (Stream<Path> all = Files.walk(out)) {
      assertThat(all.map(p -> out.relativize(p).toString()))
          .noneMatch(p -> p.contains("_trash") || p.contains("_displaced") || p.contains("_staging")
              || p.contains("_replaced"));
    }
    for (String run : runs(out)) {
      assertThat(manifest(out, run).path("status").asText()).as(run).isNotEqualTo("running");
    }
    // every row of the tables names the run its partition's marker names
    String publisher = runs.iterator().next();
    for (String table : List.of("county_metrics", "township_metrics")) {
      assertThat(SharedSpark.get().read().parquet(out.resolve(table).toString())
          .select("run_id").distinct().collectAsList())
          .extracting(r -> r.getString(0)).as(table).containsExactly(publisher);
    }
  }

  private static List<String> runs(Path out) throws IOException {
    try (Stream<Path> dirs = Files.list(out.resolve("_runs"))) {
      return dirs.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private String newRun(Path out) throws IOException {
    List<String> others = runs(out).stream().filter(r -> !r.equals(runA)).toList();
    assertThat(others).as("runs under " + out).hasSize(1);
    return others.get(0);
  }

  private static String onlyUnitRun(Path out) throws IOException {
    List<String> runs = runs(out);
    assertThat(runs).hasSize(1);
    return runs.get(0);
  }

  private static JsonNode manifest(Path out, String run) {
    try {
      return new ObjectMapper().readTree(out.resolve("_runs/" + run + "/manifest.json").toFile());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private Path copy(Path from, String name) throws IOException {
    Path to = work.resolve(name);
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.sorted(Comparator.naturalOrder()).toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
    return to;
  }

  private Result nightly(Path input, Path out, Map<String, String> env) throws Exception {
    return launch(env, "nightly", "--period", PERIOD, "--input", input.toString(), "--output",
        out.toString());
  }

  private Cli.Running start(Path input, Path out, Map<String, String> env) throws IOException {
    return Cli.start(work, env, "nightly", "--period", PERIOD, "--input", input.toString(),
        "--output", out.toString());
  }

  private Result launch(Map<String, String> env, String... args) throws Exception {
    return Cli.run(work, env, 10, args);
  }
}
