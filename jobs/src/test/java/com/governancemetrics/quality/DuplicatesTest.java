package com.governancemetrics.quality;

import static com.governancemetrics.quality.IngestFixtures.CASES;
import static com.governancemetrics.quality.IngestFixtures.GRID;
import static com.governancemetrics.quality.IngestFixtures.T1;
import static com.governancemetrics.quality.IngestFixtures.T3;
import static com.governancemetrics.quality.IngestFixtures.accepted;
import static com.governancemetrics.quality.IngestFixtures.assertReconciles;
import static com.governancemetrics.quality.IngestFixtures.grid;
import static com.governancemetrics.quality.IngestFixtures.incase;
import static org.assertj.core.api.Assertions.assertThat;

import com.governancemetrics.input.InputDataset;
import com.governancemetrics.input.NormalizedColumns;
import java.nio.file.Path;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The duplicates policy of SPEC §1: A, A → one kept, one dropped; A, A, B → three conflicting. */
class DuplicatesTest {

  @TempDir
  Path root;

  private static final String GRID_AS_STRINGS = "township_code string, households_total string,"
      + " households_covered string, zone_leaders string, group_leaders string,"
      + " neighbour_leaders string, neighbour_leaders_party string, grids_total string,"
      + " grids_with_party_org string, note string";

  @Test
  void identicalCopiesAfterCastingAreKeptOnceFromTheSmallestFile() {
    IngestFixtures fx = new IngestFixtures(root);
    String first = fx.write("grid_coverage/period=2024-06", GRID, grid(T1), grid(T3));
    // The same row from an older export: digit strings and an extra column; identical after casting.
    fx.write("grid_coverage/period=2024-06", GRID_AS_STRINGS,
        new Object[] {T1, "1000", "900", "2", "10", "80", "30", "12", "11", "resent"});

    IngestedDataset d = fx.ingest(InputDataset.GRID_COVERAGE, "2024-06");

    assertThat(d.counts().duplicatesDropped()).isEqualTo(1);
    assertThat(d.counts().rowsQuarantined()).isZero();
    assertThat(accepted(d, "township_code")).containsExactly(T1, T3);
    assertThat(accepted(d, "source_file")).containsOnly(first);
    assertReconciles(d, 3);
  }

  @Test
  void differingCopiesAreAllQuarantinedAsConflicting() {
    IngestFixtures fx = new IngestFixtures(root);
    fx.write("grid_coverage/period=2024-06", GRID, grid(T1), grid(T1), grid(T3));
    fx.write("grid_coverage/period=2024-06", GRID, grid(T1, 2, 901L));

    IngestedDataset d = fx.ingest(InputDataset.GRID_COVERAGE, "2024-06");

    assertThat(d.counts().quarantinedByReason()).isEqualTo(Map.of("conflicting_duplicate", 3L));
    assertThat(d.counts().duplicatesDropped()).isZero();
    assertThat(accepted(d, "township_code")).containsExactly(T3);
    assertThat(d.quarantine().select("households_covered").collectAsList().stream()
        .map(r -> r.getString(0)).sorted().toList()).containsExactly("900", "900", "901");
    assertReconciles(d, 4);
  }

  @Test
  void conflictingCopiesAreQuarantinedWithTheirValuesAsTheyCame() {
    IngestFixtures fx = new IngestFixtures(root);
    fx.write("grid_coverage/period=2024-06", GRID, grid(T1), grid(T3));
    // Accepted by the row rules ("0901" casts to 901), then conflicting: the quarantine must show
    // "0901" and the extra column as delivered, not the typed value's string form.
    fx.write("grid_coverage/period=2024-06", GRID_AS_STRINGS,
        new Object[] {T1, "1000", "0901", "2", "10", "80", "30", "12", "11", "resent"});

    IngestedDataset d = fx.ingest(InputDataset.GRID_COVERAGE, "2024-06");

    assertThat(d.counts().quarantinedByReason()).isEqualTo(Map.of("conflicting_duplicate", 2L));
    assertThat(d.quarantine().select("households_covered", "households_total").collectAsList()
        .stream().map(r -> r.getString(0) + "/" + r.getString(1)).sorted().toList())
        .containsExactly("0901/1000", "900/1000");
    assertThat(d.quarantine().filter("households_covered = '0901'")
        .select("extra_columns.note").first().getString(0)).isEqualTo("resent");
    assertReconciles(d, 3);
  }

  @Test
  void onlyRowsThatPassedEveryOtherRuleAreCopies() {
    IngestFixtures fx = new IngestFixtures(root);
    fx.write("grid_coverage/period=2024-06", GRID, grid(T1), grid(T1, 3, -1));

    IngestedDataset d = fx.ingest(InputDataset.GRID_COVERAGE, "2024-06");

    assertThat(d.counts().quarantinedByReason()).isEqualTo(Map.of("negative_value", 1L));
    assertThat(d.counts().duplicatesDropped()).isZero();
    assertThat(accepted(d, "township_code")).containsExactly(T1);
    assertReconciles(d, 2);
  }

  @Test
  void nullsCompareEqualAndCaseKeysAreCaseIds() {
    IngestFixtures fx = new IngestFixtures(root);
    fx.write("rectification_cases", CASES,
        incase("C1", T1, null, "weak_party_org", "2024-01-10", "2024-03-31", null),
        incase("C1", T1, null, "weak_party_org", "2024-01-10", "2024-03-31", null),
        incase("C2", T1, null, "weak_party_org", "2024-01-10", "2024-03-31", null),
        incase("C2", T1, null, "weak_party_org", "2024-01-10", "2024-03-31", "2024-02-01"));

    IngestedDataset d = fx.ingest(InputDataset.RECTIFICATION_CASES, "2024-06");

    assertThat(accepted(d, "case_id")).containsExactly("C1");
    assertThat(d.counts().duplicatesDropped()).isEqualTo(1);
    assertThat(d.counts().quarantinedByReason()).isEqualTo(Map.of("conflicting_duplicate", 2L));
    assertReconciles(d, 4);
  }

  @Test
  void identicalCopiesInOneFileAreKeptExactlyOnce() {
    IngestFixtures fx = new IngestFixtures(root);
    String file = fx.write("grid_coverage/period=2024-06", GRID, grid(T1), grid(T3), grid(T1),
        grid(T1));

    IngestedDataset d = fx.ingest(InputDataset.GRID_COVERAGE, "2024-06");

    assertThat(d.counts().duplicatesDropped()).isEqualTo(2);
    assertThat(d.counts().rowsQuarantined()).isZero();
    assertThat(accepted(d, "township_code")).containsExactly(T1, T3);
    assertThat(accepted(d, "source_file")).containsOnly(file);
    assertReconciles(d, 4);
  }

  @Test
  void conflictingCopiesAcrossFilesBesideARowRejectedForAnotherReason() {
    IngestFixtures fx = new IngestFixtures(root);
    String first = fx.write("grid_coverage/period=2024-06", GRID, grid(T1), grid(T1, 3, -1),
        grid(T3));
    fx.write("grid_coverage/period=2024-06", GRID, grid(T1, 2, 901L), grid(T3));

    IngestedDataset d = fx.ingest(InputDataset.GRID_COVERAGE, "2024-06");

    // T1: the two copies that passed differ (900, 901), the negative one is not a copy; T3: the same
    // row in both files, kept from the first.
    assertThat(d.counts().quarantinedByReason())
        .isEqualTo(Map.of("conflicting_duplicate", 2L, "negative_value", 1L));
    assertThat(d.counts().duplicatesDropped()).isEqualTo(1);
    assertThat(accepted(d, "township_code")).containsExactly(T3);
    assertThat(accepted(d, "source_file")).containsOnly(first);
    assertThat(d.quarantine().select("households_covered", RowRules.REJECT_REASON).collectAsList()
        .stream().map(r -> r.getString(0) + "/" + r.getString(1)).sorted().toList())
        .containsExactly("900/conflicting_duplicate", "900/negative_value",
            "901/conflicting_duplicate");
    assertReconciles(d, 5);
  }

  @Test
  void resolveOnAFrame() {
    // A normalized cases frame built by hand: only the typed columns, the reason and the file count.
    StructType schema = NormalizedColumns.schema(InputDataset.RECTIFICATION_CASES)
        .add(RowRules.REJECT_REASON, DataTypes.StringType);
    List<Row> rows = new ArrayList<>();
    rows.add(cases("A", "2024-01-10", null, "b.parquet", 0));
    rows.add(cases("A", "2024-01-10", null, "a.parquet", 0));
    rows.add(cases("B", "2024-01-10", null, "a.parquet", 1));
    rows.add(cases("B", "2024-01-10", null, "a.parquet", 2));
    rows.add(cases("B", "2024-01-11", null, "a.parquet", 3));
    rows.add(cases("C", "2024-01-10", "missing_value", "a.parquet", 4));
    rows.add(cases("C", "2024-01-10", null, "a.parquet", 5));
    rows.add(cases("D", "2024-01-10", null, "a.parquet", 6));
    // Identical copies in one file: the first in the file is kept, the others dropped.
    rows.add(cases("E", "2024-01-10", null, "a.parquet", 9));
    rows.add(cases("E", "2024-01-10", null, "a.parquet", 7));
    rows.add(cases("E", "2024-01-10", null, "a.parquet", 8));
    Dataset<Row> frame = IngestFixtures.spark().createDataFrame(rows, schema);

    List<Row> out = Duplicates.resolve(frame, InputDataset.RECTIFICATION_CASES)
        .select("case_id", RowRules.REJECT_REASON, Duplicates.DUPLICATE_DROPPED, "source_file",
            NormalizedColumns.ROW_INDEX)
        .collectAsList();

    Map<String, List<String>> byCase = new TreeMap<>();
    for (Row r : out) {
      byCase.computeIfAbsent(r.getString(0), k -> new ArrayList<>())
          .add(r.getString(1) + "/" + r.getBoolean(2) + "/" + r.getString(3)
              + (r.getString(0).equals("E") ? "#" + r.getLong(4) : ""));
    }
    byCase.values().forEach(v -> v.sort(null));
    assertThat(byCase).isEqualTo(Map.of(
        "A", List.of("null/false/a.parquet", "null/true/b.parquet"),
        "B", List.of("conflicting_duplicate/false/a.parquet",
            "conflicting_duplicate/false/a.parquet", "conflicting_duplicate/false/a.parquet"),
        "C", List.of("missing_value/false/a.parquet", "null/false/a.parquet"),
        "D", List.of("null/false/a.parquet"),
        "E", List.of("null/false/a.parquet#7", "null/true/a.parquet#8", "null/true/a.parquet#9")));
  }

  private static Row cases(String id, String identified, String reason, String file,
      long rowIndex) {
    Date date = Date.valueOf(identified);
    return RowFactory.create(
        id, T1, null, "weak_party_org", identified, "2024-03-31", null,
        id, T1, null, "weak_party_org", date, Date.valueOf("2024-03-31"), null,
        Map.of(), file, rowIndex, reason);
  }
}
