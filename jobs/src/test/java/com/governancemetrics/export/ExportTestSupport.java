package com.governancemetrics.export;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Helpers of the export tests: the request on a fixture root, tables read back, a CSV parser. */
final class ExportTestSupport {

  private ExportTestSupport() {}

  static ExportRequest request(Path root, Optional<String> province, String runId, Optional<String> manifest) {
    return new ExportRequest(root.toString(), PublishedTablesFixture.PERIOD, province,
        PublishedTablesFixture.metrics(), runId, "0.1.0-test", manifest);
  }

  static Path exportFolder(Path root, String provinceCode) {
    return root.resolve("exports").resolve("period=" + PublishedTablesFixture.PERIOD).resolve(provinceCode);
  }

  /** A level's published table read back from Parquet, by "<unit code>/<metric id>". */
  static Map<String, Row> readBack(SparkSession spark, Path root, UnitLevel level) {
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
