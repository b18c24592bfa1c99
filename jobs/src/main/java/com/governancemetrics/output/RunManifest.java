package com.governancemetrics.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The run's manifest, {@code _runs/<run_id>/manifest.json} (SPEC §3): job, periods, start and end,
 * status, per dataset the rows read/accepted/quarantined/dropped with counts per reason and the files
 * read or skipped, per table the rows written, the configuration's sha256 and the program's version.
 * Written at the end of every run, also a failed one, so there is always a record of what happened.
 */
public final class RunManifest {

  /** Status values. */
  public static final String SUCCEEDED = "succeeded";
  public static final String QUALITY_GATE_FAILED = "quality_gate_failed";
  public static final String FAILED = "failed";
  public static final String VALIDATED = "validated";

  private final Map<String, Object> root = new LinkedHashMap<>();
  private final Map<String, Object> datasets = new LinkedHashMap<>();
  private final Map<String, Object> tables = new LinkedHashMap<>();
  private final List<String> exports = new ArrayList<>();

  public RunManifest(String runId, String job, List<String> periods, String version) {
    root.put("run_id", runId);
    root.put("job", job);
    root.put("periods", List.copyOf(periods));
    root.put("started_at", Instant.now().toString());
    root.put("ended_at", null);
    root.put("status", "running");
    root.put("version", version);
    root.put("datasets", datasets);
    root.put("tables", tables);
    root.put("exports", exports);
  }

  public String runId() {
    return (String) root.get("run_id");
  }

  public RunManifest put(String key, Object value) {
    root.put(key, value);
    return this;
  }

  public RunManifest config(String source, String sha256) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("source", source);
    c.put("sha256", sha256);
    root.put("config", c);
    return this;
  }

  public RunManifest dataset(String name, Map<String, Object> entry) {
    datasets.put(name, entry);
    return this;
  }

  public RunManifest table(String name,
      Map<com.governancemetrics.periods.Period, Long> rowsWrittenPerPeriod) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("rows_written", rowsWrittenPerPeriod.values().stream().mapToLong(Long::longValue).sum());
    Map<String, Long> perPeriod = new LinkedHashMap<>();
    rowsWrittenPerPeriod.forEach((p, n) -> perPeriod.put(p.toString(), n));
    t.put("rows_written_per_period", perPeriod);
    tables.put(name, t);
    return this;
  }

  public RunManifest export(String path) {
    exports.add(path);
    return this;
  }

  public Object get(String key) {
    return root.get(key);
  }

  /** Ends the run with a status and, for a failure, its message. */
  public RunManifest finish(String status, String message) {
    root.put("ended_at", Instant.now().toString());
    root.put("status", status);
    if (message != null) {
      root.put("message", message);
    }
    return this;
  }

  public String toJson() {
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The manifest's path under an output root. */
  public static Path path(String outputRoot, String runId) {
    return new Path(outputRoot, "_runs/" + runId + "/manifest.json");
  }

  /** A run that published a period: its id and manifest path. */
  public record Published(String runId, String manifestPath) {}

  /**
   * The latest succeeded nightly or backfill run under {@code outputRoot/_runs} whose periods include
   * {@code period} (run ids sort by start time).
   */
  public static java.util.Optional<Published> latestPublishing(Configuration conf, String outputRoot,
      com.governancemetrics.periods.Period period) {
    Path runs = new Path(outputRoot, "_runs");
    try {
      FileSystem fs = runs.getFileSystem(conf);
      if (!fs.exists(runs)) {
        return java.util.Optional.empty();
      }
      List<org.apache.hadoop.fs.FileStatus> dirs = new ArrayList<>(List.of(fs.listStatus(runs)));
      dirs.sort((a, b) -> b.getPath().getName().compareTo(a.getPath().getName()));
      ObjectMapper json = new ObjectMapper();
      for (org.apache.hadoop.fs.FileStatus dir : dirs) {
        Path manifest = new Path(dir.getPath(), "manifest.json");
        if (!fs.exists(manifest)) {
          continue;
        }
        com.fasterxml.jackson.databind.JsonNode node;
        try (java.io.InputStream in = fs.open(manifest)) {
          node = json.readTree(in);
        }
        boolean published = SUCCEEDED.equals(node.path("status").asText())
            && List.of("nightly", "backfill").contains(node.path("job").asText());
        boolean hasPeriod = false;
        for (com.fasterxml.jackson.databind.JsonNode p : node.path("periods")) {
          hasPeriod |= period.toString().equals(p.asText());
        }
        if (published && hasPeriod) {
          return java.util.Optional.of(new Published(node.path("run_id").asText(), manifest.toString()));
        }
      }
      return java.util.Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the runs under " + runs + ": " + e.getMessage(), e);
    }
  }

  /** Writes (or rewrites) the manifest under the output root and returns its path. */
  public Path write(Configuration conf, String outputRoot) {
    Path path = path(outputRoot, runId());
    try {
      FileSystem fs = path.getFileSystem(conf);
      try (OutputStream out = fs.create(path, true)) {
        out.write(toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the manifest " + path + ": " + e.getMessage(), e);
    }
    return path;
  }
}
