package com.governancemetrics.quality;

import static com.governancemetrics.quality.IngestFixtures.GRID;
import static com.governancemetrics.quality.IngestFixtures.GRID_WITH_PERIOD;
import static com.governancemetrics.quality.IngestFixtures.INCOME;
import static com.governancemetrics.quality.IngestFixtures.T1;
import static com.governancemetrics.quality.IngestFixtures.T3;
import static com.governancemetrics.quality.IngestFixtures.accepted;
import static com.governancemetrics.quality.IngestFixtures.assertReconciles;
import static com.governancemetrics.quality.IngestFixtures.grid;
import static com.governancemetrics.quality.IngestFixtures.reasonsByTag;
import static org.assertj.core.api.Assertions.assertThat;

import com.governancemetrics.input.InputDataset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Partition folders (SPEC §1): the folder wins, disagreement is partition_mismatch, pruning. */
class PartitionFoldersTest {

  @TempDir
  Path root;

  /** A grid row with a period column and a tag. */
  private static Object[] withPeriod(String township, String period, String tag) {
    Object[] g = grid(township);
    return new Object[] {g[0], period, g[1], g[2], g[3], g[4], g[5], g[6], g[7], g[8], tag};
  }

  @Test
  void theFolderWinsAndAFileThatDisagreesIsPartitionMismatch() {
    IngestFixtures fx = new IngestFixtures(root);
    fx.write("grid_coverage/period=2024-06", GRID_WITH_PERIOD + ", tag string",
        withPeriod(T1, "2024-06", "agrees"),
        withPeriod("430102002", null, "no_value"),
        withPeriod("430102003", "2024-05", "disagrees"),
        withPeriod("430102008", "2024-6", "malformed_in_file"));

    IngestedDataset d = fx.ingest(InputDataset.GRID_COVERAGE, "2024-06");

    assertThat(reasonsByTag(d)).isEqualTo(Map.of("disagrees", "partition_mismatch",
        "malformed_in_file", "partition_mismatch"));
    assertThat(accepted(d, "township_code")).containsExactly(T1, "430102002");
    assertThat(accepted(d, "period")).containsOnly("2024-06");
    // Quarantine shows the file's value as it came; the folder is in source_file.
    assertThat(d.quarantine().select("period").collectAsList().stream().map(r -> r.getString(0)))
        .containsExactlyInAnyOrder("2024-05", "2024-6");
    assertReconciles(d, 4);
  }

  @Test
  void aFolderThatIsNotAValidPeriodIsReadAndItsRowsAreBadPeriod() {
    IngestFixtures fx = new IngestFixtures(root);
    fx.write("grid_coverage/period=2024-06", GRID, grid(T1));
    String badFolder = fx.write("grid_coverage/period=2024-6", GRID, grid(T1), grid(T3));
    // A folder name with a space: source_file must still name the file as the listing does.
    String spaced = fx.write("grid_coverage/period=2024 06", GRID, grid(T3));

    IngestedDataset d = fx.ingest(InputDataset.GRID_COVERAGE, "2024-06");

    assertThat(d.filesRead()).contains(badFolder, spaced);
    assertThat(d.counts().quarantinedByReason()).isEqualTo(Map.of("bad_period", 3L));
    List<Row> quarantined = d.quarantine().select("period", "source_file").collectAsList();
    assertThat(quarantined.stream().map(r -> r.getString(0)))
        .containsExactlyInAnyOrder("2024-6", "2024-6", "2024 06");
    assertThat(quarantined.stream().map(r -> r.getString(1)))
        .containsExactlyInAnyOrder(badFolder, badFolder, spaced);
    assertThat(accepted(d, "township_code")).containsExactly(T1);
    assertReconciles(d, 4);
  }

  @Test
  void anEscapedFolderNameGivesItsRowsTheUnescapedValue() {
    IngestFixtures fx = new IngestFixtures(root);
    fx.write("grid_coverage/period=2024-06", GRID, grid(T1));
    // Hive's escaping, undone by the listing: %2D is '-', so this folder is period 2024-05 (P-1).
    String escaped = fx.write("grid_coverage/period=2024%2D05", GRID, grid(T1), grid(T3));

    IngestedDataset d = fx.ingest(InputDataset.GRID_COVERAGE, "2024-06");

    assertThat(d.filesRead()).contains(escaped);
    assertThat(d.counts().quarantinedByReason()).isEmpty();
    assertThat(accepted(d, "period")).containsExactlyInAnyOrder("2024-06", "2024-05", "2024-05");
    assertReconciles(d, 3);
  }

  @Test
  void foldersOutsideTheScopeAreNotRead() {
    IngestFixtures fx = new IngestFixtures(root);
    // Run 2024-06 reads 2023-01..2023-06 (P-12 ytd) and 2024-01..2024-06; nothing else.
    String june = fx.write("grid_coverage/period=2024-06", GRID, grid(T1));
    String lastYear = fx.write("grid_coverage/period=2023-01", GRID, grid(T1));
    fx.write("grid_coverage/period=2023-07", GRID, grid(T1));
    fx.write("grid_coverage/period=2022-12", GRID, grid(T1));
    // A corrupt file in a pruned folder is never opened.
    fx.writeBytes("grid_coverage/period=2024-07/broken.parquet",
        "not parquet".getBytes(StandardCharsets.UTF_8));
    // Hidden files and folders are not data either.
    fx.writeBytes("grid_coverage/period=2024-06/_SUCCESS", new byte[0]);
    fx.writeBytes("grid_coverage/period=2024-06/.f.parquet.crc", new byte[] {1, 2, 3});
    fx.writeBytes("grid_coverage/_temporary/0/part.parquet", new byte[] {1, 2, 3});
    fx.writeBytes("grid_coverage/.staging/part.parquet", new byte[] {1, 2, 3});

    IngestedDataset d = fx.ingest(InputDataset.GRID_COVERAGE, "2024-06");

    assertThat(d.filesRead()).containsExactlyInAnyOrder(june, lastYear);
    assertThat(accepted(d, "period")).containsExactly("2023-01", "2024-06");
    assertReconciles(d, 2);
  }

  @Test
  void filesOutsideFoldersUseTheirOwnPeriodColumn() {
    IngestFixtures fx = new IngestFixtures(root);
    fx.write("grid_coverage", GRID_WITH_PERIOD + ", tag string",
        withPeriod(T1, "2024-06", "june"),
        withPeriod(T1, "2024-05", "may"),
        withPeriod(T3, "2024-6", "bad"),
        withPeriod(T3, null, "none"));

    IngestedDataset d = fx.ingest(InputDataset.GRID_COVERAGE, "2024-06");

    assertThat(reasonsByTag(d)).isEqualTo(Map.of("bad", "bad_period", "none", "missing_key"));
    assertThat(accepted(d, "period")).containsExactly("2024-05", "2024-06");
    assertReconciles(d, 4);
  }

  @Test
  void incomeYearFolderAndYearColumnMustAgree() {
    IngestFixtures fx = new IngestFixtures(root);
    String ddl = "village_code string, village_name string, township_code string, year %s,"
        + " village_type string, operating_income_yuan decimal(18,2),"
        + " total_income_yuan decimal(18,2), tag string";
    java.math.BigDecimal one = new java.math.BigDecimal("1.00");
    fx.write("collective_income/year=2023", String.format(ddl, "int"),
        new Object[] {"430102001001", "甲村", T1, 2023, "村", one, one, "same"},
        new Object[] {"430102001002", "乙村", T1, 2022, "村", one, one, "other_year"},
        new Object[] {"430102001003", "丙村", T1, null, "村", one, one, "no_year"});
    fx.write("collective_income/year=2023", String.format(ddl, "string"),
        new Object[] {"430102001004", "丁村", T1, " 2023", "村", one, one, "padded"},
        new Object[] {"430102001005", "戊村", T1, "二〇二三", "村", one, one, "words"});
    fx.write("collective_income/year=20X3", INCOME,
        new Object[] {"430102001006", "己村", T1, "村", one, one});

    IngestedDataset d = fx.ingest(InputDataset.COLLECTIVE_INCOME, "2024-06");

    assertThat(d.quarantine().selectExpr("coalesce(extra_columns['tag'], village_code)",
            "reject_reason").collectAsList().stream()
        .map(r -> r.getString(0) + ":" + r.getString(1)).sorted().toList())
        .containsExactly("430102001006:bad_period", "other_year:partition_mismatch",
            "words:partition_mismatch");
    assertThat(accepted(d, "village_code")).containsExactly("430102001001", "430102001003",
        "430102001004");
    assertThat(accepted(d, "year")).containsOnly("2023");
    assertReconciles(d, 6);
  }
}
