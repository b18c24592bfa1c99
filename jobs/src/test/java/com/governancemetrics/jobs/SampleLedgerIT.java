package com.governancemetrics.jobs;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.governancemetrics.config.GovernanceConfig;
import com.governancemetrics.input.InputDataset;
import com.governancemetrics.input.ReadScope;
import com.governancemetrics.metrics.MetricWindow;
import com.governancemetrics.periods.Period;
import com.governancemetrics.testing.SampleNightly;
import com.governancemetrics.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The shared nightly 2024-06 on the committed sample ({@link SampleNightly}): the counts reconcile,
 * and the run quarantines exactly the rows the generator's ledger planted in what the period reads,
 * each with its planted reason, drops exactly the planted identical duplicates, and quarantines
 * nothing else.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SampleLedgerIT {

  private static final Period PERIOD = Period.parse(SampleNightly.PERIOD);

  private final SparkSession spark = SharedSpark.get();
  private final Path sample = SharedSpark.projectRoot().resolve("data/sample");
  private Path out;
  private JsonNode manifest;
  private String printed;
  private List<String[]> ledger;

  @BeforeAll
  void readTheSharedNightly() throws Exception {
    SampleNightly.Run run = SampleNightly.get();
    assertThat(run.exitCode()).as(run.all()).isZero();
    out = run.out();
    printed = run.stdout();
    try (java.util.stream.Stream<Path> runs = Files.list(out.resolve("_runs"))) {
      List<Path> dirs = runs.toList();
      assertThat(dirs).hasSize(1);
      manifest = new ObjectMapper().readTree(dirs.get(0).resolve("manifest.json").toFile());
    }
    ledger = Files.readAllLines(sample.resolve("_ledger/planted.csv")).stream().skip(1)
        .map(l -> l.split(",", -1)).toList();
  }

  /** Whether the run for PERIOD reads a ledger row's partition (SPEC §2 windows, prev and yoy). */
  private boolean inScope(String dataset, String partition, Set<String> incomeYears) {
    switch (InputDataset.byFolder(dataset)) {
      case GRID_COVERAGE, SERVICE_APPEALS -> {
        // what the shipped catalogue's windows read (SPEC §1); a malformed period folder is always read
        return Period.tryParse(partition).map(p -> new ReadScope(List.of(PERIOD),
                GovernanceConfig.defaults().catalogue().datasetsWith(MetricWindow.YTD))
            .monthlyPeriods(InputDataset.byFolder(dataset)).contains(p)).orElse(true);
      }
      case COLLECTIVE_INCOME -> {
        return !partition.matches("[1-9][0-9]{3}") || incomeYears.contains(partition);
      }
      default -> {
        return true;
      }
    }
  }

  @Test
  void countsReconcileForEveryDataset() {
    assertThat(manifest.path("status").asText()).isEqualTo("succeeded");
    for (InputDataset d : InputDataset.facts()) {
      JsonNode n = manifest.path("datasets").path(d.folder());
      long read = n.path("rows_read").asLong();
      assertThat(read).as(d.folder()).isPositive();
      // DatasetCounts keeps this invariant; here it checks that the manifest carries each count in
      // its own field (the run hands them over one by one).
      assertThat(n.path("rows_accepted").asLong() + n.path("rows_quarantined").asLong()
          + n.path("duplicates_dropped").asLong()).as(d.folder()).isEqualTo(read);
      // the quarantine table holds exactly the quarantined rows
      long table = spark.read().parquet(out.resolve("quarantine/" + d.folder()).toString())
          .where(col("period").equalTo(PERIOD.toString())).count();
      assertThat(table).as(d.folder()).isEqualTo(n.path("rows_quarantined").asLong());
    }
    assertThat(printed).contains("rows read").contains("grid_coverage").contains("missing_key");
  }

  @Test
  void theRunReadsExactlyThePartitionsItsMetricsNeedAndSaysSo() {
    // grid_coverage's metrics are all stock: P, P-1 and P-12 only; service_appeals has ytd ones
    assertThat(validFolders("grid_coverage")).containsExactly("period=2023-06", "period=2024-05",
        "period=2024-06");
    assertThat(validFolders("service_appeals")).hasSize(12)
        .contains("period=2023-01", "period=2023-06", "period=2024-01", "period=2024-06")
        .doesNotContain("period=2023-07", "period=2024-07");
    assertThat(validFolders("collective_income")).containsExactly("year=2023", "year=2024");
    assertThat(manifest.path("datasets").path("rectification_cases").path("partitions_read"))
        .isEmpty();
    // folders whose name is no valid period are read too, so their rows are reported
    assertThat(manifest.path("datasets").path("grid_coverage").path("partitions_read").toString())
        .contains("period=202311");
    assertThat(printed).contains("read: period=2023-06", "read: every file");
  }

  /** The partitions read of a dataset whose folder names are valid periods or years. */
  private List<String> validFolders(String dataset) {
    List<String> valid = new java.util.ArrayList<>();
    for (JsonNode p : manifest.path("datasets").path(dataset).path("partitions_read")) {
      if (p.asText().matches("(period=[0-9]{4}-[0-9]{2}|year=[0-9]{4})")) {
        valid.add(p.asText());
      }
    }
    return valid;
  }

  @Test
  void exactlyThePlantedFaultsAreFoundWithTheirReasons() {
    Set<String> incomeYears = new HashSet<>();
    manifest.path("datasets").path("collective_income").path("year_used")
        .forEach(y -> incomeYears.add(y.asText()));
    assertThat(incomeYears).containsExactlyInAnyOrder("2023", "2024");
    Set<String> everyReason = new HashSet<>();
    for (InputDataset d : InputDataset.facts()) {
      List<String[]> planted = ledger.stream()
          .filter(l -> l[0].equals(d.folder()) && inScope(l[0], l[4], incomeYears)).toList();
      Map<String, String> expected = planted.stream()
          .filter(l -> !l[2].equals("duplicates_dropped"))
          .collect(Collectors.toMap(l -> l[1], l -> l[2], (a, b) -> a, TreeMap::new));
      Map<String, String> found = new TreeMap<>();
      for (Row r : spark.read().parquet(out.resolve("quarantine/" + d.folder()).toString())
          .where(col("period").equalTo(PERIOD.toString()))
          .select(col("extra_columns").getItem("record_id"), col("reject_reason")).collectAsList()) {
        assertThat(found.put(r.getString(0), r.getString(1))).as("record_id repeats: " + r).isNull();
      }
      assertThat(found).as(d.folder()).isEqualTo(expected);
      long droppedPlanted = planted.stream().filter(l -> l[2].equals("duplicates_dropped")).count();
      assertThat(manifest.path("datasets").path(d.folder()).path("duplicates_dropped").asLong())
          .as(d.folder() + " duplicates dropped").isEqualTo(droppedPlanted);
      everyReason.addAll(expected.values());
    }
    // the sample exercises every row-level reason of SPEC §1
    assertThat(everyReason).containsExactlyInAnyOrder("missing_key", "malformed_code", "bad_period",
        "partition_mismatch", "type_mismatch", "missing_value", "unknown_township",
        "village_outside_township", "negative_value", "part_exceeds_whole", "date_order",
        "unknown_case_type", "conflicting_duplicate");
  }
}
