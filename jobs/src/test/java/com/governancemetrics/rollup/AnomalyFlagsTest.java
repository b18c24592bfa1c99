package com.governancemetrics.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import com.governancemetrics.config.GovernanceConfig;
import com.governancemetrics.input.InputDataset;
import com.governancemetrics.metrics.Fixtures;
import com.governancemetrics.output.Publication;
import com.governancemetrics.periods.Period;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each anomaly rule of the shipped catalogue on a hand-checkable fixture of about ten rows, written as
 * Parquet, through the whole pipeline: the flag and its reason on the unit's row, nothing on its
 * plausible neighbours, and nothing for a unit without history.
 */
class AnomalyFlagsTest {

  @TempDir Path dir;

  private static final GovernanceConfig SHIPPED = GovernanceConfig.defaults();

  private static Row row(MetricTables t, Level level, String period, String code, String metric) {
    Row r = Fixtures.byKey(t.of(level), level.codeColumn()).get(period + "|" + code + "|" + metric);
    assertThat(r).as(level + " " + period + " " + code + " " + metric).isNotNull();
    return r;
  }

  private static String reason(Row r) {
    return r.getAs("anomaly_reason");
  }

  private static boolean flagged(Row r) {
    return r.getAs("anomaly");
  }

  /** Grid rows whose other ratios stay put: leaders 10 (5 party), grids 10 (9 with a party org). */
  private static void grid(Fixtures f, String township, String period, long covered) {
    f.grid(township, period, 100, covered, 10, 5, 10, 9);
  }

  @Test
  void aJumpOfMoreThan15PointsAgainstPMinus1IsFlaggedAndExactly15IsNot() {
    Fixtures f = Fixtures.standard(dir);
    grid(f, "330101001", "2024-05", 70);
    grid(f, "330101001", "2024-06", 90);   // +20 points
    grid(f, "330101002", "2024-05", 80);
    grid(f, "330101002", "2024-06", 95);   // +15 points: not more than 15
    grid(f, "330102101", "2024-06", 50);   // no P-1: nothing to judge against
    grid(f, "330201201", "2024-05", 90);
    grid(f, "330201201", "2024-06", 72);   // -18 points
    grid(f, "340101001", "2024-06", 90);
    MetricTables t = f.compute(SHIPPED, "2024-06");

    Row up = row(t, Level.TOWNSHIP, "2024-06", "330101001", "household_coverage");
    assertThat(flagged(up)).isTrue();
    assertThat(reason(up)).isEqualTo("较上月上升20.0个百分点，超过15个百分点");
    Row down = row(t, Level.TOWNSHIP, "2024-06", "330201201", "household_coverage");
    assertThat(reason(down)).isEqualTo("较上月下降18.0个百分点，超过15个百分点");
    // its county is that one township: the same jump
    assertThat(reason(row(t, Level.COUNTY, "2024-06", "330201", "household_coverage")))
        .isEqualTo("较上月下降18.0个百分点，超过15个百分点");
    for (String plausible : List.of("330101002", "330102101")) {
      Row r = row(t, Level.TOWNSHIP, "2024-06", plausible, "household_coverage");
      assertThat(flagged(r)).as(plausible).isFalse();
      assertThat(reason(r)).as(plausible).isNull();
    }
    // 330101: 150/200 → 185/200, +17.5 points
    assertThat(reason(row(t, Level.COUNTY, "2024-06", "330101", "household_coverage")))
        .isEqualTo("较上月上升17.5个百分点，超过15个百分点");
    // the other ratios did not move; a unit without any row has no value to judge
    assertThat(flagged(row(t, Level.TOWNSHIP, "2024-06", "330101001", "grid_party_org_coverage")))
        .isFalse();
    assertThat(flagged(row(t, Level.TOWNSHIP, "2024-06", "330101001", "platform_coverage")))
        .isFalse();
  }

  @Test
  void aValueOutsideTheUnitsOwnRangeByMoreThanKTimesMadIsFlaggedAgainstPublishedAndOwnPeriods()
      throws IOException {
    Fixtures f = Fixtures.standard(dir);
    long[] earlier = {80, 81, 80, 82, 81, 80};   // 2024-01 … 2024-06
    for (int m = 1; m <= 6; m++) {
      grid(f, "330101001", "2024-0" + m, earlier[m - 1]);
      grid(f, "330101002", "2024-0" + m, 90);
    }
    grid(f, "330101001", "2024-07", 95);   // +15 points against June: only the range flags it
    grid(f, "330101002", "2024-07", 90);
    grid(f, "340101001", "2024-07", 90);    // province 34: no history at all
    String expected = "高于本单位近12期（有数6期）最高值82.0%达13.0个百分点，超过允许偏差1.5个百分点"
        + "（中位数绝对偏差0.5个百分点的3倍）";

    // a backfill: the earlier periods are the run's own
    MetricTables backfill = f.compute(SHIPPED, "2024-01", "2024-02", "2024-03", "2024-04",
        "2024-05", "2024-06", "2024-07");
    assertThat(reason(row(backfill, Level.TOWNSHIP, "2024-07", "330101001", "household_coverage")))
        .isEqualTo(expected);
    assertThat(flagged(row(backfill, Level.TOWNSHIP, "2024-07", "330101002",
        "household_coverage"))).isFalse();
    assertThat(flagged(row(backfill, Level.TOWNSHIP, "2024-06", "330101001",
        "household_coverage"))).as("five earlier values are too few").isFalse();

    // a nightly: the earlier periods are read from the published tables (the backfill's, collected
    // first: the fixture's files are written again for the nightly)
    Path root = dir.resolve("out");
    publish(backfill, root);
    Map<Level, Map<String, Row>> fromBackfill = new java.util.EnumMap<>(Level.class);
    for (Level level : Level.values()) {
      fromBackfill.put(level, Fixtures.byKey(backfill.of(level), level.codeColumn()));
    }
    Map<InputDataset, Dataset<Row>> accepted = f.accepted();
    List<Period> july = List.of(Period.of(2024, 7));
    MetricTables nightly = ComparisonTables.compute(f.spark, new ComparisonTables.Inputs(accepted,
        Fixtures.townships(f.registry()), july, SHIPPED.catalogue(),
        SHIPPED.settings().completenessMinimum(), Fixtures.incomeYears(accepted, july),
        PublishedHistory.under(root.toString())));
    for (Level level : Level.values()) {
      Map<String, Row> fromNightly = Fixtures.byKey(nightly.of(level), level.codeColumn());
      assertThat(fromNightly).as(level.table()).isNotEmpty();
      fromNightly.forEach((key, r) -> assertThat((Object) r.getAs("anomaly_reason"))
          .as(level + " " + key).isEqualTo(fromBackfill.get(level).get(key).getAs("anomaly_reason")));
    }
    assertThat(reason(row(nightly, Level.TOWNSHIP, "2024-07", "330101001", "household_coverage")))
        .isEqualTo(expected);
    assertThat(reason(row(nightly, Level.COUNTY, "2024-07", "330101", "household_coverage")))
        .startsWith("高于本单位近12期（有数6期）最高值86.0%");

    // without the earlier publications, July has only itself: nothing to judge against
    MetricTables alone = f.compute(SHIPPED, "2024-07");
    assertThat(flagged(row(alone, Level.TOWNSHIP, "2024-07", "330101001", "household_coverage")))
        .isFalse();
  }

  @Test
  void aStockDenominatorThatFallsIsFlaggedUnlessFewerTownshipsDelivered() {
    Fixtures f = Fixtures.standard(dir);
    f.service("330101001", "2024-05", 10, 8, 5, 5, 2, 2);
    f.service("330101001", "2024-06", 9, 8, 5, 5, 2, 2);   // one village fewer
    f.service("330101002", "2024-05", 10, 10, 5, 5, 2, 2);
    f.service("330101002", "2024-06", 10, 10, 5, 5, 2, 2);
    f.service("330102101", "2024-05", 12, 12, 5, 5, 2, 2);  // delivered in May only
    f.service("330201201", "2024-05", 6, 6, 5, 5, 2, 2);
    f.service("330201201", "2024-06", 7, 6, 5, 5, 2, 2);    // grew
    f.service("340101001", "2024-06", 5, 5, 5, 5, 2, 2);
    MetricTables t = f.compute(SHIPPED, "2024-06");

    Row fell = row(t, Level.TOWNSHIP, "2024-06", "330101001", "platform_coverage");
    assertThat(reason(fell)).isEqualTo("村(社区)数较上月减少1（由10减至9），应只增不减");
    assertThat(reason(row(t, Level.COUNTY, "2024-06", "330101", "platform_coverage")))
        .isEqualTo("村(社区)数较上月减少1（由20减至19），应只增不减");
    // 杭州市 lost 330102101's twelve villages because it did not deliver: completeness, not this
    assertThat(flagged(row(t, Level.CITY, "2024-06", "3301", "platform_coverage"))).isFalse();
    assertThat(flagged(row(t, Level.TOWNSHIP, "2024-06", "330201201", "platform_coverage")))
        .isFalse();
    // villages_total is not the denominator of the ytd rates
    assertThat(flagged(row(t, Level.TOWNSHIP, "2024-06", "330101001", "appeal_resolution_rate")))
        .isFalse();
  }

  @Test
  void exactly100PercentIsFlaggedWhileThePeersSpreadAndNotWhileTheyAgree() {
    Fixtures f = Fixtures.standard(dir);
    f.township("330101003", "庚街道", "330101", "上城区", "3301", "杭州市", "33", "浙江省");
    f.township("330101004", "辛街道", "330101", "上城区", "3301", "杭州市", "33", "浙江省");
    String[] townships = {"330101001", "330101002", "330101003", "330101004", "330102101",
        "330201201"};
    long[] spread = {100, 50, 60, 70, 80, 90};   // IQR 87.5% − 62.5% = 25 points
    for (int i = 0; i < townships.length; i++) {
      grid(f, townships[i], "2024-06", spread[i]);
    }
    grid(f, "340101001", "2024-06", 100);   // province 34: one township, no peers
    MetricTables t = f.compute(SHIPPED, "2024-06");

    Row full = row(t, Level.TOWNSHIP, "2024-06", "330101001", "household_coverage");
    assertThat(reason(full)).isEqualTo("恰为100%，而全省乡镇数值分散（四分位距25.0个百分点，超过15个百分点）");
    assertThat(flagged(row(t, Level.TOWNSHIP, "2024-06", "330101002", "household_coverage")))
        .isFalse();
    assertThat(flagged(row(t, Level.TOWNSHIP, "2024-06", "340101001", "household_coverage")))
        .isFalse();

    Fixtures agreeing = Fixtures.standard(dir.resolve("agreeing"));
    agreeing.township("330101003", "庚街道", "330101", "上城区", "3301", "杭州市", "33", "浙江省");
    agreeing.township("330101004", "辛街道", "330101", "上城区", "3301", "杭州市", "33", "浙江省");
    long[] close = {100, 95, 96, 97, 98, 99};
    for (int i = 0; i < townships.length; i++) {
      grid(agreeing, townships[i], "2024-06", close[i]);
    }
    MetricTables t2 = agreeing.compute(SHIPPED, "2024-06");
    assertThat(flagged(row(t2, Level.TOWNSHIP, "2024-06", "330101001", "household_coverage")))
        .isFalse();
  }

  /** The tables as a run publishes them: one folder per period with its marker. */
  private static void publish(MetricTables t, Path root) throws IOException {
    for (Level level : Level.values()) {
      Path table = root.resolve(level.table());
      t.of(level).write().partitionBy(Publication.PERIOD_COLUMN).parquet(table.toString());
      try (var partitions = Files.list(table)) {
        for (Path p : partitions.filter(p -> p.getFileName().toString().startsWith("period="))
            .toList()) {
          Files.writeString(p.resolve(Publication.SUCCESS_MARKER), "");
        }
      }
    }
  }
}
