package com.governancemetrics.quality;

import static com.governancemetrics.quality.IngestFixtures.APPEALS;
import static com.governancemetrics.quality.IngestFixtures.CASES;
import static com.governancemetrics.quality.IngestFixtures.GRID;
import static com.governancemetrics.quality.IngestFixtures.INCOME;
import static com.governancemetrics.quality.IngestFixtures.T1;
import static com.governancemetrics.quality.IngestFixtures.T3;
import static com.governancemetrics.quality.IngestFixtures.assertReconciles;
import static com.governancemetrics.quality.IngestFixtures.grid;
import static com.governancemetrics.quality.IngestFixtures.incase;
import static com.governancemetrics.quality.IngestFixtures.income;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.governancemetrics.input.InputDataset;
import com.governancemetrics.input.NormalizedColumns;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole run over the four datasets, the counts invariant, and the quality gate of SPEC §1. */
class QualityGateTest {

  @TempDir
  Path root;

  /** Ten township rows of 2024-06, {@code bad} of them with a negative value. */
  private static Object[][] gridRows(int bad) {
    String[] townships = {"430102001", "430102002", "430102003", "430102008", "430102009",
        "620102001", "620102002", "620102003", "430102010", "430102011"};
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < townships.length; i++) {
      rows.add(i < bad ? grid(townships[i], 3, -1) : grid(townships[i]));
    }
    return rows.toArray(new Object[0][]);
  }

  private IngestionResult runAll(IngestFixtures fx, int badGridRows, int badAppealRows) {
    fx.write("grid_coverage/period=2024-06", GRID, gridRows(badGridRows));
    List<Object[]> appeals = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      // Twenty different keys: ten townships in two periods of the ytd.
      String township = (String) gridRows(0)[i % 10][0];
      appeals.add(new Object[] {township, 20, i < badAppealRows ? 21 : 20, 5000L, 100, 95, 10, 9});
    }
    fx.write("service_appeals/period=2024-06", APPEALS,
        appeals.subList(0, 10).toArray(new Object[0][]));
    fx.write("service_appeals/period=2024-05", APPEALS,
        appeals.subList(10, 20).toArray(new Object[0][]));
    fx.write("collective_income/year=2023", INCOME,
        income("430102001001", T1, "1.00", "2.00"), income("430102001002", T1, "1.00", "2.00"),
        income("430102001002", T1, "1.00", "2.00"));
    fx.write("rectification_cases", CASES,
        incase("C1", T3, null, "weak_party_org", "2024-01-10", "2024-03-31", null));
    return Ingestion.run(IngestFixtures.spark(), fx.request("2024-06"));
  }

  @Test
  void aWholeRunReconcilesEveryDatasetAndHandsOutTheContractSchemas() {
    IngestFixtures fx = new IngestFixtures(root);
    IngestionResult result = runAll(fx, 1, 0);

    assertThat(result.datasets().keySet()).containsExactlyElementsOf(InputDataset.facts());
    assertReconciles(result.get(InputDataset.GRID_COVERAGE), 10);
    assertReconciles(result.get(InputDataset.SERVICE_APPEALS), 20);
    assertReconciles(result.get(InputDataset.COLLECTIVE_INCOME), 3);
    assertReconciles(result.get(InputDataset.RECTIFICATION_CASES), 1);
    assertThat(result.get(InputDataset.COLLECTIVE_INCOME).counts().duplicatesDropped()).isEqualTo(1);
    for (InputDataset dataset : InputDataset.facts()) {
      IngestedDataset d = result.get(dataset);
      assertThat(d.accepted().schema()).isEqualTo(dataset.acceptedSchema());
      List<String> quarantineColumns = new ArrayList<>();
      dataset.columns().forEach(c -> quarantineColumns.add(c.name()));
      quarantineColumns.addAll(List.of(NormalizedColumns.EXTRA_COLUMNS, RowRules.REJECT_REASON,
          NormalizedColumns.SOURCE_FILE));
      assertThat(d.quarantine().columns()).containsExactlyElementsOf(quarantineColumns);
    }
    result.release();
  }

  @Test
  void datasetsOverTheToleranceBreachTheGate() {
    IngestFixtures fx = new IngestFixtures(root);
    // grid: 1 of 10 quarantined (10%); appeals: 1 of 20 (5%, not over 5%); income: a dropped
    // duplicate, which is not quarantined.
    IngestionResult result = runAll(fx, 1, 1);

    assertThat(QualityGate.breaches(result, 0.05)).containsExactly(
        "grid_coverage: 1 of 10 rows quarantined (10.00%), over the tolerance of 5.00%");
    assertThat(QualityGate.breaches(result, 0.10)).isEmpty();
    assertThat(QualityGate.breaches(result, 0.04)).hasSize(2)
        .anySatisfy(b -> assertThat(b).startsWith("service_appeals: 1 of 20 rows"));
    assertThat(QualityGate.breaches(result, 0.0)).hasSize(2);
    assertThatThrownBy(() -> QualityGate.breaches(result, 5))
        .isInstanceOf(IllegalArgumentException.class);
    result.release();
  }
}
