package com.governancemetrics.quality;

import static com.governancemetrics.quality.IngestFixtures.INCOME;
import static com.governancemetrics.quality.IngestFixtures.T1;
import static com.governancemetrics.quality.IngestFixtures.UNKNOWN;
import static com.governancemetrics.quality.IngestFixtures.accepted;
import static com.governancemetrics.quality.IngestFixtures.assertReconciles;
import static com.governancemetrics.quality.IngestFixtures.income;
import static org.assertj.core.api.Assertions.assertThat;

import com.governancemetrics.input.InputDataset;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §2 annual: for each evaluation year y the year used is the latest year ≤ y with at least one
 * accepted row anywhere; only the year folders needed are read.
 */
class IncomeYearTest {

  @TempDir
  Path root;

  @Test
  void onlyTheLatestYearAtOrBeforeEachEvaluationYearIsRead() {
    IngestFixtures fx = new IngestFixtures(root);
    fx.write("collective_income/year=2021", INCOME, income("430102001001", T1, "1.00", "2.00"));
    String y2022 = fx.write("collective_income/year=2022", INCOME,
        income("430102001001", T1, "1.00", "2.00"));
    String y2023 = fx.write("collective_income/year=2023", INCOME,
        income("430102001001", T1, "3.00", "4.00"));
    fx.write("collective_income/year=2025", INCOME, income("430102001001", T1, "5.00", "6.00"));

    // 2024-06 evaluates 2024 (P and P-1) and 2023 (P-12): both use 2023.
    IngestedDataset june = fx.ingest(InputDataset.COLLECTIVE_INCOME, "2024-06");
    assertThat(june.filesRead()).containsExactly(y2023);
    assertThat(june.incomeYearUsed()).isEqualTo(Map.of(2023, 2023, 2024, 2023));
    assertReconciles(june, 1);

    // 2023-01 evaluates 2023 and 2022 (P-1 and P-12).
    IngestedDataset january = fx.ingest(InputDataset.COLLECTIVE_INCOME, "2023-01");
    assertThat(january.filesRead()).containsExactlyInAnyOrder(y2022, y2023);
    assertThat(january.incomeYearUsed()).isEqualTo(Map.of(2022, 2022, 2023, 2023));
  }

  @Test
  void aLatestYearWithoutAnyAcceptedRowFallsBackToTheYearBefore() {
    IngestFixtures fx = new IngestFixtures(root);
    fx.write("collective_income/year=2021", INCOME, income("430102001001", T1, "1.00", "2.00"));
    String y2022 = fx.write("collective_income/year=2022", INCOME,
        income("430102001001", T1, "7.00", "8.00"),
        income("430102001002", T1, "9.00", "10.00"));
    // Every 2023 row is bad: 2023 is not a year with an accepted row.
    String y2023 = fx.write("collective_income/year=2023", INCOME,
        income("439999999001", UNKNOWN, "3.00", "4.00"),
        income("430102001001", T1, "-3.00", "4.00"));

    IngestedDataset d = fx.ingest(InputDataset.COLLECTIVE_INCOME, "2024-06");

    assertThat(d.filesRead()).containsExactlyInAnyOrder(y2022, y2023);
    assertThat(d.incomeYearUsed()).isEqualTo(Map.of(2023, 2022, 2024, 2022));
    assertThat(d.counts().quarantinedByReason())
        .isEqualTo(Map.of("unknown_township", 1L, "negative_value", 1L));
    assertThat(accepted(d, "year")).containsOnly("2022");
    assertThat(d.accepted().collectAsList().stream()
        .map(r -> r.<BigDecimal>getAs("operating_income_yuan").toPlainString()))
        .containsExactlyInAnyOrder("7.00", "9.00");
    assertReconciles(d, 4);
  }

  @Test
  void noAcceptedRowInAnyYearLeavesTheYearUnusedForTheGateToJudge() {
    IngestFixtures fx = new IngestFixtures(root);
    fx.write("collective_income/year=2023", INCOME,
        income("439999999001", UNKNOWN, "3.00", "4.00"));

    IngestedDataset d = fx.ingest(InputDataset.COLLECTIVE_INCOME, "2024-06");

    assertThat(d.incomeYearUsed()).isEmpty();
    assertThat(d.counts().rowsQuarantined()).isEqualTo(1);
    assertReconciles(d, 1);
  }

  @Test
  void rowsOutsideYearFoldersCountWithTheirOwnYear() {
    IngestFixtures fx = new IngestFixtures(root);
    fx.write("collective_income/year=2023", INCOME, income("430102001001", T1, "1.00", "2.00"));
    String ddl = "village_code string, village_name string, township_code string, year int,"
        + " village_type string, operating_income_yuan decimal(18,2),"
        + " total_income_yuan decimal(18,2)";
    fx.write("collective_income", ddl, new Object[] {"430102001001", "甲村", T1, 2024, "村",
        new BigDecimal("5.00"), new BigDecimal("6.00")});

    IngestedDataset d = fx.ingest(InputDataset.COLLECTIVE_INCOME, "2024-06");

    assertThat(d.incomeYearUsed()).isEqualTo(Map.of(2023, 2023, 2024, 2024));
    assertThat(accepted(d, "year")).containsExactly("2023", "2024");
    assertReconciles(d, 2);
  }
}
