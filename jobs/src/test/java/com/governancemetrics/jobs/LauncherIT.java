package com.governancemetrics.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.governancemetrics.testing.Cli;
import com.governancemetrics.testing.Cli.Result;
import com.governancemetrics.testing.ListeningSockets;
import com.governancemetrics.testing.SampleNightly;
import com.governancemetrics.testing.SharedSpark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product as a user runs it: bin/governance-metrics as a process (the jar through SparkSubmit on
 * a local master), on the committed sample, from another working directory.
 */
class LauncherIT {

  private static final Path ROOT = SharedSpark.projectRoot();

  private static Result launch(Path workDir, String... args) throws Exception {
    return launch(workDir, Map.of(), null, args);
  }

  /** With extra environment, and the sockets the run listens on sampled into {@code listeners}. */
  private static Result launch(Path workDir, Map<String, String> env,
      List<ListeningSockets.Listener> listeners, String... args) throws Exception {
    Cli.Running run = Cli.start(workDir, env, args);
    ListeningSockets.Sampler sampler = listeners == null ? null
        : new ListeningSockets.Sampler(() -> List.of(run.pid()));
    try {
      return run.await(15);
    } finally {
      if (sampler != null) {
        listeners.addAll(sampler.stop());
      }
    }
  }

  private static JsonNode onlyManifest(Path out) throws IOException {
    try (Stream<Path> runs = Files.list(out.resolve("_runs"))) {
      List<Path> dirs = runs.toList();
      assertThat(dirs).hasSize(1);
      return new ObjectMapper().readTree(dirs.get(0).resolve("manifest.json").toFile());
    }
  }

  @Test
  void validateOnTheSamplePrintsTheCountsAndPublishesOnlyTheQuarantine(@TempDir Path work)
      throws Exception {
    Path out = work.resolve("out");
    Result r = launch(work, "validate", "--period", "2024-06", "--output", out.toString());
    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(r.stdout()).contains("rows read", "grid_coverage", "service_appeals",
        "collective_income", "rectification_cases", "missing_key", "conflicting_duplicate");
    assertThat(r.stderr()).contains("Registry: bundled registry");
    JsonNode manifest = onlyManifest(out);
    assertThat(manifest.path("status").asText()).isEqualTo("validated");
    assertThat(out.resolve("quarantine/grid_coverage/period=2024-06/_SUCCESS")).exists();
    assertThat(out.resolve("county_metrics")).doesNotExist();
  }

  /**
   * A local run listens on the loopback interface only and starts no Spark UI (the launcher turns it
   * off), and the jar runs on Spark's runtime alone: no test library, no unrelocated copy of a library
   * the jar shades (bin/spark-runtime.pom.xml), as on a cluster.
   */
  @Test
  void aLocalRunListensOnLoopbackOnlyWithoutUiOnSparksRuntimeAlone(@TempDir Path work)
      throws Exception {
    Path out = work.resolve("out");
    List<ListeningSockets.Listener> listeners = new ArrayList<>();
    Result r = launch(work, Map.of("GOVERNANCE_METRICS_JAVA_OPTS", "-XshowSettings:properties"),
        listeners, "validate", "--period", "2024-06", "--output", out.toString());
    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(listeners).as("the driver's RPC and block manager sockets").isNotEmpty();
    assertThat(ListeningSockets.notLoopback(listeners)).as("sockets beyond loopback").isEmpty();
    assertThat(listeners).as("a Spark UI (ports 4040-4056)")
        .noneMatch(l -> l.port() >= 4040 && l.port() <= 4056);

    Matcher classpath = Pattern.compile("java\\.class\\.path = (.*?)\\n {4}\\S", Pattern.DOTALL)
        .matcher(r.stderr());
    assertThat(classpath.find()).as("-XshowSettings:properties output in " + r.stderr()).isTrue();
    List<String> jars = Stream.of(classpath.group(1).split("[\\s:]+"))
        .filter(e -> !e.isBlank()).map(e -> Path.of(e).getFileName().toString()).toList();
    assertThat(jars).anyMatch(j -> j.startsWith("spark-core_"))
        .anyMatch(j -> j.startsWith("hadoop-client-api-"))
        .noneMatch(j -> j.matches("(junit|assertj|opentest4j|picocli|snakeyaml-engine|fastexcel|opczip)"
            + "-.*"));
  }

  @Test
  void nightlyPublishesTheTablesAndExportsForBothProvinces() throws Exception {
    SampleNightly.Run r = SampleNightly.get();
    Path out = r.out();
    assertThat(r.exitCode()).as(r.all()).isZero();
    for (String table : List.of("township_metrics", "county_metrics", "city_metrics",
        "province_metrics")) {
      assertThat(out.resolve(table + "/period=2024-06/_SUCCESS")).as(table).exists();
    }
    JsonNode manifest = onlyManifest(out);
    assertThat(manifest.path("status").asText()).isEqualTo("succeeded");
    assertThat(manifest.path("tables").path("county_metrics").path("rows_written").asLong())
        .isPositive();
    for (String province : List.of("43", "62")) {
      Path exports = out.resolve("exports/period=2024-06/" + province);
      assertThat(exports.resolve("县区对比表.csv")).isNotEmptyFile();
      assertThat(exports.resolve("县区对比表.xlsx")).isNotEmptyFile();
      assertThat(exports.resolve("report.html")).isNotEmptyFile();
    }
  }

  /**
   * The sample nightly's cost follows its data (issue: few Spark jobs): at most 25 Spark jobs,
   * counted by Spark's own listener (the event log), and no task carrying the registry.
   */
  @Test
  void theSampleNightlyRunsAtMost25SparkJobsAndNoOversizedTask() throws Exception {
    SampleNightly.Run r = SampleNightly.get();
    assertThat(r.exitCode()).as(r.all()).isZero();
    long jobs = 0;
    try (Stream<Path> logs = Files.walk(r.events())) {
      for (Path log : logs.filter(Files::isRegularFile).toList()) {
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
          if (line.contains("\"Event\":\"SparkListenerJobStart\"")) {
            jobs++;
          }
        }
      }
    }
    assertThat(jobs).as("Spark jobs of the sample nightly").isPositive().isLessThanOrEqualTo(25);
    assertThat(r.stderr()).doesNotContain("contains a task of very large size");
  }

  /**
   * A nightly with nothing new since the last publication of its period says so and exits 0
   * without starting Spark; a redelivered file makes it run again.
   */
  @Test
  void aNightlyWithNothingNewDoesNothingAndARedeliveredFileRunsIt(@TempDir Path work)
      throws Exception {
    SampleNightly.Run first = SampleNightly.get();
    assertThat(first.exitCode()).as(first.all()).isZero();
    Path out = work.resolve("out");
    copyTree(first.out(), out);
    Path input = work.resolve("in");
    copyTree(ROOT.resolve("data/sample"), input);
    String published = onlyManifest(out).path("run_id").asText();

    Result again = launch(work, "nightly", "--period", "2024-06", "--input", input.toString(),
        "--output", out.toString());
    assertThat(again.exitCode()).as(again.all()).isZero();
    assertThat(again.stdout()).contains("Nothing new for 2024-06 since run " + published);
    assertThat(again.stderr()).doesNotContain("Running Spark version");
    assertThat(statuses(out)).containsExactlyInAnyOrder("succeeded", "unchanged");
    assertThat(Files.readString(out.resolve("county_metrics/period=2024-06/_SUCCESS")))
        .contains(published);

    Path redelivered = input.resolve("grid_coverage/period=2024-06");
    try (Stream<Path> files = Files.list(redelivered)) {
      Path file = files.filter(f -> f.toString().endsWith(".parquet")).findFirst().orElseThrow();
      Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(
          Files.getLastModifiedTime(file).toMillis() + 60_000));
    }
    Result rerun = launch(work, "nightly", "--period", "2024-06", "--input", input.toString(),
        "--output", out.toString());
    assertThat(rerun.exitCode()).as(rerun.all()).isZero();
    assertThat(rerun.stdout()).doesNotContain("Nothing new");
    assertThat(statuses(out)).containsExactlyInAnyOrder("succeeded", "unchanged", "succeeded");
    assertThat(Files.readString(out.resolve("county_metrics/period=2024-06/_SUCCESS")))
        .doesNotContain(published);
  }

  private static List<String> statuses(Path out) throws IOException {
    List<String> statuses = new ArrayList<>();
    try (Stream<Path> runs = Files.list(out.resolve("_runs"))) {
      for (Path run : runs.toList()) {
        statuses.add(new ObjectMapper().readTree(run.resolve("manifest.json").toFile())
            .path("status").asText());
      }
    }
    return statuses;
  }

  @Test
  void aCorruptFileStopsTheRunWithExitFourAndSaysWhatToDo(@TempDir Path work) throws Exception {
    Path input = work.resolve("in");
    copyTree(ROOT.resolve("data/sample"), input);
    Path corrupt = input.resolve("grid_coverage/period=2024-06/99.parquet");
    Files.writeString(corrupt, "this is not parquet");
    Path out = work.resolve("out");
    Result r = launch(work, "validate", "--period", "2024-06", "--input", input.toString(),
        "--output", out.toString());
    assertThat(r.exitCode()).as(r.all()).isEqualTo(4);
    assertThat(r.stderr()).contains("grid_coverage").contains("99.parquet").contains("What to do:");
    assertThat(out.resolve("quarantine")).doesNotExist();

  }

  @Test
  void usageErrorsExitTwo(@TempDir Path work) throws Exception {
    Result r = launch(work, "nightly", "--period", "2024-6");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).contains("2024-6").contains("What to do:");
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}
