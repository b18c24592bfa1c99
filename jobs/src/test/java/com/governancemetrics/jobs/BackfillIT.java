package com.governancemetrics.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.governancemetrics.output.Publication;
import com.governancemetrics.periods.Period;
import com.governancemetrics.rollup.Level;
import com.governancemetrics.testing.Cli;
import com.governancemetrics.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * backfill at the job level (SPEC §4: "the same for a range of periods, in one job"): bin/governance-metrics
 * runs backfill --from 2024-05 --to 2024-06 into one output root and nightly for each of the two periods
 * into another, on the same tiny generated input (上海, one province); the backfill is one run, and each
 * period's four tables are the nightly's row for row (the run_id column aside).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackfillIT {

  private static final Period FROM = Period.of(2024, 5);
  private static final Period TO = Period.of(2024, 6);

  @TempDir
  static Path work;
  private Path backfilled;
  private Path nightly;

  @BeforeAll
  void backfillAndNightlyTheSameInput() throws Exception {
    Path input = work.resolve("input");
    Cli.Result generated = Cli.run(work, "generate", "--output", input.toString(), "--provinces", "31",
        "--start", "2023-07", "--scale-factor", "1", "--bad-row-rate", "0", "--duplicate-rate", "0");
    assertThat(generated.exitCode()).as(generated.stderr()).isZero();

    backfilled = work.resolve("backfilled");
    Cli.Result backfill = Cli.run(work, "backfill", "--from", FROM.toString(), "--to", TO.toString(),
        "--no-exports", "--input", input.toString(), "--output", backfilled.toString());
    assertThat(backfill.exitCode()).as(backfill.stderr()).isZero();

    nightly = work.resolve("nightly");
    for (Period period : Period.rangeClosed(FROM, TO)) {
      Cli.Result run = Cli.run(work, "nightly", "--period", period.toString(), "--no-exports", "--input",
          input.toString(), "--output", nightly.toString());
      assertThat(run.exitCode()).as(period + ": " + run.stderr()).isZero();
    }
  }

  @Test
  void theBackfillIsOneRunThatPublishesBothPeriods() throws IOException {
    List<JsonNode> manifests = manifests(backfilled);
    assertThat(manifests).hasSize(1);
    JsonNode manifest = manifests.get(0);
    assertThat(manifest.path("job").asText()).isEqualTo("backfill");
    assertThat(manifest.path("status").asText()).isEqualTo("succeeded");
    assertThat(manifest.path("periods")).extracting(JsonNode::asText)
        .containsExactly(FROM.toString(), TO.toString());
    assertThat(manifests(nightly)).hasSize(2);
  }

  @Test
  void everyTableOfEveryPeriodEqualsTheNightlysRowForRow() {
    for (Period period : Period.rangeClosed(FROM, TO)) {
      for (Level level : Level.values()) {
        String table = level.table() + " " + period;
        Dataset<Row> fromBackfill = read(backfilled, level, period);
        Dataset<Row> fromNightly = read(nightly, level, period);
        assertThat(fromBackfill.schema()).as(table).isEqualTo(fromNightly.schema());
        Map<String, Row> backfillRows = byUnitAndMetric(fromBackfill, level, table);
        Map<String, Row> nightlyRows = byUnitAndMetric(fromNightly, level, table);
        assertThat(backfillRows).as(table).isNotEmpty();
        assertThat(backfillRows.keySet()).as(table + ": units and metrics")
            .isEqualTo(nightlyRows.keySet());
        List<String> differing = backfillRows.keySet().stream()
            .filter(key -> !backfillRows.get(key).equals(nightlyRows.get(key)))
            .limit(5)
            .map(key -> key + ": backfill " + backfillRows.get(key) + ", nightly " + nightlyRows.get(key))
            .toList();
        assertThat(differing).as(table + ": rows that differ (the first five)").isEmpty();
      }
    }
  }

  /** A published partition as readers see it, without the run_id that tells the two runs apart. */
  private static Dataset<Row> read(Path root, Level level, Period period) {
    Path partition = root.resolve(level.table()).resolve(Publication.partitionName(period));
    assertThat(partition.resolve("_SUCCESS")).as("published " + partition).exists();
    return SharedSpark.get().read().parquet(partition.toString()).drop(Publication.RUN_ID_COLUMN);
  }

  /** The rows by "unit code|metric id", which a table holds once each. */
  private static Map<String, Row> byUnitAndMetric(Dataset<Row> rows, Level level, String table) {
    Map<String, Row> byKey = new HashMap<>();
    for (Row row : rows.collectAsList()) {
      String key = row.getAs(level.codeColumn()) + "|" + row.getAs("metric_id");
      assertThat(byKey.put(key, row)).as(table + ": " + key + " twice").isNull();
    }
    return byKey;
  }

  private static List<JsonNode> manifests(Path root) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> manifests = new ArrayList<>();
    try (Stream<Path> runs = Files.list(root.resolve("_runs"))) {
      for (Path run : runs.toList()) {
        manifests.add(json.readTree(run.resolve("manifest.json").toFile()));
      }
    }
    return manifests;
  }

}
