package com.governancemetrics.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.governancemetrics.jobs.ExitCode;
import com.governancemetrics.failures.Failure;
import com.governancemetrics.output.Publication;
import com.governancemetrics.output.RunManifest;
import com.governancemetrics.rollup.Level;
import com.governancemetrics.testing.SharedSpark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How exports are published and how they fail: atomic replacement, missing tables, a missing manifest. */
class ExportPublishingTest {

  @TempDir
  static Path tables;

  @TempDir
  Path work;

  @BeforeAll
  static void writeTables() throws IOException {
    PublishedTablesFixture.standard().writeTables(SharedSpark.get(), tables);
    PublishedTablesFixture.writeManifest(tables);
  }

  @Test
  void aRerunReplacesTheProvinceFolderAndLeavesNothingElse() throws IOException {
    Path root = copyOf(tables);
    ExportTestSupport.publish(SharedSpark.get(), ExportTestSupport.request(root, Optional.of("43"), "run-a",
        Optional.of(PublishedTablesFixture.MANIFEST)));
    Path csv = ExportTestSupport.exportFolder(root, "43").resolve("县区对比表.csv");
    assertThat(Files.readString(csv, StandardCharsets.UTF_8)).contains("运行编号：run-a");

    ExportSummary again = ExportTestSupport.publish(SharedSpark.get(), ExportTestSupport.request(root, Optional.of("43"),
        "run-b", Optional.of(PublishedTablesFixture.MANIFEST)));
    assertThat(again.provinces()).extracting(ExportSummary.ProvinceExport::provinceCode).containsExactly("43");
    assertThat(Files.readString(csv, StandardCharsets.UTF_8)).contains("运行编号：run-b").doesNotContain("run-a");
    try (Stream<Path> entries = Files.list(ExportTestSupport.exportFolder(root, "43").getParent())) {
      assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("43");
    }
    try (Stream<Path> files = Files.list(ExportTestSupport.exportFolder(root, "43"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("县区对比表.csv", "县区对比表.xlsx", "report.html");
    }
  }

  @Test
  void anAbandonedStagingFolderLeavesThePublishedExportUntouched() throws IOException {
    Configuration conf = new Configuration();
    String target = ExportDestination.target(PublishedTablesFixture.PERIOD, Optional.of("43"));
    try (Publication first = Publication.begin(conf, work.toString(), "run-1", "export",
        Duration.ofMinutes(5))) {
      first.stageFile(target + "/a.txt", "old".getBytes(StandardCharsets.UTF_8));
      first.commit(RunManifest.start("run-1", "export", List.of("2024-06"), "test"));
    }
    try (Publication second = Publication.begin(conf, work.toString(), "run-2", "export",
        Duration.ofMinutes(5))) {
      second.stageFile(target + "/a.txt", "half".getBytes(StandardCharsets.UTF_8));
      second.abandon();
    }
    Path period = work.resolve("exports").resolve("period=2024-06");
    assertThat(Files.readString(period.resolve("43").resolve("a.txt"))).isEqualTo("old");
    try (Stream<Path> entries = Files.list(period)) {
      assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("43");
    }
    assertThat(work.resolve("_staging")).doesNotExist();
  }

  @Test
  void tablesThatAreNotPublishedStopTheExportWithExitCode4() {
    Failure failure = catchThrowableOfType(Failure.class, () -> ExportTestSupport.publish(SharedSpark.get(),
        ExportTestSupport.request(work, Optional.empty(), "run-x", Optional.empty())));
    assertThat(ExitCode.of(failure)).isEqualTo(ExitCode.INPUT);
    assertThat(failure.getMessage()).contains("is not published for period 2024-06");
    assertThat(failure.whatToDo()).contains("nightly --period 2024-06");
    assertThat(work.resolve("exports")).doesNotExist();
  }

  @Test
  void aPartitionWithoutItsSuccessMarkerIsNotExported() throws IOException {
    Path root = copyOf(tables);
    Files.delete(MetricTables.partition(root.toString(), Level.COUNTY, PublishedTablesFixture.PERIOD)
        .toUri().getPath().transform(Path::of).resolve("_SUCCESS"));
    Failure failure = catchThrowableOfType(Failure.class, () -> ExportTestSupport.publish(SharedSpark.get(),
        ExportTestSupport.request(root, Optional.empty(), "run-x", Optional.empty())));
    assertThat(ExitCode.of(failure)).isEqualTo(ExitCode.INPUT);
    assertThat(failure.getMessage()).contains("county_metrics", "_SUCCESS");
  }

  @Test
  void aProvinceWithoutRowsIsAnInputError() {
    Failure failure = catchThrowableOfType(Failure.class, () -> ExportTestSupport.publish(SharedSpark.get(),
        ExportTestSupport.request(tables, Optional.of("11"), "run-x", Optional.empty())));
    assertThat(ExitCode.of(failure)).isEqualTo(ExitCode.INPUT);
    assertThat(failure.getMessage()).contains("no rows for province 11");
  }

  @Test
  void withoutTheManifestTheDataQualityPartsSayWhy() throws IOException {
    Path root = copyOf(tables);
    ExportTestSupport.publish(SharedSpark.get(), ExportTestSupport.request(root, Optional.of("62"), "run-c",
        Optional.of("_runs/run-c/manifest.json")));
    Path folder = ExportTestSupport.exportFolder(root, "62");
    assertThat(Files.readString(folder.resolve("report.html"), StandardCharsets.UTF_8))
        .contains("无法列出本次运行的数据质量统计：未找到运行清单", "_runs/run-c/manifest.json");
    try (ReadableWorkbook workbook = new ReadableWorkbook(folder.resolve("县区对比表.xlsx").toFile())) {
      List<org.dhatim.fastexcel.reader.Row> rows = workbook.findSheet("数据质量").orElseThrow().read();
      assertThat(rows.get(1).getCellText(0)).contains("未找到运行清单");
    }
  }

  private Path copyOf(Path source) throws IOException {
    Path target = Files.createTempDirectory(work, "root");
    try (Stream<Path> paths = Files.walk(source)) {
      for (Path path : paths.sorted(Comparator.naturalOrder()).toList()) {
        Path copy = target.resolve(source.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(copy);
        } else if (!path.toString().contains("/exports/")) {
          Files.copy(path, copy);
        }
      }
    }
    return target;
  }
}
