package com.governancemetrics.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.governancemetrics.testing.SharedSpark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product as a user runs it: bin/governance-metrics as a process (the jar through SparkSubmit on
 * a local master), on the committed sample, from another working directory.
 */
class LauncherIT {

  private static final Path ROOT = SharedSpark.projectRoot();

  record Result(int exitCode, String stdout, String stderr) {
    String all() {
      return stdout + stderr;
    }
  }

  private static Result launch(Path workDir, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(ROOT.resolve("bin/governance-metrics").toString());
    command.addAll(List.of(args));
    Path stdout = Files.createTempFile("gm-out", ".txt");
    Path stderr = Files.createTempFile("gm-err", ".txt");
    Process process = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    assertThat(process.waitFor(15, TimeUnit.MINUTES)).as("finished in time").isTrue();
    return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
        Files.readString(stderr, StandardCharsets.UTF_8));
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

  @Test
  void nightlyPublishesTheTablesAndExportsForBothProvinces(@TempDir Path work) throws Exception {
    Path out = work.resolve("out");
    Result r = launch(work, "nightly", "--period", "2024-06", "--output", out.toString());
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
          Files.copy(f, target);
        }
      }
    }
  }
}
