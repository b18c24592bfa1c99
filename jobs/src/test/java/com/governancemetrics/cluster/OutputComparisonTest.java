package com.governancemetrics.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.governancemetrics.testing.SharedSpark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The comparison the cluster tests make, on two small output roots written here: equal when only run
 * ids, times and locations differ, and a failure for any difference a reader would see.
 */
class OutputComparisonTest {

  private static final StructType SCHEMA = new StructType()
      .add("unit", DataTypes.StringType)
      .add("value", DataTypes.DoubleType)
      .add("source_file", DataTypes.StringType)
      .add("extra", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
      .add("run_id", DataTypes.StringType)
      .add("period", DataTypes.StringType);

  @TempDir
  Path dir;

  /** One run's output root: a table, its _SUCCESS marker, the manifest and an export. */
  private Path output(String name, String run, String input, double value, String csvLine)
      throws IOException {
    Path root = dir.resolve(name);
    List<Row> rows = List.of(
        RowFactory.create("430102", value, input + "/grid_coverage/period=2024-06/43.parquet",
            java.util.Map.of("a", "1", "b", "2"), run, "2024-06"),
        RowFactory.create("430103", 0.5, input + "/grid_coverage/period=2024-06/43.parquet",
            java.util.Map.of(), run, "2024-06"));
    Dataset<Row> df = SharedSpark.get().createDataFrame(rows, SCHEMA);
    df.write().partitionBy("period").parquet(root.resolve("county_metrics").toString());
    Files.writeString(root.resolve("county_metrics/period=2024-06/_SUCCESS"), "");
    Files.createDirectories(root.resolve("county_metrics/_history/ignored"));
    Files.writeString(root.resolve("county_metrics/_history/ignored/x.txt"), run);
    Path runs = Files.createDirectories(root.resolve("_runs").resolve(run));
    String time = run.contains("aaaa") ? "2024-07-01T01:02:03.5Z" : "2026-01-01T10:00:00Z";
    Files.writeString(runs.resolve("manifest.json"), "{\"run_id\": \"" + run + "\", \"started_at\": \""
        + time + "\", \"input\": \"" + input + "\", \"output\": \"" + root + "\", \"rows\": 2,"
        + " \"files_read\": [\"" + input + "/grid_coverage/period=2024-06/43.parquet\"]}");
    Path exports = Files.createDirectories(root.resolve("exports/period=2024-06/43"));
    Files.writeString(exports.resolve("县区对比表.csv"), "\uFEFF数据期：2024-06　运行编号：" + run
        + "　导出时间：" + time.substring(0, 16).replace('T', ' ') + "\n" + csvLine + "\n",
        StandardCharsets.UTF_8);
    return root;
  }

  private static OutputComparison comparison(Path expected, String expectedInput, Path actual,
      String actualInput) {
    return new OutputComparison(expected.toString(),
        new OutputComparison.Locations(expectedInput, expected.toString(), "/conf/a.yaml"),
        actual.toString(), new OutputComparison.Locations(actualInput, actual.toString(), "/conf/b.yaml"));
  }

  @Test
  void runIdsTimesAndLocationsAsideTheOutputsAreEqual() throws IOException {
    Path a = output("a", "20240701T010203Z-nightly-2024-06-aaaa", "/in/one", 0.25, "岳麓区,95.0%");
    Path b = output("b", "20260101T100000Z-nightly-2024-06-bbbbbb", "/in/two", 0.25, "岳麓区,95.0%");
    OutputComparison.Summary summary = comparison(a, "/in/one", b, "/in/two").assertSame();
    assertThat(summary.tables).containsExactly("county_metrics");
    assertThat(summary.rows).isEqualTo(2);
    assertThat(summary.exports).isEqualTo(1);
  }

  @Test
  void aDifferentValueIsADifference() throws IOException {
    Path a = output("a", "r-aaaa", "/in/one", 0.25, "岳麓区,95.0%");
    Path b = output("b", "r-bbbb", "/in/one", 0.26, "岳麓区,95.0%");
    assertThatThrownBy(() -> comparison(a, "/in/one", b, "/in/one").assertSame())
        .hasMessageContaining("county_metrics: 2 rows expected, 2 found; 1 expected rows missing");
  }

  @Test
  void aDifferentExportIsADifference() throws IOException {
    Path a = output("a", "r-aaaa", "/in/one", 0.25, "岳麓区,95.0%");
    Path b = output("b", "r-bbbb", "/in/one", 0.25, "岳麓区,94.9%");
    assertThatThrownBy(() -> comparison(a, "/in/one", b, "/in/one").assertSame())
        .hasMessageContaining("县区对比表.csv differs").hasMessageContaining("94.9%");
  }

  @Test
  void anotherFileOrAnotherManifestIsADifference() throws IOException {
    Path a = output("a", "r-aaaa", "/in/one", 0.25, "x");
    Path b = output("b", "r-bbbb", "/in/one", 0.25, "x");
    Files.writeString(b.resolve("exports/period=2024-06/43/report.html"), "<html/>");
    assertThatThrownBy(() -> comparison(a, "/in/one", b, "/in/one").assertSame())
        .hasMessageContaining("the files differ");

    Path c = output("c", "r-cccc", "/in/one", 0.25, "x");
    Path manifest = c.resolve("_runs/r-cccc/manifest.json");
    Files.writeString(manifest, Files.readString(manifest).replace("\"rows\": 2", "\"rows\": 3"));
    assertThatThrownBy(() -> comparison(a, "/in/one", c, "/in/one").assertSame())
        .hasMessageContaining("the manifests differ");
  }

  @Test
  void readingAnotherInputIsADifference() throws IOException {
    Path a = output("a", "r-aaaa", "/in/one", 0.25, "x");
    Path b = output("b", "r-bbbb", "/in/other", 0.25, "x");
    // told that b read /in/two: its rows and manifest name /in/other
    assertThatThrownBy(() -> comparison(a, "/in/one", b, "/in/two").assertSame())
        .hasMessageContaining("county_metrics").hasMessageContaining("the manifests differ");
  }
}
