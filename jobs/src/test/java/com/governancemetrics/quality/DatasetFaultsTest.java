package com.governancemetrics.quality;

import static com.governancemetrics.quality.IngestFixtures.CASES;
import static com.governancemetrics.quality.IngestFixtures.GRID;
import static com.governancemetrics.quality.IngestFixtures.INCOME;
import static com.governancemetrics.quality.IngestFixtures.T1;
import static com.governancemetrics.quality.IngestFixtures.T3;
import static com.governancemetrics.quality.IngestFixtures.accepted;
import static com.governancemetrics.quality.IngestFixtures.assertReconciles;
import static com.governancemetrics.quality.IngestFixtures.grid;
import static com.governancemetrics.quality.IngestFixtures.income;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.governancemetrics.input.InputDataset;
import com.governancemetrics.jobs.ExitCode;
import com.governancemetrics.failures.Failure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dataset-level faults (SPEC §1): exit 4 with one message naming dataset, file and column, and a line
 * that says what to do; corrupt files skipped and listed when the run is told to.
 */
class DatasetFaultsTest {

  @TempDir
  Path root;

  private static AbstractThrowableAssert<?, ?> assertInputFault(Runnable run, String... parts) {
    return assertThatThrownBy(run::run)
        .isInstanceOfSatisfying(Failure.class, f -> {
          assertThat(ExitCode.of(f)).isEqualTo(ExitCode.INPUT);
          assertThat(f.whatToDo()).isNotBlank();
          assertThat(f.getMessage()).contains(parts);
        });
  }

  private Runnable ingest(IngestFixtures fx, InputDataset dataset, String period) {
    return () -> fx.ingest(dataset, period);
  }

  @Test
  void aMissingRequiredColumn() {
    IngestFixtures fx = new IngestFixtures(root);
    fx.write("grid_coverage/period=2024-06", GRID, grid(T1));
    String file = fx.write("grid_coverage/period=2024-06", GRID.replace(", grids_total int", ""),
        Arrays.copyOf(new Object[] {T1, 1000L, 900L, 2, 10, 80, 30, 11}, 8));
    assertInputFault(ingest(fx, InputDataset.GRID_COVERAGE, "2024-06"),
        "grid_coverage", file, "grids_total", "lacks the required column");
  }

  @Test
  void aColumnNamedInAnotherCaseIsPointedOut() {
    IngestFixtures fx = new IngestFixtures(root);
    String file = fx.write("grid_coverage/period=2024-06",
        GRID.replace("grids_total int", "Grids_Total int"), grid(T1));
    assertInputFault(ingest(fx, InputDataset.GRID_COVERAGE, "2024-06"),
        "grid_coverage", file, "grids_total", "'Grids_Total'");
  }

  @Test
  void twoColumnsWhoseNamesDifferOnlyInCase() {
    IngestFixtures fx = new IngestFixtures(root);
    // Spark itself refuses to write such a file unless told to be case sensitive.
    IngestFixtures.spark().conf().set("spark.sql.caseSensitive", "true");
    String file;
    try {
      file = fx.write("grid_coverage/period=2024-06", GRID + ", Zone_Leaders int",
          Arrays.copyOf(grid(T1), 10));
    } finally {
      IngestFixtures.spark().conf().unset("spark.sql.caseSensitive");
    }
    assertInputFault(ingest(fx, InputDataset.GRID_COVERAGE, "2024-06"),
        "grid_coverage", file, "'zone_leaders' and 'Zone_Leaders'");
  }

  @Test
  void anIntegerColumnStoredAsDouble() {
    IngestFixtures fx = new IngestFixtures(root);
    String file = fx.write("grid_coverage/period=2024-06",
        GRID.replace("zone_leaders int", "zone_leaders double"),
        grid(T1, 3, 2.0));
    assertInputFault(ingest(fx, InputDataset.GRID_COVERAGE, "2024-06"),
        "grid_coverage", file, "zone_leaders", "DOUBLE", "expected an integer");
  }

  @Test
  void anIntegerColumnStoredAsBoolean() {
    IngestFixtures fx = new IngestFixtures(root);
    String file = fx.write("service_appeals/period=2024-06",
        IngestFixtures.APPEALS.replace("appeals_received int", "appeals_received boolean"),
        new Object[] {T1, 20, 20, 5000L, true, 95, 10, 9});
    assertInputFault(ingest(fx, InputDataset.SERVICE_APPEALS, "2024-06"),
        "service_appeals", file, "appeals_received", "BOOLEAN");
  }

  @Test
  void aDateStoredAsInt64() {
    IngestFixtures fx = new IngestFixtures(root);
    String file = fx.write("rectification_cases",
        CASES.replace("identified_date date", "identified_date bigint"),
        new Object[] {"C1", T1, null, "weak_party_org", 19732L, null, null});
    assertInputFault(ingest(fx, InputDataset.RECTIFICATION_CASES, "2024-06"),
        "rectification_cases", file, "identified_date", "INT64", "expected a date");
  }

  @Test
  void aCodeStoredAsDouble() {
    IngestFixtures fx = new IngestFixtures(root);
    String file = fx.write("collective_income/year=2023",
        INCOME.replace("township_code string", "township_code double"),
        new Object[] {"430102001001", "甲村", 430102001.0, "村", null, null});
    assertInputFault(ingest(fx, InputDataset.COLLECTIVE_INCOME, "2024-06"),
        "collective_income", file, "township_code", "DOUBLE");
  }

  @Test
  void aDecimalStoredAsDouble() {
    IngestFixtures fx = new IngestFixtures(root);
    String file = fx.write("collective_income/year=2023",
        INCOME.replace("operating_income_yuan decimal(18,2)", "operating_income_yuan double"),
        new Object[] {"430102001001", "甲村", T1, "村", 1.5, null});
    assertInputFault(ingest(fx, InputDataset.COLLECTIVE_INCOME, "2024-06"),
        "collective_income", file, "operating_income_yuan", "DOUBLE", "expected a decimal");
  }

  @Test
  void aFileThatIsNotParquet() {
    IngestFixtures fx = new IngestFixtures(root);
    fx.write("grid_coverage/period=2024-06", GRID, grid(T1));
    String file = fx.writeBytes("grid_coverage/period=2024-06/export.parquet",
        "township_code,households_total\n430102001,1000\n".getBytes(StandardCharsets.UTF_8));
    assertInputFault(ingest(fx, InputDataset.GRID_COVERAGE, "2024-06"),
        "grid_coverage", file, "cannot be read", "not a Parquet file")
        .isInstanceOfSatisfying(Failure.class,
            f -> assertThat(f.whatToDo()).contains("--skip-corrupt-files"));
  }

  @Test
  void aTruncatedFile() throws IOException {
    IngestFixtures fx = new IngestFixtures(root);
    String good = fx.write("grid_coverage/period=2024-06", GRID, grid(T1));
    byte[] bytes = Files.readAllBytes(Path.of(good.substring("file:".length())));
    String file = fx.writeBytes("grid_coverage/period=2024-06/truncated.parquet",
        Arrays.copyOf(bytes, bytes.length - 20));
    assertInputFault(ingest(fx, InputDataset.GRID_COVERAGE, "2024-06"),
        "grid_coverage", file, "cannot be read");
  }

  @Test
  void aFileWithAGoodFooterButDamagedData() throws IOException {
    IngestFixtures fx = new IngestFixtures(root);
    String file = fx.write("grid_coverage/period=2024-06", GRID, grid(T1), grid(T3));
    Path path = Path.of(file.substring("file:".length()));
    byte[] bytes = Files.readAllBytes(path);
    // The data pages start right after the 4-byte magic; the footer at the end stays intact.
    for (int i = 4; i < Math.min(bytes.length / 2, 200); i++) {
      bytes[i] = (byte) 0xFF;
    }
    Files.write(path, bytes);
    assertInputFault(ingest(fx, InputDataset.GRID_COVERAGE, "2024-06"),
        "grid_coverage", "cannot be read", file.substring("file:".length()));
  }

  @Test
  void corruptFilesAreSkippedAndListedWhenTheRunIsToldTo() throws IOException {
    IngestFixtures fx = new IngestFixtures(root);
    String good = fx.write("grid_coverage/period=2024-06", GRID, grid(T1), grid(T3));
    byte[] bytes = Files.readAllBytes(Path.of(good.substring("file:".length())));
    String truncated = fx.writeBytes("grid_coverage/period=2024-06/truncated.parquet",
        Arrays.copyOf(bytes, bytes.length / 2));
    String empty = fx.writeBytes("grid_coverage/period=2024-06/empty.parquet", new byte[0]);

    IngestedDataset d = Ingestion.runDataset(IngestFixtures.spark(), fx.request(true, "2024-06"),
        InputDataset.GRID_COVERAGE);

    assertThat(d.filesRead()).containsExactly(good);
    assertThat(d.filesSkipped()).extracting(SkippedFile::file)
        .containsExactlyInAnyOrder(truncated, empty);
    assertThat(d.filesSkipped()).allSatisfy(s -> assertThat(s.reason()).contains("Parquet"));
    assertThat(accepted(d, "township_code")).containsExactly(T1, T3);
    assertReconciles(d, 2);
  }

  @Test
  void skippingCorruptFilesDoesNotSkipSchemaFaults() {
    IngestFixtures fx = new IngestFixtures(root);
    String file = fx.write("grid_coverage/period=2024-06",
        GRID.replace("zone_leaders int", "zone_leaders double"), grid(T1, 3, 2.0));
    assertInputFault(() -> Ingestion.runDataset(IngestFixtures.spark(),
        fx.request(true, "2024-06"), InputDataset.GRID_COVERAGE), file, "zone_leaders");
  }

  @Test
  void noDataForTheRunPeriodSaysWhichPeriodsExist() {
    IngestFixtures fx = new IngestFixtures(root);
    fx.write("grid_coverage/period=2024-04", GRID, grid(T1));
    fx.write("grid_coverage/period=2024-05", GRID, grid(T1));
    fx.write("grid_coverage/period=2024-6", GRID, grid(T1));
    fx.write("grid_coverage/period=2023-01", GRID, grid(T1));
    assertInputFault(ingest(fx, InputDataset.GRID_COVERAGE, "2024-06"),
        "grid_coverage", "no data for period 2024-06", "2023-01, 2024-04..2024-05",
        "period=2024-6");
  }

  @Test
  void noRowsForTheRunPeriodInLooseFilesIsNoData() {
    IngestFixtures fx = new IngestFixtures(root);
    fx.write("grid_coverage", IngestFixtures.GRID_WITH_PERIOD,
        new Object[] {T1, "2024-05", 1000L, 900L, 2, 10, 80, 30, 12, 11});
    assertInputFault(ingest(fx, InputDataset.GRID_COVERAGE, "2024-06"),
        "grid_coverage", "no data for period 2024-06", "Periods present: 2024-05");
  }

  @Test
  void aFileWithNeitherPeriodColumnNorPeriodFolder() {
    IngestFixtures fx = new IngestFixtures(root);
    fx.write("grid_coverage/period=2024-06", GRID, grid(T1));
    String file = fx.write("grid_coverage/county=430102", GRID, grid(T1));
    assertInputFault(ingest(fx, InputDataset.GRID_COVERAGE, "2024-06"),
        "grid_coverage", file, "no column period", "period=");
  }

  @Test
  void aMissingDatasetFolder() {
    IngestFixtures fx = new IngestFixtures(root);
    fx.write("grid_coverage/period=2024-06", GRID, grid(T1));
    assertInputFault(ingest(fx, InputDataset.SERVICE_APPEALS, "2024-06"),
        "service_appeals", "no folder");
  }

  @Test
  void casesWithoutAnyFile() throws IOException {
    IngestFixtures fx = new IngestFixtures(root);
    Files.createDirectories(root.resolve("rectification_cases/year=2024"));
    fx.writeBytes("rectification_cases/_SUCCESS", new byte[0]);
    assertInputFault(ingest(fx, InputDataset.RECTIFICATION_CASES, "2024-06"),
        "rectification_cases", "no data");
  }

  @Test
  void incomeWithoutAYearAtOrBeforeTheRunYear() {
    IngestFixtures fx = new IngestFixtures(root);
    fx.write("collective_income/year=2025", INCOME,
        income("430102001001", T1, "1.00", "2.00"));
    assertInputFault(ingest(fx, InputDataset.COLLECTIVE_INCOME, "2024-06"),
        "collective_income", "no data for a year at or before 2024", "Years present: 2025");
  }

  @Test
  void aFaultInAnyDatasetStopsTheWholeRun() {
    IngestFixtures fx = new IngestFixtures(root);
    fx.write("grid_coverage/period=2024-06", GRID, grid(T1));
    fx.write("service_appeals/period=2024-06", IngestFixtures.APPEALS,
        new Object[] {T1, 20, 20, 5000L, 100, 95, 10, 9});
    fx.write("collective_income/year=2023", INCOME, income("430102001001", T1, "1.00", "2.00"));
    String file = fx.write("rectification_cases", CASES.replace(", rectified_date date", "")
            .replace(", deadline_date date", ""),
        new Object[] {"C1", T1, null, "weak_party_org", IngestFixtures.date("2024-01-10")});
    assertInputFault(() -> Ingestion.run(IngestFixtures.spark(), fx.request("2024-06")),
        "rectification_cases", file, "deadline_date");
  }

  @Test
  void optionalCaseColumnsMayBeAbsent() {
    IngestFixtures fx = new IngestFixtures(root);
    fx.write("rectification_cases", CASES.replace(", rectified_date date", "")
            .replace(", village_code string", ""),
        Arrays.copyOf(new Object[] {"C1", T1, "weak_party_org",
            IngestFixtures.date("2024-01-10"), IngestFixtures.date("2024-02-10")}, 5));
    IngestedDataset d = fx.ingest(InputDataset.RECTIFICATION_CASES, "2024-06");
    assertThat(accepted(d, "case_id")).containsExactly("C1");
    assertThat(accepted(d, "village_code")).containsExactly("null");
    assertReconciles(d, 1);
  }
}
