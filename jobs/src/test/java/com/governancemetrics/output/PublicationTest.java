package com.governancemetrics.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.governancemetrics.periods.Period;
import com.governancemetrics.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublicationTest {

  private final SparkSession spark = SharedSpark.get();

  private Dataset<Row> rows(String... periodAndValue) {
    StringBuilder sql = new StringBuilder("SELECT * FROM VALUES ");
    for (int i = 0; i < periodAndValue.length; i += 2) {
      sql.append(i == 0 ? "" : ", ").append("('").append(periodAndValue[i]).append("', ")
          .append(periodAndValue[i + 1]).append(")");
    }
    return spark.sql(sql + " AS t(period, value)");
  }

  private static Map<String, FileTime> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).collect(Collectors.toMap(
          p -> dir.relativize(p).toString(), p -> {
            try {
              return Files.getLastModifiedTime(p);
            } catch (IOException e) {
              throw new RuntimeException(e);
            }
          }));
    }
  }

  /** Stages the rows as table county_metrics for the periods and commits, as run {@code runId}. */
  private Map<Period, Long> publish(Path out, Dataset<Row> rows, List<Period> periods, String runId) {
    try (Publication publication = Publication.begin(new Configuration(), out.toString(), runId,
        "nightly", Duration.ofMinutes(5))) {
      Map<Period, Long> written = publication.stagePartitions(rows, "county_metrics", periods);
      publication.commit(RunManifest.start(runId, "nightly",
          periods.stream().map(Period::toString).toList(), "test"));
      return written;
    }
  }

  @Test
  void aTaskOutOfHeapIsReportedAsMemoryNotAsTheDisk() {
    Exception thrown = new org.apache.spark.SparkException("Job aborted due to stage failure",
        new OutOfMemoryError("GC overhead limit exceeded"));
    var failure = Publication.writeFailure(new org.apache.hadoop.fs.Path("/out/_staging/x"), thrown);
    assertThat(failure.getMessage()).startsWith("ran out of memory computing /out/_staging/x")
        .endsWith("GC overhead limit exceeded");
    assertThat(failure.whatToDo()).contains("GOVERNANCE_METRICS_DRIVER_MEMORY")
        .doesNotContain("Free space");
    var disk = Publication.writeFailure(new org.apache.hadoop.fs.Path("/out/_staging/x"),
        new IOException("No space left on device"));
    assertThat(disk.getMessage()).isEqualTo("cannot write /out/_staging/x: No space left on device");
    assertThat(disk.whatToDo()).startsWith("Free space");
  }

  @Test
  void publishesEachPeriodWithItsMarkerAndLeavesNoStaging(@TempDir Path out) {
    Path table = out.resolve("county_metrics");
    Map<Period, Long> written = publish(out,
        rows("2024-05", "1", "2024-05", "2", "2024-06", "3"),
        List.of(Period.parse("2024-05"), Period.parse("2024-06"), Period.parse("2024-07")), "run-1");

    assertThat(written).containsExactly(Map.entry(Period.parse("2024-05"), 2L),
        Map.entry(Period.parse("2024-06"), 1L), Map.entry(Period.parse("2024-07"), 0L));
    assertThat(table.resolve("period=2024-05/_SUCCESS")).exists();
    assertThat(table.resolve("period=2024-06/_SUCCESS")).exists();
    assertThat(table.resolve("period=2024-07/_SUCCESS")).exists();
    assertThat(table.resolve("_staging")).doesNotExist();
    assertThat(table.resolve("_trash")).doesNotExist();
    assertThat(out.resolve("_staging")).doesNotExist();
    assertThat(out.resolve(OutputLock.FILE_NAME)).doesNotExist();
    assertThat(spark.read().parquet(table.toString()).where("period = '2024-05'").count()).isEqualTo(2);
    // every row and every partition's marker names the run that published it
    assertThat(spark.read().parquet(table.toString()).select(Publication.RUN_ID_COLUMN).distinct()
        .collectAsList()).extracting(r -> r.getString(0)).containsExactly("run-1");
    assertThat(Publication.marker(publicationFs(out), new org.apache.hadoop.fs.Path(
        table.resolve("period=2024-07").toString()))).contains(new Publication.Marker("run-1", 0));
    assertThat(out.resolve("_runs/run-1/manifest.json")).exists();
    assertThat(out.resolve("_runs/run-1/commit.json")).exists();
    assertThat(out.resolve("_runs/run-1/commit.done")).exists();
  }

  @Test
  void oneRunPeriodIsWrittenInThePartitionLayoutOfSeveral(@TempDir Path out) {
    Path one = out.resolve("one");
    Path several = out.resolve("several");
    publish(one, rows("2024-06", "1", "2024-06", "2", "2024-05", "9"),
        List.of(Period.parse("2024-06")), "run-1");
    publish(several, rows("2024-06", "1", "2024-06", "2", "2024-05", "9"),
        List.of(Period.parse("2024-06"), Period.parse("2024-07")), "run-1");

    // a row of a period the run does not stage is not published, with one period as with several
    assertThat(one.resolve("county_metrics/period=2024-05")).doesNotExist();
    assertThat(several.resolve("county_metrics/period=2024-05")).doesNotExist();
    // the files inside the partition folder hold the same columns (no period inside)
    assertThat(spark.read().parquet(one.resolve("county_metrics/period=2024-06").toString())
        .schema()).isEqualTo(spark.read()
            .parquet(several.resolve("county_metrics/period=2024-06").toString()).schema());
    Dataset<Row> table = spark.read().parquet(one.resolve("county_metrics").toString());
    assertThat(table.columns()).containsExactly("value", Publication.RUN_ID_COLUMN, "period");
    assertThat(table.orderBy("value").collectAsList()).extracting(r -> r.getInt(0) + " "
        + r.getString(2)).containsExactly("1 2024-06", "2 2024-06");
    assertThat(Publication.marker(publicationFs(one), new org.apache.hadoop.fs.Path(
        one.resolve("county_metrics/period=2024-06").toString())))
        .contains(new Publication.Marker("run-1", 2));
    // the marker reads back through Hadoop's checksummed local file system too (as the anomaly
    // rules' history reads it): no checksum of the committer's empty _SUCCESS is left beside it
    assertThat(Publication.marker(checksummedFs(), new org.apache.hadoop.fs.Path(
        one.resolve("county_metrics/period=2024-06").toString())))
        .contains(new Publication.Marker("run-1", 2));
    assertThat(one.resolve("county_metrics/period=2024-06/._SUCCESS.crc")).doesNotExist();
  }

  private static org.apache.hadoop.fs.FileSystem checksummedFs() {
    try {
      return org.apache.hadoop.fs.FileSystem.getLocal(new Configuration());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void tablesStagedTogetherArePublishedLikeTablesStagedOneByOne(@TempDir Path out) {
    List<Period> june = List.of(Period.parse("2024-06"));
    try (Publication publication = Publication.begin(new Configuration(), out.toString(), "run-1",
        "nightly", Duration.ofMinutes(5))) {
      Map<String, Map<Period, Long>> written = publication.stagePartitionsTogether(
          new java.util.LinkedHashMap<>(Map.of("quarantine/a", rows("2024-06", "1"),
              "quarantine/b", rows("2024-06", "2", "2024-06", "3"))), june);
      assertThat(written).containsOnly(Map.entry("quarantine/a", Map.of(june.get(0), 1L)),
          Map.entry("quarantine/b", Map.of(june.get(0), 2L)));
      publication.commit(RunManifest.start("run-1", "nightly", List.of("2024-06"), "test"));
    }
    assertThat(spark.read().parquet(out.resolve("quarantine/b").toString()).count()).isEqualTo(2);
    assertThat(out.resolve("quarantine/a/period=2024-06/_SUCCESS")).exists();
    assertThat(out.resolve("_staging")).doesNotExist();
  }

  @Test
  void aFailedWriteAmongTablesStagedTogetherFailsTheStagingOnceAllEnded(@TempDir Path out) {
    List<Period> june = List.of(Period.parse("2024-06"));
    try (Publication publication = Publication.begin(new Configuration(), out.toString(), "run-1",
        "nightly", Duration.ofMinutes(5))) {
      Dataset<Row> failing = rows("2024-06", "1").selectExpr("period",
          "raise_error('planted failure') AS value");
      java.util.LinkedHashMap<String, Dataset<Row>> tables = new java.util.LinkedHashMap<>();
      tables.put("quarantine/a", rows("2024-06", "1"));
      tables.put("quarantine/b", failing);
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> publication.stagePartitionsTogether(tables, june))
          .hasMessageContaining("quarantine/b").hasMessageContaining("planted failure");
      // nothing of the failed staging is included: the run commits only what it staged after it
      publication.stagePartitions(rows("2024-06", "5"), "county_metrics", june);
      publication.commit(RunManifest.start("run-1", "nightly", List.of("2024-06"), "test"));
    }
    assertThat(out.resolve("county_metrics/period=2024-06/_SUCCESS")).exists();
    assertThat(out.resolve("quarantine/a")).doesNotExist();
    assertThat(out.resolve("quarantine/b")).doesNotExist();
  }

  @Test
  void rerunReplacesItsPeriodAndNothingElse(@TempDir Path out) throws Exception {
    Path table = out.resolve("county_metrics");
    publish(out, rows("2024-05", "1", "2024-06", "2"),
        List.of(Period.parse("2024-05"), Period.parse("2024-06")), "run-1");
    Map<String, FileTime> mayBefore = files(table.resolve("period=2024-05"));
    Thread.sleep(20);

    publish(out, rows("2024-06", "20", "2024-06", "21"), List.of(Period.parse("2024-06")), "run-2");

    assertThat(files(table.resolve("period=2024-05"))).isEqualTo(mayBefore);
    List<Row> june = spark.read().parquet(table.toString()).where("period = '2024-06'")
        .orderBy("value").collectAsList();
    assertThat(june).extracting(r -> r.getInt(r.fieldIndex("value"))).containsExactly(20, 21);
    assertThat(june).extracting(r -> r.<String>getAs(Publication.RUN_ID_COLUMN))
        .containsOnly("run-2");
    assertThat(table.resolve("_trash")).doesNotExist();
    assertThat(table.resolve("_staging")).doesNotExist();
    assertThat(out.resolve("_staging")).doesNotExist();
  }

  @Test
  void replacedPartitionsAreKeptInTheHistoryAndPrunedOldestFirst(@TempDir Path out)
      throws Exception {
    Path history = out.resolve("county_metrics/_history/period=2024-06");
    List<String> runs = List.of("20240701T000000Z-nightly-2024-06-a", "20240702T000000Z-nightly-2024-06-b",
        "20240703T000000Z-nightly-2024-06-c", "20240704T000000Z-nightly-2024-06-d");
    for (int i = 0; i < runs.size(); i++) {
      try (Publication publication = Publication.begin(new Configuration(), out.toString(),
          runs.get(i), "nightly", Duration.ofMinutes(5), 2)) {
        publication.stagePartitions(rows("2024-06", String.valueOf(i)), "county_metrics",
            List.of(Period.parse("2024-06")));
        RunManifest manifest = RunManifest.start(runs.get(i), "nightly", List.of("2024-06"), "test")
            .finish(RunManifest.Status.SUCCEEDED, null);
        publication.commit(manifest);
        if (i > 0) {
          assertThat(manifest.superseded())
              .containsExactly(Map.entry("county_metrics/period=2024-06", runs.get(i - 1)));
        }
      }
    }
    // the two newest replaced publications are kept, each with the rows it had
    try (Stream<Path> kept = Files.list(history)) {
      assertThat(kept.map(p -> p.getFileName().toString()).sorted())
          .containsExactly(runs.get(1), runs.get(2));
    }
    assertThat(spark.read().parquet(history.resolve(runs.get(2)).toString())
        .collectAsList()).extracting(r -> r.getInt(r.fieldIndex("value"))).containsExactly(2);
    // readers of the table see the current publication only
    assertThat(spark.read().parquet(out.resolve("county_metrics").toString()).collectAsList())
        .extracting(r -> r.<String>getAs(Publication.RUN_ID_COLUMN)).containsExactly(runs.get(3));
    // and the manifest of the newest run names what it replaced
    RunManifest newest = RunManifest.read(publicationFs(out), new org.apache.hadoop.fs.Path(
        out.resolve("_runs/" + runs.get(3) + "/manifest.json").toString()));
    assertThat(newest.superseded()).containsEntry("county_metrics/period=2024-06", runs.get(2));
  }

  @Test
  void withHistoryKeepZeroNothingIsKept(@TempDir Path out) {
    for (String run : List.of("r1", "r2")) {
      try (Publication publication = Publication.begin(new Configuration(), out.toString(), run,
          "nightly", Duration.ofMinutes(5), 0)) {
        publication.stagePartitions(rows("2024-06", "1"), "county_metrics",
            List.of(Period.parse("2024-06")));
        publication.commit(RunManifest.start(run, "nightly", List.of("2024-06"), "test"));
      }
    }
    assertThat(out.resolve("county_metrics/_history")).doesNotExist();
    assertThat(out.resolve("_staging")).doesNotExist();
  }

  private static org.apache.hadoop.fs.FileSystem publicationFs(Path out) {
    return Publication.fileSystem(new Configuration(), out.toString());
  }
}
