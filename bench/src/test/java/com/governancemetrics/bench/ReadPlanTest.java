package com.governancemetrics.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read plan keeps exactly the files a nightly run for P reads (listing only: the files are empty). */
class ReadPlanTest {

  @TempDir
  Path root;

  private void touch(String relative) throws IOException {
    Path p = root.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, "");
  }

  private List<String> planned(ReadPlan plan, Dataset d) {
    return plan.files(d).stream().map(f -> root.resolve(d.folder()).relativize(f).toString()).toList();
  }

  @Test
  void gridKeepsPPMinus1AndPMinus12AndAppealsTheirYearsToDate() throws IOException {
    for (String p : List.of("2022-12", "2023-01", "2023-02", "2023-03", "2023-04", "2023-12", "2024-01",
        "2024-02", "2024-03", "2024-04")) {
      touch("grid_coverage/period=" + p + "/43.parquet");
      touch("service_appeals/period=" + p + "/43.parquet");
    }
    touch("grid_coverage/period=2024-3/43.parquet");      // not a valid period: read, its rows are bad_period
    touch("grid_coverage/period=2024-03/_SUCCESS");       // not data
    touch("grid_coverage/period=2024-03/.43.parquet.crc"); // not data
    touch("grid_coverage/_ledger/planted.csv");            // not data
    touch("grid_coverage/loose.parquet");                  // no partition folder: read (its own period column)

    ReadPlan plan = ReadPlan.forNightly(root, YearMonth.of(2024, 3));

    assertThat(planned(plan, Dataset.GRID_COVERAGE)).containsExactlyInAnyOrder(
        "period=2023-03/43.parquet", "period=2024-02/43.parquet", "period=2024-03/43.parquet",
        "period=2024-3/43.parquet", "loose.parquet");
    assertThat(planned(plan, Dataset.SERVICE_APPEALS)).containsExactlyInAnyOrder(
        "period=2023-01/43.parquet", "period=2023-02/43.parquet", "period=2023-03/43.parquet",
        "period=2024-01/43.parquet", "period=2024-02/43.parquet", "period=2024-03/43.parquet");
  }

  @Test
  void januaryReadsAllOfLastYearForTheYearToDateOfPMinus1() throws IOException {
    for (int m = 1; m <= 12; m++) {
      touch(String.format("service_appeals/period=2023-%02d/62.parquet", m));
    }
    touch("service_appeals/period=2024-01/62.parquet");
    touch("service_appeals/period=2022-12/62.parquet");

    ReadPlan plan = ReadPlan.forNightly(root, YearMonth.of(2024, 1));

    assertThat(plan.files(Dataset.SERVICE_APPEALS)).hasSize(13);
    assertThat(planned(plan, Dataset.SERVICE_APPEALS)).doesNotContain("period=2022-12/62.parquet");
  }

  @Test
  void incomeKeepsTheLatestYearAtOrBeforeEachEvaluationYearAndCasesKeepEverything() throws IOException {
    touch("collective_income/year=2021/43.parquet");
    touch("collective_income/year=2022/43.parquet");
    touch("collective_income/year=2023/43.parquet");
    touch("collective_income/year=2023/62.parquet");
    touch("collective_income/year=2025/43.parquet");
    touch("collective_income/year=24/43.parquet");  // not a valid year: read, its rows are bad
    touch("rectification_cases/cases_2023_43.parquet");
    touch("rectification_cases/cases_2024_43.parquet");
    touch("rectification_cases/year=2019/cases_2019_43.parquet");

    // P = 2024-06: evaluation years 2024 (P, P-1) and 2023 (P-12): the latest year ≤ both is 2023
    ReadPlan plan = ReadPlan.forNightly(root, YearMonth.of(2024, 6));
    assertThat(plan.incomeYears()).containsExactly(2023);
    assertThat(planned(plan, Dataset.COLLECTIVE_INCOME)).containsExactlyInAnyOrder(
        "year=2023/43.parquet", "year=2023/62.parquet", "year=24/43.parquet");
    assertThat(plan.files(Dataset.RECTIFICATION_CASES)).hasSize(3);

    // P = 2025-01: 2025 for P, 2024 → 2023 for P-1 and P-12
    assertThat(ReadPlan.forNightly(root, YearMonth.of(2025, 1)).incomeYears()).containsExactly(2023, 2025);
  }

  @Test
  void aMissingDatasetFolderIsAnEmptyList() {
    ReadPlan plan = ReadPlan.forNightly(root, YearMonth.of(2024, 6));
    assertThat(plan.fileCount()).isZero();
  }

  @Test
  void folderValuesComeFromTheNearestPartitionFolderOfAPath() {
    assertThat(ReadPlan.folderValue("file:/in/grid_coverage/period=2024-06/43.parquet", "period"))
        .isEqualTo("2024-06");
    assertThat(ReadPlan.folderValue("file:/in/grid_coverage/43.parquet", "period")).isEmpty();
  }
}
