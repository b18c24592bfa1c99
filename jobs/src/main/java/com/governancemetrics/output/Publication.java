package com.governancemetrics.output;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.governancemetrics.failures.Failure;
import com.governancemetrics.failures.OutOfMemory;
import com.governancemetrics.failures.WriteFailure;
import com.governancemetrics.periods.Period;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.functions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything one run publishes, as one unit (SPEC §3). Opening it takes the output root's lock
 * ({@link OutputLock}) and recovers what earlier runs left ({@link Recovery}). The run then writes
 * all it will publish — table and quarantine partitions, exports, its final manifest — into its own
 * staging folder {@code _staging/<run_id>/} (not data: its name starts with "_"), and only then
 * commits: a commit record lists every move ({@link CommitRecord}), the moves are made (two renames
 * each: the old folder aside, the new one in), the record is marked done and the staging folder
 * deleted. Readers see the previous publication or the new one, except during those renames
 * (milliseconds) or, after a crash among them, until the next run's recovery completes them.
 */
public final class Publication implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Publication.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Where runs stage what they publish, one folder per run. */
  public static final String STAGING = "_staging";
  /** The partition column of every published table. */
  public static final String PERIOD_COLUMN = "period";
  /** The column naming the run that published a row (SPEC §3), on every table and quarantine row. */
  public static final String RUN_ID_COLUMN = "run_id";
  /** The marker in every published partition; it names the run that published it. */
  public static final String SUCCESS_MARKER = "_SUCCESS";
  private static final String DISPLACED = "_displaced";
  /** Where a table's replaced partitions are kept: {@code <table>/_history/period=P/<run_id>/}. */
  public static final String HISTORY = "_history";
  /** How many replaced publications of a period are kept, unless the run says otherwise. */
  public static final int DEFAULT_HISTORY_KEEP = 10;

  /** What a partition's {@code _SUCCESS} marker says. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Marker(@JsonProperty("run_id") String runId, @JsonProperty("rows") long rows) {}

  private final FileSystem fs;
  private final Path root;
  private final String runId;
  private final OutputLock lock;
  private final Path staging;
  private final List<String> targets = new ArrayList<>();
  private final int historyKeep;
  private boolean committing;

  private Publication(FileSystem fs, Path root, String runId, OutputLock lock, int historyKeep) {
    this.fs = fs;
    this.root = root;
    this.runId = runId;
    this.lock = lock;
    this.historyKeep = historyKeep;
    this.staging = new Path(root, STAGING + "/" + runId);
  }

  /**
   * Takes the lock of the output root, recovers it and creates this run's staging folder. Throws
   * {@link com.governancemetrics.failures.OutputLocked} when a live run holds the root and {@link
   * com.governancemetrics.failures.OutputUnwritable} when it cannot be written.
   */
  public static Publication begin(Configuration conf, String outputRoot, String runId, String job,
      Duration lockStaleAfter) {
    return begin(conf, outputRoot, runId, job, lockStaleAfter, DEFAULT_HISTORY_KEEP);
  }

  /**
   * {@link #begin} keeping the last {@code historyKeep} replaced publications of each table
   * partition under {@code <table>/_history/} (0 keeps none).
   */
  public static Publication begin(Configuration conf, String outputRoot, String runId, String job,
      Duration lockStaleAfter, int historyKeep) {
    if (historyKeep < 0) {
      throw new IllegalArgumentException("historyKeep must be at least 0, got " + historyKeep);
    }
    FileSystem fs = fileSystem(conf, outputRoot);
    Path root = fs.makeQualified(new Path(outputRoot));
    OutputLock lock = OutputLock.acquire(fs, root, runId, job, lockStaleAfter);
    try {
      Recovery.run(fs, root, runId);
      PublishingSteps.after("recovered");
      Publication publication = new Publication(fs, root, runId, lock, historyKeep);
      if (!fs.mkdirs(publication.staging)) {
        throw new IOException("cannot create " + publication.staging);
      }
      return publication;
    } catch (IOException e) {
      lock.close();
      throw writeFailure(new Path(root, STAGING), e);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /** The output root's file system; on a local disk without checksum side files. */
  static FileSystem fileSystem(Configuration conf, String outputRoot) {
    try {
      FileSystem fs = new Path(outputRoot).getFileSystem(conf);
      return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
    } catch (IOException e) {
      throw new com.governancemetrics.failures.OutputUnwritable("cannot reach the output root "
          + outputRoot + ": " + e.getMessage(), "Check --output and that its file system is reachable.", e);
    }
  }

  public String runId() {
    return runId;
  }

  public Path root() {
    return root;
  }

  public FileSystem fileSystem() {
    return fs;
  }

  /**
   * The run's staging folder, laid out as the output root is: what the run has staged can be read
   * there before it is published (the exports read the staged tables).
   */
  public Path stagingRoot() {
    return staging;
  }

  /** The staging path of {@code target} (a path relative to the output root). */
  public Path staged(String target) {
    return new Path(staging, target);
  }

  /** Publishes {@code target} from {@link #staged} at the commit; the step is marked staged. */
  public void include(String target) {
    if (targets.contains(target)) {
      throw new IllegalStateException(target + " is staged twice by run " + runId);
    }
    targets.add(target);
    PublishingSteps.after("stage:" + target.replace(runId, PublishingSteps.RUN_ID));
  }

  /**
   * Writes {@code rows} (which carry a {@code period} column) into the staging folder of {@code
   * table} (e.g. county_metrics, quarantine/grid_coverage) with the {@code run_id} column added, one
   * partition per period of {@code periods} — also those without rows — each with its marker, and
   * includes them. Returns the rows written per period, from the files' footers.
   */
  public Map<Period, Long> stagePartitions(Dataset<Row> rows, String table, List<Period> periods) {
    Map<Period, Long> written = writePartitions(rows, table, periods);
    includePartitions(table, periods, written);
    return written;
  }

  /**
   * {@link #stagePartitions} of several tables at once: their writes run side by side (Spark runs
   * the jobs of several threads together, so small tables do not wait for each other's start-up and
   * commit), then they are included in the order given, so the publishing steps keep their order.
   * The first write that failed is thrown, once every write has ended.
   *
   * @param tables table → its rows, in the order to include them
   */
  public Map<String, Map<Period, Long>> stagePartitionsTogether(Map<String, Dataset<Row>> tables,
      List<Period> periods) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, tables.size()));
    Map<String, Future<Map<Period, Long>>> writes = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, Dataset<Row>> t : tables.entrySet()) {
        writes.put(t.getKey(), pool.submit(() -> {
          // job descriptions are per thread: each write names its own jobs
          t.getValue().sparkSession().sparkContext().setJobDescription(
              "stage " + t.getKey() + " for " + periods);
          return writePartitions(t.getValue(), t.getKey(), periods);
        }));
      }
      Map<String, Map<Period, Long>> written = new LinkedHashMap<>();
      RuntimeException failed = null;
      for (Map.Entry<String, Future<Map<Period, Long>>> w : writes.entrySet()) {
        try {
          written.put(w.getKey(), w.getValue().get());
        } catch (ExecutionException e) {
          RuntimeException cause = e.getCause() instanceof RuntimeException r ? r
              : writeFailure(staged(w.getKey()), e.getCause());
          failed = failed == null ? cause : failed;
        }
      }
      if (failed != null) {
        throw failed;
      }
      written.forEach((table, counts) -> includePartitions(table, periods, counts));
      return written;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while staging " + tables.keySet(), e);
    } finally {
      pool.shutdownNow();
    }
  }

  private Map<Period, Long> writePartitions(Dataset<Row> rows, String table, List<Period> periods) {
    Path folder = staged(table);
    Dataset<Row> withRun = rows.withColumn(RUN_ID_COLUMN, functions.lit(runId));
    try {
      if (periods.size() == 1) {
        // One period (every nightly): written straight into its partition folder, the files laid
        // out as partitionBy lays them out (no period column inside). partitionBy would first sort
        // every row by the period, all of which have the same one (bench/RESULTS.md). Rows of another
        // period are left out, as partitionBy would have left them in a folder nobody publishes.
        Period only = periods.get(0);
        withRun.filter(functions.col(PERIOD_COLUMN).equalTo(only.toString()))
            .drop(PERIOD_COLUMN)
            .write().mode(SaveMode.Overwrite)
            .parquet(staged(table + "/" + partitionName(only)).toString());
      } else {
        withRun.write().mode(SaveMode.Overwrite).partitionBy(PERIOD_COLUMN)
            .parquet(folder.toString());
      }
    } catch (Exception e) { // Spark throws checked exceptions from Scala code
      throw Failure.in(e).map(f -> (RuntimeException) f).orElseGet(() -> writeFailure(folder, e));
    }
    Map<Period, Long> written = new LinkedHashMap<>();
    try {
      for (Period period : periods) {
        String target = table + "/" + partitionName(period);
        Path partition = staged(target);
        fs.mkdirs(partition);
        long count = parquetRows(partition);
        // A one-period write leaves the committer's empty _SUCCESS in the partition folder, and on
        // a local disk its checksum file beside it; the marker is written through the raw file
        // system, so that checksum would no longer match and checksummed readers would fail.
        fs.delete(new Path(partition, "." + SUCCESS_MARKER + ".crc"), false);
        try (OutputStream out = fs.create(new Path(partition, SUCCESS_MARKER), true)) {
          out.write(JSON.writeValueAsBytes(new Marker(runId, count)));
        }
        written.put(period, count);
      }
    } catch (IOException e) {
      throw writeFailure(folder, e);
    }
    return written;
  }

  private void includePartitions(String table, List<Period> periods, Map<Period, Long> written) {
    for (Period period : periods) {
      include(table + "/" + partitionName(period));
    }
    LOG.info("Staged {} {}", table, written);
  }

  /** Writes a file to publish (a manifest, a report) into the staging folder and includes it. */
  public void stageFile(String target, byte[] bytes) {
    Path path = staged(target);
    try (OutputStream out = fs.create(path, true)) {
      out.write(bytes);
    } catch (IOException e) {
      throw writeFailure(path, e);
    }
    include(target);
  }

  /** Writes the manifest in place now (the running, failed states); the final one is committed. */
  public void writeManifest(RunManifest manifest) {
    Runs.writeManifest(fs, root, manifest);
  }

  /**
   * Publishes everything included, with {@code manifest} as the run's final manifest: the commit
   * record, the moves, the done mark, then the staging folder is deleted. A failure after the commit
   * record is written leaves the record for the next run to complete.
   */
  public void commit(RunManifest manifest) {
    CommitRecord record = writeCommitRecord(manifest);
    try {
      record.apply(fs, root, true);
      record.markDone(fs, root);
    } catch (IOException e) {
      throw new WriteFailure("the publication of run " + runId + " stopped during its final moves: "
          + e.getMessage(), "Run again: the next run completes these moves before anything else "
              + "(the commit record is " + CommitRecord.path(root, runId) + ").", e);
    }
    PublishingSteps.after("done");
    removeStaging();
    PublishingSteps.after("cleaned");
    pruneHistory();
    LOG.info("Published run {}: {} moves", runId, record.moves().size());
  }

  /** Stages the final manifest and writes the commit record: from here on the run is published. */
  CommitRecord writeCommitRecord(RunManifest manifest) {
    lock.assertHeld();
    List<CommitRecord.Move> moves = new ArrayList<>();
    Map<String, String> superseded = new LinkedHashMap<>();
    for (String target : targets) {
      Optional<String> replaced = isTablePartition(target) ? replacedRun(target) : Optional.empty();
      replaced.ifPresent(run -> superseded.put(target, run));
      String displaced = historyKeep > 0 && replaced.isPresent()
          ? historyFolder(target) + "/" + replaced.get()
          : relative(new Path(staging, DISPLACED + "/" + target));
      moves.add(new CommitRecord.Move(relative(staged(target)), target, displaced));
    }
    manifest.superseded(superseded);
    String manifestTarget = Runs.manifestTarget(runId);
    stageFile(manifestTarget, manifest.toBytes());
    moves.add(new CommitRecord.Move(relative(staged(manifestTarget)), manifestTarget,
        relative(new Path(staging, DISPLACED + "/" + manifestTarget))));
    CommitRecord record = new CommitRecord(runId, moves);
    try {
      record.write(fs, root);
    } catch (IOException e) {
      throw writeFailure(CommitRecord.path(root, runId), e);
    }
    committing = true;
    PublishingSteps.after("commit-record");
    return record;
  }

  /** Deletes what was staged, unless the commit began (then the next run completes it). */
  public void abandon() {
    if (!committing) {
      removeStaging();
    }
  }

  /** Deletes this run's staging folder, and the staging root once no run stages anything. */
  private void removeStaging() {
    try {
      fs.delete(staging, true);
      Path all = staging.getParent();
      if (fs.exists(all) && fs.listStatus(all).length == 0) {
        fs.delete(all, false);
      }
    } catch (IOException e) {
      LOG.warn("could not delete {}: {} (the next run removes it)", staging, e.toString());
    }
  }

  /** Releases the lock. */
  @Override
  public void close() {
    lock.close();
  }

  /** Whether a target is a table's (or quarantine's) period partition, kept in the history. */
  static boolean isTablePartition(String target) {
    int slash = target.lastIndexOf('/');
    return slash > 0 && target.substring(slash + 1).startsWith(PERIOD_COLUMN + "=")
        && !target.startsWith("exports/") && !target.startsWith("_");
  }

  /** {@code <table>/_history/period=P} of a table partition {@code <table>/period=P}. */
  public static String historyFolder(String target) {
    int slash = target.lastIndexOf('/');
    return target.substring(0, slash) + "/" + HISTORY + target.substring(slash);
  }

  /**
   * The run whose publication {@code target} holds now, if anything is there: its marker's run
   * id, or for a folder without one (an earlier version's) a name that sorts just before this run.
   */
  private Optional<String> replacedRun(String target) {
    Path path = new Path(root, target);
    try {
      if (!fs.exists(path)) {
        return Optional.empty();
      }
    } catch (IOException e) {
      throw writeFailure(path, e);
    }
    return Optional.of(marker(fs, path).map(Marker::runId).orElse(runId + "~previous"));
  }

  /** Keeps the newest {@code historyKeep} replaced publications of every partition this run replaced. */
  private void pruneHistory() {
    for (String target : targets) {
      if (!isTablePartition(target)) {
        continue;
      }
      Path folder = new Path(root, historyFolder(target));
      try {
        if (!fs.exists(folder)) {
          continue;
        }
        List<FileStatus> kept = new ArrayList<>(List.of(fs.listStatus(folder)));
        kept.sort((a, b) -> b.getPath().getName().compareTo(a.getPath().getName()));
        for (FileStatus old : kept.subList(Math.min(historyKeep, kept.size()), kept.size())) {
          fs.delete(old.getPath(), true);
        }
      } catch (IOException e) {
        LOG.warn("could not prune {}: {} (the next run prunes it)", folder, e.toString());
      }
    }
  }

  public static String partitionName(Period period) {
    return PERIOD_COLUMN + "=" + period;
  }

  /** The marker of a published partition folder, if it has one that names its run. */
  public static Optional<Marker> marker(FileSystem fs, Path partition) {
    Path path = new Path(partition, SUCCESS_MARKER);
    try (InputStream in = fs.open(path)) {
      byte[] bytes = in.readAllBytes();
      return bytes.length == 0 ? Optional.empty() : Optional.of(JSON.readValue(bytes, Marker.class));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private String relative(Path path) {
    String rootText = root.toUri().getPath();
    String text = path.toUri().getPath();
    if (!text.startsWith(rootText)) {
      throw new IllegalArgumentException(path + " is not under " + root);
    }
    return text.substring(rootText.length()).replaceFirst("^/", "");
  }

  /** Sum of the record counts in the footers of the partition's Parquet files (no Spark job). */
  private long parquetRows(Path partition) throws IOException {
    long total = 0;
    for (FileStatus f : fs.listStatus(partition)) {
      String name = f.getPath().getName();
      if (f.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
        try (ParquetFileReader reader =
            ParquetFileReader.open(HadoopInputFile.fromStatus(f, fs.getConf()))) {
          total += reader.getRecordCount();
        }
      }
    }
    return total;
  }

  /**
   * Why writing {@code path} failed: the heap, when a task computing what it writes ran out of it
   * (not a disk to free), else the file system.
   */
  static Failure writeFailure(Path path, Throwable e) {
    return OutOfMemory.in(e, "computing " + path).orElseGet(() -> new WriteFailure(
        "cannot write " + path + ": " + Failure.rootCause(e),
        "Free space or fix the permissions of the output root, then run again; the previous "
            + "publication is untouched.", e));
  }
}
