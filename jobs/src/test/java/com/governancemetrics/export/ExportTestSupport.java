package com.governancemetrics.export;

import com.governancemetrics.output.Publication;
import com.governancemetrics.output.RunManifest;
import com.governancemetrics.rollup.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Helpers of the export tests: the request on a fixture root, tables read back, a CSV parser. */
final class ExportTestSupport {

  private ExportTestSupport() {}

  static ExportRequest request(Path root, Optional<String> province, String runId, Optional<String> manifest) {
    RunQuality quality = manifest
        .map(m -> RunQuality.load(new Configuration(), new org.apache.hadoop.fs.Path(root.resolve(m).toString())))
        .orElse(RunQuality.unavailable("本次导出未指定运行清单"));
    return new ExportRequest(root.toString(), PublishedTablesFixture.PERIOD, province,
        PublishedTablesFixture.metrics(), runId, "0.1.0-test", quality);
  }

  /**
   * The exports of the request published under its output root as a run publishes them: staged under
   * the root's lock, then committed with a manifest of their own (or discarded on a failure).
   */
  static ExportSummary publish(SparkSession spark, ExportRequest request) {
    String runId = "export-" + UUID.randomUUID();
    try (Publication publication = Publication.begin(new Configuration(), request.tablesRoot(), runId,
        "export", Duration.ofMinutes(5))) {
      try {
        ExportSummary summary = Exporter.run(spark, request,
            ExportDestination.staged(publication, request.period(), request.province()));
        publication.include(ExportDestination.target(request.period(), request.province()));
        publication.commit(RunManifest.start(runId, "export", List.of(request.period().toString()),
            "0.1.0-test").finish(RunManifest.Status.SUCCEEDED, null));
        return summary;
      } catch (RuntimeException e) {
        publication.abandon();
        throw e;
      }
    }
  }

  static Path exportFolder(Path root, String provinceCode) {
    return root.resolve("exports").resolve("period=" + PublishedTablesFixture.PERIOD).resolve(provinceCode);
  }

  /** A level's published table read back from Parquet, by "<unit code>/<metric id>". */
  static Map<String, Row> readBack(SparkSession spark, Path root, Level level) {
    Map<String, Row> rows = new HashMap<>();
    for (Row row : spark.read()
        .parquet(MetricTables.partition(root.toString(), level, PublishedTablesFixture.PERIOD).toString())
        .collectAsList()) {
      rows.put(row.getAs(level.codeColumn()) + "/" + row.getAs("metric_id"), row);
    }
    return rows;
  }

  static Double doubleOrNull(Row row, String column) {
    Object value = row.getAs(column);
    return value == null ? null : ((Number) value).doubleValue();
  }

  static Integer intOrNull(Row row, String column) {
    Object value = row.getAs(column);
    return value == null ? null : ((Number) value).intValue();
  }

  /** RFC 4180 CSV: quoted cells with doubled quotes, CRLF or LF line ends. */
  static List<List<String>> parseCsv(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(cell.toString());
        cell.setLength(0);
      } else if (c == '\r') {
        // part of CRLF
      } else if (c == '\n') {
        row.add(cell.toString());
        cell.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
      } else {
        cell.append(c);
      }
    }
    if (cell.length() > 0 || !row.isEmpty()) {
      row.add(cell.toString());
      rows.add(row);
    }
    return rows;
  }
}
