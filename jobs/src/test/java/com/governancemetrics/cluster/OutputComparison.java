package com.governancemetrics.cluster;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.map_entries;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.governancemetrics.testing.SharedSpark;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Sheet;

/**
 * Two output roots of the same command compared as a reader sees them: the same files (data files by
 * folder), the same rows in every table and quarantine (row for row, as multisets), the same manifest
 * and the same exports. Left aside, because two runs never share them: run ids ({@code run_id}
 * columns, run-id fields and the run id wherever it is written), times, where the input, output
 * and configuration were (a local path here, an hdfs:// URI there), and the manifest's
 * {@code inputs_sha256} (it covers the input files' modification times). Files and folders whose
 * names start with {@code _} or {@code .} are not compared, except {@code _SUCCESS} markers and
 * {@code _runs/<run>/manifest.json}.
 */
final class OutputComparison {

  /** Where one run read and wrote: replaced by placeholders before comparing. */
  record Locations(String input, String output, String config) {}

  private static final Pattern TIME = Pattern.compile(
      "\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?");
  private static final Pattern PART = Pattern.compile("part-.*");

  private final String expectedRoot;
  private final Locations expected;
  private final String actualRoot;
  private final Locations actual;
  private final List<String> differences = new ArrayList<>();
  private String expectedRun;
  private String actualRun;

  OutputComparison(String expectedRoot, Locations expected, String actualRoot, Locations actual) {
    this.expectedRoot = expectedRoot;
    this.expected = expected;
    this.actualRoot = actualRoot;
    this.actual = actual;
  }

  /** Compares everything; fails with every difference found. Returns what was compared. */
  Summary assertSame() throws IOException {
    Map<String, List<String>> expectedFiles = files(expectedRoot);
    Map<String, List<String>> actualFiles = files(actualRoot);
    expectedRun = runId(expectedFiles);
    actualRun = runId(actualFiles);
    if (!normalizedNames(expectedFiles, expectedRun).equals(normalizedNames(actualFiles, actualRun))) {
      differences.add("the files differ:\n  expected " + normalizedNames(expectedFiles, expectedRun)
          + "\n  actual   " + normalizedNames(actualFiles, actualRun));
    }
    Summary summary = new Summary();
    for (String table : tables(expectedFiles)) {
      summary.rows += compareTable(table);
      summary.tables.add(table);
    }
    compareManifest();
    for (String file : expectedFiles.keySet()) {
      if (file.startsWith("exports/") && actualFiles.containsKey(file)) {
        compareExport(file);
        summary.exports++;
      }
    }
    assertThat(differences).as("differences between " + expectedRoot + " and " + actualRoot).isEmpty();
    return summary;
  }

  static final class Summary {
    final List<String> tables = new ArrayList<>();
    long rows;
    int exports;

    @Override
    public String toString() {
      return tables.size() + " tables and quarantines (" + rows + " rows), the manifest, " + exports
          + " export files";
    }
  }

  // --- files ----------------------------------------------------------------------------------------

  /** Every file a reader sees, by relative path; hidden ones left out (see the class comment). */
  private static Map<String, List<String>> files(String root) throws IOException {
    FileSystem fs = new Path(root).getFileSystem(new Configuration());
    Map<String, List<String>> result = new TreeMap<>();
    Path base = fs.makeQualified(new Path(root));
    assertThat(fs.exists(base)).as(root + " exists").isTrue();
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(base, true);
    while (it.hasNext()) {
      FileStatus f = it.next();
      String relative = base.toUri().relativize(f.getPath().toUri()).getPath();
      if (visible(relative)) {
        result.put(relative, List.of(Long.toString(f.getLen())));
      }
    }
    return result;
  }

  private static boolean visible(String relative) {
    String[] parts = relative.split("/");
    if (parts.length == 3 && parts[0].equals("_runs") && parts[2].equals("manifest.json")) {
      return true;
    }
    for (int i = 0; i < parts.length; i++) {
      boolean hidden = parts[i].startsWith("_") || parts[i].startsWith(".");
      if (hidden && !(i == parts.length - 1 && parts[i].equals("_SUCCESS"))) {
        return false;
      }
    }
    return true;
  }

  private static String runId(Map<String, List<String>> files) {
    List<String> runs = files.keySet().stream().filter(f -> f.startsWith("_runs/"))
        .map(f -> f.split("/")[1]).distinct().toList();
    assertThat(runs).as("one run's manifest").hasSize(1);
    return runs.get(0);
  }

  /** File names with the run id and the (run-specific) names of data files made generic. */
  private static TreeSet<String> normalizedNames(Map<String, List<String>> files, String run) {
    TreeSet<String> names = new TreeSet<>();
    for (String f : files.keySet()) {
      String[] parts = f.replace(run, "<run>").split("/");
      if (PART.matcher(parts[parts.length - 1]).matches()) {
        parts[parts.length - 1] = "<data files>";
      }
      names.add(String.join("/", parts));
    }
    return names;
  }

  /** The Parquet tables: every folder holding data files, up to its partition folders. */
  private static List<String> tables(Map<String, List<String>> files) {
    TreeSet<String> tables = new TreeSet<>();
    for (String f : files.keySet()) {
      if (f.startsWith("exports/") || !PART.matcher(f.substring(f.lastIndexOf('/') + 1)).matches()) {
        continue;
      }
      List<String> parts = new ArrayList<>(Arrays.asList(f.split("/")));
      parts.remove(parts.size() - 1);
      while (!parts.isEmpty() && parts.get(parts.size() - 1).contains("=")) {
        parts.remove(parts.size() - 1);
      }
      tables.add(String.join("/", parts));
    }
    assertThat(tables).as("tables under the expected root").isNotEmpty();
    return List.copyOf(tables);
  }

  // --- tables ---------------------------------------------------------------------------------------

  private long compareTable(String table) {
    Dataset<Row> e = comparable(SharedSpark.get().read().parquet(expectedRoot + "/" + table), expected);
    Dataset<Row> a = comparable(SharedSpark.get().read().parquet(actualRoot + "/" + table), actual);
    List<String> eSchema = Arrays.stream(e.schema().fields()).map(OutputComparison::field).toList();
    List<String> aSchema = Arrays.stream(a.schema().fields()).map(OutputComparison::field).toList();
    if (!eSchema.equals(aSchema)) {
      differences.add(table + ": columns differ\n  expected " + eSchema + "\n  actual   " + aSchema);
      return 0;
    }
    e = e.cache();
    a = a.cache();
    try {
      long expectedRows = e.count();
      long actualRows = a.count();
      long missing = e.exceptAll(a).count();
      long extra = a.exceptAll(e).count();
      if (expectedRows != actualRows || missing != 0 || extra != 0) {
        differences.add(table + ": " + expectedRows + " rows expected, " + actualRows + " found; "
            + missing + " expected rows missing, " + extra + " unexpected, e.g. "
            + a.exceptAll(e).limit(3).collectAsList() + " instead of "
            + e.exceptAll(a).limit(3).collectAsList());
      }
      if (expectedRows == 0) {
        differences.add(table + ": no rows to compare");
      }
      return expectedRows;
    } finally {
      e.unpersist();
      a.unpersist();
    }
  }

  private static String field(StructField f) {
    return f.name() + " " + f.dataType().simpleString();
  }

  /** Without run_id columns; the run's own locations in strings replaced by placeholders. */
  private static Dataset<Row> comparable(Dataset<Row> rows, Locations at) {
    List<Column> columns = new ArrayList<>();
    for (StructField f : rows.schema().fields()) {
      if (f.name().equals("run_id")) {
        continue;
      }
      Column c = col("`" + f.name() + "`");
      if (f.dataType() instanceof MapType) {
        // set operations (exceptAll) take no maps: the entries, in key order
        c = array_sort(map_entries(c));
      }
      if (f.dataType().equals(DataTypes.StringType)) {
        for (Map.Entry<String, String> r : replacements(at).entrySet()) {
          c = regexp_replace(c, Pattern.quote(r.getKey()), Matcher.quoteReplacement(r.getValue()));
        }
      }
      columns.add(c.as(f.name()));
    }
    return rows.select(columns.toArray(new Column[0]));
  }

  /** The longest first: a local path also appears inside its file: URI. */
  private static Map<String, String> replacements(Locations at) {
    Map<String, String> r = new LinkedHashMap<>();
    for (String[] pair : new String[][] {{at.input(), "<input>"}, {at.output(), "<output>"},
        {at.config(), "<config>"}}) {
      String location = pair[0];
      if (location.startsWith("/")) {
        r.put("file://" + location, pair[1]);
        r.put("file:" + location, pair[1]);
      }
      r.put(location, pair[1]);
    }
    return r;
  }

  private String normalizedText(String text, Locations at, String run) {
    String s = text.replace(run, "<run>");
    for (Map.Entry<String, String> r : replacements(at).entrySet()) {
      s = s.replace(r.getKey(), r.getValue());
    }
    return TIME.matcher(s).replaceAll("<time>");
  }

  // --- manifest -------------------------------------------------------------------------------------

  private void compareManifest() throws IOException {
    JsonNode e = normalizedJson(read(expectedRoot + "/_runs/" + expectedRun + "/manifest.json"),
        expected, expectedRun);
    JsonNode a = normalizedJson(read(actualRoot + "/_runs/" + actualRun + "/manifest.json"), actual,
        actualRun);
    if (!e.equals(a)) {
      differences.add("the manifests differ:\n  expected " + e + "\n  actual   " + a);
    }
  }

  /** Run ids and times removed, locations replaced, everywhere in the tree. */
  private JsonNode normalizedJson(byte[] json, Locations at, String run) throws IOException {
    JsonNode root = new ObjectMapper().readTree(json);
    return normalizedNode(root, at, run);
  }

  private JsonNode normalizedNode(JsonNode node, Locations at, String run) {
    if (node.isObject()) {
      ObjectNode copy = ((ObjectNode) node).objectNode();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      TreeMap<String, JsonNode> sorted = new TreeMap<>();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        String name = f.getKey();
        // inputs_sha256 digests the input files' modification times too, which a copy into HDFS
        // does not keep: it differs between two roots of the same data by design
        if (name.contains("run_id") || name.endsWith("_at") || name.contains("time")
            || name.contains("duration") || name.endsWith("_ms") || name.equals("inputs_sha256")) {
          continue;
        }
        sorted.put(name, normalizedNode(f.getValue(), at, run));
      }
      sorted.forEach(copy::set);
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = ((ArrayNode) node).arrayNode();
      node.forEach(n -> copy.add(normalizedNode(n, at, run)));
      return copy;
    }
    if (node.isTextual()) {
      return TextNode.valueOf(normalizedText(node.asText(), at, run));
    }
    return node;
  }

  // --- exports --------------------------------------------------------------------------------------

  private void compareExport(String file) throws IOException {
    byte[] e = read(expectedRoot + "/" + file);
    byte[] a = read(actualRoot + "/" + file);
    List<String> eText;
    List<String> aText;
    if (file.endsWith(".xlsx")) {
      eText = cells(e, expected, expectedRun);
      aText = cells(a, actual, actualRun);
    } else {
      eText = List.of(normalizedText(new String(e, StandardCharsets.UTF_8), expected, expectedRun)
          .split("\n", -1));
      aText = List.of(normalizedText(new String(a, StandardCharsets.UTF_8), actual, actualRun)
          .split("\n", -1));
    }
    if (!eText.equals(aText)) {
      int at = 0;
      while (at < Math.min(eText.size(), aText.size()) && eText.get(at).equals(aText.get(at))) {
        at++;
      }
      differences.add(file + " differs from line/cell " + at + ":\n  expected "
          + abbreviate(at < eText.size() ? eText.get(at) : "<end>") + "\n  actual   "
          + abbreviate(at < aText.size() ? aText.get(at) : "<end>"));
    }
  }

  /** Every sheet's cells as text, one entry per row. */
  private List<String> cells(byte[] xlsx, Locations at, String run) throws IOException {
    List<String> rows = new ArrayList<>();
    try (ReadableWorkbook workbook = new ReadableWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
      for (Sheet sheet : workbook.getSheets().toList()) {
        rows.add("sheet " + sheet.getName());
        for (org.dhatim.fastexcel.reader.Row row : sheet.read()) {
          StringBuilder line = new StringBuilder();
          for (int i = 0; i < row.getCellCount(); i++) {
            line.append(i == 0 ? "" : " | ").append(row.getCellText(i));
          }
          rows.add(normalizedText(line.toString(), at, run));
        }
      }
    }
    assertThat(rows).as("rows of a workbook").hasSizeGreaterThan(4);
    return rows;
  }

  private static String abbreviate(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "…" : s;
  }

  private static byte[] read(String file) throws IOException {
    Path path = new Path(URI.create(file.startsWith("/") ? "file://" + file : file));
    try (InputStream in = path.getFileSystem(new Configuration()).open(path)) {
      return in.readAllBytes();
    }
  }
}
