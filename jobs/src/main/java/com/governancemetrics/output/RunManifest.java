package com.governancemetrics.output;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The run's manifest, {@code _runs/<run_id>/manifest.json} (SPEC §3), as one typed record written
 * and read with Jackson: job, periods, start and end, status (every ending has one), per dataset the
 * rows read/accepted/quarantined/dropped with counts per reason, the partitions and files read or
 * skipped, per table the rows written, the exports, the configuration's sha256 and the version.
 * Read leniently: a key it does not know is ignored, a key it lacks is null or empty.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
    getterVisibility = JsonAutoDetect.Visibility.NONE,
    isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonPropertyOrder({"run_id", "job", "periods", "started_at", "ended_at", "status", "message",
    "version", "config", "input", "output", "registry", "inputs_sha256", "datasets", "tables",
    "exports", "superseded"})
public final class RunManifest {

  /** How a run ended; {@code running} until it does. */
  public enum Status {
    @JsonProperty("running") RUNNING,
    @JsonProperty("succeeded") SUCCEEDED,
    @JsonProperty("validated") VALIDATED,
    @JsonProperty("quality_gate_failed") QUALITY_GATE_FAILED,
    /** Nothing new since the last publication of its period: nothing computed or published. */
    @JsonProperty("unchanged") UNCHANGED,
    /** A dry run: computed and compared with what is published; nothing published. */
    @JsonProperty("dry_run") DRY_RUN,
    @JsonProperty("failed") FAILED,
    /** Killed or lost before it published; marked so by the run that recovered after it. */
    @JsonProperty("abandoned") ABANDONED;

    /** The word in the manifest. */
    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The configuration a run used. */
  public record Config(@JsonProperty("source") String source, @JsonProperty("sha256") String sha256) {}

  /** A file a run skipped (corrupt, when told to skip), with the reason it gives. */
  public record SkippedFile(@JsonProperty("file") String file, @JsonProperty("reason") String reason) {}

  /** One dataset's counts: rows read = accepted + quarantined + duplicates dropped (SPEC §1). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Dataset(
      @JsonProperty("rows_read") Long rowsRead,
      @JsonProperty("rows_accepted") Long rowsAccepted,
      @JsonProperty("rows_quarantined") Long rowsQuarantined,
      @JsonProperty("duplicates_dropped") Long duplicatesDropped,
      @JsonProperty("quarantined_share") Double quarantinedShare,
      @JsonProperty("quarantined_by_reason") SortedMap<String, Long> quarantinedByReason,
      @JsonProperty("partitions_read") List<String> partitionsRead,
      @JsonProperty("files_read") List<String> filesRead,
      @JsonProperty("files_skipped") List<SkippedFile> filesSkipped,
      @JsonProperty("extra_columns") List<String> extraColumns,
      @JsonProperty("year_used") SortedMap<Integer, Integer> yearUsed) {

    public Dataset {
      quarantinedByReason = quarantinedByReason == null ? Collections.emptySortedMap()
          : Collections.unmodifiableSortedMap(new TreeMap<>(quarantinedByReason));
      partitionsRead = partitionsRead == null ? List.of() : List.copyOf(partitionsRead);
      filesRead = filesRead == null ? List.of() : List.copyOf(filesRead);
      filesSkipped = filesSkipped == null ? List.of() : List.copyOf(filesSkipped);
      extraColumns = extraColumns == null ? List.of() : List.copyOf(extraColumns);
      yearUsed = yearUsed == null || yearUsed.isEmpty() ? null
          : Collections.unmodifiableSortedMap(new TreeMap<>(yearUsed));
    }
  }

  /** The rows a run wrote into one table, in all and per period. */
  public record Table(@JsonProperty("rows_written") long rowsWritten,
      @JsonProperty("rows_written_per_period") Map<String, Long> rowsWrittenPerPeriod) {}

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  @JsonProperty("run_id") private String runId;
  @JsonProperty("job") private String job;
  @JsonProperty("periods") private List<String> periods = new ArrayList<>();
  @JsonProperty("started_at") private String startedAt;
  @JsonProperty("ended_at") private String endedAt;
  @JsonProperty("status") private Status status = Status.RUNNING;
  @JsonProperty("message") private String message;
  @JsonProperty("version") private String version;
  @JsonProperty("config") private Config config;
  @JsonProperty("input") private String input;
  @JsonProperty("output") private String output;
  @JsonProperty("registry") private String registry;
  /** The digest of everything the result depends on (files read, configuration, registry, version). */
  @JsonProperty("inputs_sha256") private String inputsSha256;
  @JsonProperty("datasets") private Map<String, Dataset> datasets = new LinkedHashMap<>();
  @JsonProperty("tables") private Map<String, Table> tables = new LinkedHashMap<>();
  @JsonProperty("exports") private List<String> exports = new ArrayList<>();
  /** What the run's publication replaced: target (e.g. county_metrics/period=2024-06) → run id. */
  @JsonProperty("superseded") private Map<String, String> superseded = new LinkedHashMap<>();

  private RunManifest() {}

  /** A new manifest, {@code running} from now. */
  public static RunManifest start(String runId, String job, List<String> periods, String version) {
    RunManifest m = new RunManifest();
    m.runId = runId;
    m.job = job;
    m.periods = new ArrayList<>(periods);
    m.startedAt = Instant.now().toString();
    m.version = version;
    return m;
  }

  public String runId() {
    return runId;
  }

  public String job() {
    return job;
  }

  public List<String> periods() {
    return Collections.unmodifiableList(periods);
  }

  public String startedAt() {
    return startedAt;
  }

  public String endedAt() {
    return endedAt;
  }

  public Status status() {
    return status;
  }

  public String message() {
    return message;
  }

  public String version() {
    return version;
  }

  public Config config() {
    return config;
  }

  public String input() {
    return input;
  }

  public String output() {
    return output;
  }

  public String registry() {
    return registry;
  }

  public String inputsSha256() {
    return inputsSha256;
  }

  public RunManifest inputsSha256(String digest) {
    this.inputsSha256 = digest;
    return this;
  }

  public Map<String, Dataset> datasets() {
    return Collections.unmodifiableMap(datasets);
  }

  public Map<String, Table> tables() {
    return Collections.unmodifiableMap(tables);
  }

  public List<String> exports() {
    return Collections.unmodifiableList(exports);
  }

  public RunManifest config(String source, String sha256) {
    this.config = new Config(source, sha256);
    return this;
  }

  public RunManifest roots(String input, String output) {
    this.input = input;
    this.output = output;
    return this;
  }

  public RunManifest registry(String registry) {
    this.registry = registry;
    return this;
  }

  public RunManifest dataset(String name, Dataset entry) {
    datasets.put(name, entry);
    return this;
  }

  public RunManifest table(String name, Map<String, Long> rowsWrittenPerPeriod) {
    long total = rowsWrittenPerPeriod.values().stream().mapToLong(Long::longValue).sum();
    tables.put(name, new Table(total, new LinkedHashMap<>(rowsWrittenPerPeriod)));
    return this;
  }

  public Map<String, String> superseded() {
    return Collections.unmodifiableMap(superseded);
  }

  public RunManifest superseded(Map<String, String> replaced) {
    this.superseded = new LinkedHashMap<>(replaced);
    return this;
  }

  public RunManifest export(String path) {
    exports.add(path);
    return this;
  }

  /** Ends the run with a status and, for a failure, its cause in one line. */
  public RunManifest finish(Status status, String message) {
    this.endedAt = Instant.now().toString();
    this.status = status;
    this.message = message;
    return this;
  }

  /** Marks a run that a later run found dead (its end time stays unknown). */
  public RunManifest abandon(String message) {
    this.status = Status.ABANDONED;
    this.message = message;
    return this;
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public byte[] toBytes() {
    return toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  public static RunManifest parse(InputStream in) throws IOException {
    RunManifest m = JSON.readValue(in, RunManifest.class);
    if (m == null) {
      throw new IOException("the manifest is empty");
    }
    return m;
  }

  /** Reads a manifest; throws when it cannot be read or parsed. */
  public static RunManifest read(FileSystem fs, Path path) throws IOException {
    try (InputStream in = fs.open(path)) {
      return parse(in);
    }
  }
}
