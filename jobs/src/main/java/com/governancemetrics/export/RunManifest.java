package com.governancemetrics.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The parts of a run's {@code _runs/<run_id>/manifest.json} (SPEC §3) that the data-quality sheet and
 * section show. Read leniently: a field the manifest lacks is null or empty, never a failure.
 */
record RunManifest(String runId, String job, List<String> periods, String startedAt, String endedAt,
                   String status, String version, List<DatasetQuality> datasets) {

  RunManifest {
    periods = List.copyOf(periods);
    datasets = List.copyOf(datasets);
  }

  /** One dataset's counts: rows read = accepted + quarantined + duplicates dropped (SPEC §1). */
  record DatasetQuality(String dataset, Long rowsRead, Long rowsAccepted, Long rowsQuarantined,
                        Long duplicatesDropped, Map<String, Long> quarantinedByReason,
                        List<String> filesRead, List<SkippedFile> filesSkipped, List<String> extraColumns) {

    DatasetQuality {
      quarantinedByReason = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(quarantinedByReason));
      filesRead = List.copyOf(filesRead);
      filesSkipped = List.copyOf(filesSkipped);
      extraColumns = List.copyOf(extraColumns);
    }

    /** The quarantined share of the rows read, or null when nothing was read. */
    Double quarantinedShare() {
      if (rowsRead == null || rowsRead == 0 || rowsQuarantined == null) {
        return null;
      }
      return rowsQuarantined / (double) rowsRead;
    }
  }

  /** A file the run skipped (corrupt, when told to skip), with the reason it gives. */
  record SkippedFile(String file, String reason) {}

  /** The manifest when it could be read, else why not (shown to people instead of the numbers). */
  record Loaded(Optional<RunManifest> manifest, String problem) {}

  static Loaded load(Configuration hadoopConf, Path path) {
    try {
      FileSystem fs = path.getFileSystem(hadoopConf);
      if (!fs.exists(path)) {
        return new Loaded(Optional.empty(), "未找到运行清单 " + path);
      }
      try (InputStream in = fs.open(path)) {
        return new Loaded(Optional.of(parse(new ObjectMapper().readTree(in))), null);
      }
    } catch (IOException | RuntimeException e) {
      return new Loaded(Optional.empty(), "运行清单 " + path + " 无法读取：" + e.getMessage());
    }
  }

  static RunManifest parse(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("the manifest is not a JSON object");
    }
    List<DatasetQuality> datasets = new ArrayList<>();
    JsonNode datasetsNode = root.path("datasets");
    for (Map.Entry<String, JsonNode> entry : datasetsNode.properties()) {
      JsonNode d = entry.getValue();
      Map<String, Long> reasons = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> reason : d.path("quarantined_by_reason").properties()) {
        reasons.put(reason.getKey(), reason.getValue().asLong());
      }
      List<SkippedFile> skipped = new ArrayList<>();
      for (JsonNode s : d.path("files_skipped")) {
        skipped.add(s.isObject() ? new SkippedFile(text(s, "file"), text(s, "reason"))
            : new SkippedFile(s.asText(), null));
      }
      datasets.add(new DatasetQuality(entry.getKey(), number(d, "rows_read"), number(d, "rows_accepted"),
          number(d, "rows_quarantined"), number(d, "duplicates_dropped"), reasons,
          strings(d.path("files_read")), skipped, strings(d.path("extra_columns"))));
    }
    return new RunManifest(text(root, "run_id"), text(root, "job"), strings(root.path("periods")),
        text(root, "started_at"), text(root, "ended_at"), text(root, "status"), text(root, "version"),
        datasets);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static Long number(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || !value.canConvertToLong() ? null : value.asLong();
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    for (JsonNode value : array) {
      values.add(value.isTextual() ? value.asText() : value.toString());
    }
    return values;
  }
}
