package com.governancemetrics.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.governancemetrics.rollup.Level;
import com.governancemetrics.testing.Cli;
import com.governancemetrics.testing.SharedSpark;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dry run, diff and history as a provincial team uses them (issue 14), through bin/governance-metrics
 * on a generated one-county-per-file input (上海, 31): publish June (run A); county 310101 redelivers its
 * corrected June grid file; {@code --dry-run --fail-on-change} reports the changes, exits 6 and leaves
 * every published file byte for byte as it was; the real nightly publishes them (run B, A kept in the
 * history); the dry run's changes equal an independent comparison of A's and B's tables, and so do
 * {@code diff}'s; {@code history} lists both publications.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DryRunIT {

  private static final String PERIOD = "2024-06";
  /** The county that redelivers (黄浦区); its townships' codes start with it. */
  private static final String COUNTY = "310101";
  private static final String PARTITION = "period=" + PERIOD;

  @TempDir
  static Path work;
  private Path input;
  private Path out;
  private String runA;
  private String runB;
  private Cli.Result dryRun;
  private Map<String, String> publishedBeforeDryRun;
  private Map<String, String> publishedAfterDryRun;
  private Cli.Result againstA;
  private Map<String, String> publishedAfterAgainst;
  private Cli.Result diff;
  private Cli.Result diffUnchanged;
  private Cli.Result history;

  @BeforeAll
  void publishRedeliverDryRunPublish() throws Exception {
    input = work.resolve("input");
    Cli.Result generated = Cli.run(work, "generate", "--output", input.toString(), "--provinces", "31",
        "--start", "2023-07", "--split", "COUNTY", "--bad-row-rate", "0", "--duplicate-rate", "0");
    assertThat(generated.exitCode()).as(generated.stderr()).isZero();
    out = work.resolve("out");
    Cli.Result first = Cli.run(work, "nightly", "--period", PERIOD, "--input", input.toString(),
        "--output", out.toString());
    assertThat(first.exitCode()).as(first.all()).isZero();
    runA = publishedRun();

    // The county's corrected file: the same townships, other values (another seed).
    Path redelivery = work.resolve("redelivery");
    Cli.Result regenerated = Cli.run(work, "generate", "--output", redelivery.toString(), "--provinces", "31",
        "--start", PERIOD, "--scale-factor", "1", "--seed", "7", "--split", "COUNTY",
        "--bad-row-rate", "0", "--duplicate-rate", "0");
    assertThat(regenerated.exitCode()).as(regenerated.stderr()).isZero();
    Path file = Path.of("grid_coverage", PARTITION, COUNTY + ".parquet");
    assertThat(input.resolve(file)).exists();
    Files.copy(redelivery.resolve(file), input.resolve(file), StandardCopyOption.REPLACE_EXISTING);

    publishedBeforeDryRun = publishedFiles();
    dryRun = Cli.run(work, "nightly", "--period", PERIOD, "--input", input.toString(), "--output",
        out.toString(), "--dry-run", "--fail-on-change");
    publishedAfterDryRun = publishedFiles();

    Cli.Result second = Cli.run(work, "nightly", "--period", PERIOD, "--input", input.toString(),
        "--output", out.toString());
    assertThat(second.exitCode()).as(second.all()).isZero();
    runB = publishedRun();

    Map<String, String> published = publishedFiles();
    againstA = Cli.run(work, "nightly", "--period", PERIOD, "--input", input.toString(), "--output",
        out.toString(), "--dry-run", "--against", runA);
    publishedAfterAgainst = publishedFiles();
    assertThat(publishedAfterAgainst).as("the second dry run changed nothing published")
        .isEqualTo(published);

    diff = Cli.run(work, "diff", "--period", PERIOD, "--from", runA, "--to", runB, "--fail-on-change",
        "--output", out.toString());
    diffUnchanged = Cli.run(work, "diff", "--period", PERIOD, "--from", runB, "--fail-on-change",
        "--output", out.toString());
    history = Cli.run(work, "history", "--period", PERIOD, "--output", out.toString());
  }

  @Test
  void aDryRunWithChangesExits6AndPublishesNothing() {
    assertThat(dryRun.exitCode()).as(dryRun.all()).isEqualTo(ExitCode.CHANGED.code());
    assertThat(dryRun.stdout()).contains("Compared " + PERIOD).contains("(dry run)");
    assertThat(publishedBeforeDryRun).isNotEmpty();
    assertThat(publishedAfterDryRun).as("every published file, byte for byte")
        .isEqualTo(publishedBeforeDryRun);
    assertThat(out.resolve("_staging")).as("nothing staged is left").doesNotExist();
    assertThat(out.resolve("_lock")).doesNotExist();
  }

  @Test
  void theDryRunsManifestSaysNothingWasPublished() throws IOException {
    JsonNode manifest = manifestOf(comparisonId(dryRun));
    assertThat(manifest.path("status").asText()).isEqualTo("dry_run");
    assertThat(manifest.path("message").asText()).contains("nothing published");
    assertThat(out.resolve("_runs").resolve(comparisonId(dryRun)).resolve("commit.json"))
        .doesNotExist();
  }

  @Test
  void theDryRunsChangesEqualAnIndependentComparisonOfThePublishedTables() throws IOException {
    Map<String, List<Object>> expected = independentChanges(historyFolder(runA), current());
    assertThat(expected).as("the redelivery changes something").isNotEmpty();
    assertThat(changes(comparisonId(dryRun))).isEqualTo(expected);
  }

  @Test
  void theChangedValuesAreTheRedeliveringCountysAndItsAncestors() throws IOException {
    Map<String, List<Object>> expected = independentChanges(historyFolder(runA), current());
    Set<String> valueChanges = new HashSet<>();
    expected.forEach((key, change) -> {
      if (!Objects.equals(change.get(0), change.get(1))) {
        valueChanges.add(key);
      }
    });
    assertThat(valueChanges).isNotEmpty();
    for (String key : valueChanges) {
      String[] parts = key.split("\\|");
      String table = parts[0];
      String unit = parts[1];
      if (table.equals(Level.TOWNSHIP.table()) || table.equals(Level.COUNTY.table())) {
        assertThat(unit).as(key).startsWith(COUNTY);
      } else if (table.equals(Level.CITY.table())) {
        assertThat(COUNTY).as(key).startsWith(unit.substring(0, 4));
      } else {
        assertThat(COUNTY).as(key).startsWith(unit.substring(0, 2));
      }
    }
    assertThat(valueChanges).anyMatch(k -> k.startsWith(Level.COUNTY.table() + "|" + COUNTY + "|"));
  }

  @Test
  void aDryRunAgainstAnEarlierRunComparesWithThatRunAndExits0() throws IOException {
    assertThat(againstA.exitCode()).as(againstA.all()).isZero();
    assertThat(againstA.stdout()).contains(runA + " → ");
    assertThat(changes(comparisonId(againstA)))
        .isEqualTo(independentChanges(historyFolder(runA), current()));
  }

  @Test
  void diffComparesTwoPublicationsAndFailsOnChangeOnlyWhenSomethingChanged() throws IOException {
    assertThat(diff.exitCode()).as(diff.all()).isEqualTo(ExitCode.CHANGED.code());
    assertThat(diff.stdout()).contains(runA + " → " + runB);
    assertThat(changes(comparisonId(diff))).isEqualTo(independentChanges(historyFolder(runA), current()));
    assertThat(diffUnchanged.exitCode()).as(diffUnchanged.all()).isZero();
    assertThat(diffUnchanged.stdout()).contains(": 0 change(s)");
  }

  @Test
  void historyListsBothPublicationsNewestFirst() {
    assertThat(history.exitCode()).as(history.all()).isZero();
    String text = history.stdout();
    assertThat(text).contains("Asia/Shanghai");
    assertThat(text.indexOf(runB)).as(text).isNotNegative().isLessThan(text.indexOf(runA));
    assertThat(text).contains("replaced " + runA).contains("kept in county_metrics/_history");
    for (Level level : Level.values()) {
      assertThat(historyFolder(runA).get(level)).as(level.table()).isDirectory();
    }
  }

  /** The four tables' current partitions. */
  private Map<Level, Path> current() {
    Map<Level, Path> folders = new HashMap<>();
    for (Level level : Level.values()) {
      folders.put(level, out.resolve(level.table()).resolve(PARTITION));
    }
    return folders;
  }

  /** Where a replaced publication of the period is kept: {@code <table>/_history/period=P/<run>}. */
  private Map<Level, Path> historyFolder(String runId) {
    Map<Level, Path> folders = new HashMap<>();
    for (Level level : Level.values()) {
      folders.put(level, out.resolve(level.table()).resolve("_history").resolve(PARTITION)
          .resolve(runId));
    }
    return folders;
  }

  /**
   * The changes computed here, from the two publications' rows: "table|unit|metric" → [old value,
   * new value, old rank, new rank, old meets_target, new meets_target] for each unit and metric whose
   * value, rank or target status differs.
   */
  private static Map<String, List<Object>> independentChanges(Map<Level, Path> from,
      Map<Level, Path> to) {
    Map<String, List<Object>> changes = new TreeMap<>();
    for (Level level : Level.values()) {
      Map<String, Object[]> old = rows(level, from.get(level));
      Map<String, Object[]> now = rows(level, to.get(level));
      Set<String> keys = new HashSet<>(old.keySet());
      keys.addAll(now.keySet());
      for (String key : keys) {
        Object[] o = old.getOrDefault(key, new Object[3]);
        Object[] n = now.getOrDefault(key, new Object[3]);
        boolean differs = !old.containsKey(key) || !now.containsKey(key)
            || !Objects.equals(o[0], n[0]) || !Objects.equals(o[1], n[1])
            || !Objects.equals(o[2], n[2]);
        if (differs) {
          changes.put(level.table() + "|" + key, List.of(box(o[0]), box(n[0]), box(o[1]),
              box(n[1]), box(o[2]), box(n[2])));
        }
      }
    }
    return changes;
  }

  /** A table's rows: "unit|metric" → [value, rank, meets_target]. */
  private static Map<String, Object[]> rows(Level level, Path folder) {
    Map<String, Object[]> rows = new HashMap<>();
    for (Row r : SharedSpark.get().read().parquet(folder.toString()).collectAsList()) {
      rows.put(r.getAs(level.codeColumn()) + "|" + r.getAs("metric_id"), new Object[] {
          r.getAs("value"), r.getAs(level.rankColumn()), r.getAs("meets_target")});
    }
    return rows;
  }

  /** The changes a comparison wrote to {@code _diffs/<id>/changes/}, keyed and valued as above. */
  private Map<String, List<Object>> changes(String id) {
    Path folder = out.resolve("_diffs").resolve(id).resolve("changes");
    assertThat(folder).isDirectory();
    Map<String, List<Object>> changes = new TreeMap<>();
    for (Row r : SharedSpark.get().read().parquet(folder.toString()).collectAsList()) {
      assertThat(r.<String>getAs("period")).isEqualTo(PERIOD);
      String key = r.getAs("table") + "|" + r.getAs("unit_code") + "|" + r.getAs("metric_id");
      List<Object> change = List.of(box(r.getAs("old_value")), box(r.getAs("new_value")),
          box(r.getAs("old_rank")), box(r.getAs("new_rank")), box(r.getAs("old_meets_target")),
          box(r.getAs("new_meets_target")));
      assertThat(changes.put(key, change)).as(key + " twice").isNull();
      boolean valueChanged = !Objects.equals(change.get(0), change.get(1));
      assertThat(r.<Boolean>getAs("value_changed")).as(key).isEqualTo(valueChanged);
      assertThat(r.<Boolean>getAs("rank_changed")).as(key)
          .isEqualTo(!Objects.equals(change.get(2), change.get(3)));
      assertThat(r.<Boolean>getAs("target_status_changed")).as(key)
          .isEqualTo(!Objects.equals(change.get(4), change.get(5)));
    }
    return changes;
  }

  /** List.of refuses nulls: a missing value is this marker. */
  private static Object box(Object value) {
    return value == null ? "null" : value;
  }

  /** The published run of the period, from the county table's marker. */
  private String publishedRun() throws IOException {
    JsonNode marker = new ObjectMapper().readTree(out.resolve(Level.COUNTY.table())
        .resolve(PARTITION).resolve("_SUCCESS").toFile());
    return marker.path("run_id").asText();
  }

  private JsonNode manifestOf(String runId) throws IOException {
    return new ObjectMapper().readTree(out.resolve("_runs").resolve(runId)
        .resolve("manifest.json").toFile());
  }

  /** The id of the comparison a run printed: "The comparison: …/_diffs/<id> (changes/, …)". */
  private static String comparisonId(Cli.Result run) {
    String stdout = run.stdout();
    int at = stdout.indexOf("/_diffs/");
    assertThat(at).as(stdout).isNotNegative();
    int end = stdout.indexOf(' ', at);
    return stdout.substring(at + "/_diffs/".length(), end);
  }

  /**
   * Every file under the output root readers or later runs see (tables, quarantine, exports, their
   * history) with its sha256; the run records and comparisons a dry run adds are not among them.
   */
  private Map<String, String> publishedFiles() throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(out)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        String relative = out.relativize(p).toString();
        if (relative.startsWith("_runs/") || relative.startsWith("_diffs/")) {
          continue;
        }
        files.put(relative, sha256(p));
      }
    }
    return files;
  }

  private static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

}
