package com.governancemetrics.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.governancemetrics.config.GovernanceConfig;
import com.governancemetrics.input.InputDataset;
import com.governancemetrics.periods.Period;
import com.governancemetrics.rollup.Level;
import com.governancemetrics.rollup.MetricTables;
import com.governancemetrics.testing.ScalaCollections;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.execution.adaptive.QueryStageExec;
import org.apache.spark.sql.execution.exchange.ReusedExchangeExec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In the spirit of Deequ's single-scan test: computing a table reads each input's Parquet files
 * exactly once, however many metrics the catalogue has, and adding metrics adds no scan. Scans are
 * counted in the executed (adaptive, final) plans, where a reused exchange is not a second read.
 */
class SingleScanTest {

  @TempDir Path dir;

  @Test
  void eachInputIsScannedOncePerTableWhateverTheNumberOfMetrics() {
    Fixtures f = Fixtures.standard(dir)
        .grid("330101001", "2024-06", 100, 90, 10, 5, 4, 4)
        .grid("330101001", "2024-05", 100, 80, 10, 5, 4, 4)
        .service("330101001", "2024-06", 5, 5, 10, 8, 2, 1)
        .service("330101001", "2024-02", 5, 5, 10, 8, 2, 1)
        .income("330101001", "001", 2023, "120000")
        .income("330101002", "001", 2023, "0")
        .caseRow("c1", "330101001", "weak_party_org", "2024-02-01", "2024-05-31", "2024-06-30")
        // an overdue case too: adaptive execution drops a branch whose rows all turn out to be
        // filtered away (no metric counts them), and a dropped branch shows no scan in the final plan.
        .caseRow("c2", "330101002", "weak_party_org", "2024-02-01", "2024-03-31", null);
    Map<InputDataset, Dataset<Row>> accepted = f.accepted();
    // only province 33 has data: 4 townships, 3 counties, 2 cities, 1 province get rows
    GovernanceConfig full = GovernanceConfig.defaults();
    MetricCatalogue catalogue = full.catalogue();

    // one metric per dataset
    MetricCatalogue minimal = catalogue.only(Set.of("household_coverage", "appeal_resolution_rate",
        "median_operating_income", "overdue_open_cases"));
    // the full catalogue plus one more metric on every dataset
    MetricCatalogue extended = catalogue
        .with(extra("leaders_per_grid", InputDataset.GRID_COVERAGE, MetricWindow.YTD,
            new MetricKind.Ratio("neighbour_leaders", "grids_total")))
        .with(extra("certified_per_village", InputDataset.SERVICE_APPEALS, MetricWindow.STOCK,
            new MetricKind.Ratio("households_certified", "villages_total")))
        .with(extra("villages_over_1m", InputDataset.COLLECTIVE_INCOME, MetricWindow.ANNUAL,
            new MetricKind.FilteredCount(new Condition(List.of(new com.governancemetrics.metrics
                .Comparison("operating_income_yuan", Comparison.Operator.AT_LEAST, null,
                    new java.math.BigDecimal("1000000"))), List.of()))))
        .with(extra("open_cases", InputDataset.RECTIFICATION_CASES, MetricWindow.AS_OF,
            new MetricKind.CaseCount(List.of("weak_party_org"),
                new Condition(List.of(), List.of(AsOfPredicate.OVERDUE)))));

    Map<InputDataset, Integer> expected = new EnumMap<>(InputDataset.class);
    for (InputDataset d : InputDataset.facts()) {
      expected.put(d, 1);
    }
    for (MetricCatalogue c : List.of(minimal, catalogue, extended)) {
      MetricTables tables = Fixtures.compute(f.spark, accepted, f.registry(),
          List.of(Period.parse("2024-06")), full.withCatalogue(c),
          Fixtures.incomeYears(accepted, List.of(Period.parse("2024-06"))));
      for (Level level : Level.values()) {
        Dataset<Row> table = tables.of(level);
        List<Row> rows = table.collectAsList();
        assertThat(rows).as("%s with %d metrics", level.table(), c.metrics().size()).hasSize(
            c.metrics().size() * switch (level) {
              case TOWNSHIP -> 4;
              case COUNTY -> 3;
              case CITY -> 2;
              case PROVINCE -> 1;
            });
        SparkPlan executed = table.queryExecution().executedPlan();
        assertThat(scans(executed))
            .as("Parquet scans per input of %s with %d metrics in\n%s", level.table(),
                c.metrics().size(), executed)
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void computeRunsNoSparkJobItOnlyBuildsThePlan() throws InterruptedException {
    Fixtures f = Fixtures.standard(dir).grid("330101001", "2024-06", 100, 90, 10, 5, 4, 4)
        .income("330101001", "001", 2023, "120000");
    Map<InputDataset, Dataset<Row>> accepted = f.accepted();
    Dataset<Row> registry = f.registry();
    java.util.concurrent.atomic.AtomicInteger jobs = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.CountDownLatch marker = new java.util.concurrent.CountDownLatch(1);
    org.apache.spark.scheduler.SparkListener listener = new org.apache.spark.scheduler.SparkListener() {
      @Override
      public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart start) {
        if ("marker".equals(start.properties().getProperty("spark.job.description"))) {
          marker.countDown();
        } else if (marker.getCount() > 0) {
          jobs.incrementAndGet();
        }
      }
    };
    f.spark.sparkContext().addSparkListener(listener);
    try {
      Fixtures.compute(f.spark, accepted, registry,
          List.of(Period.parse("2024-06"), Period.parse("2024-07")), GovernanceConfig.defaults(),
          Map.of(2024, 2023));
      // events arrive in order: once the marker job is seen, any job compute started was seen too
      f.spark.sparkContext().setJobDescription("marker");
      f.spark.range(1).count();
      f.spark.sparkContext().setJobDescription(null);
      assertThat(marker.await(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(jobs.get()).as("Spark jobs run by ComparisonTables.compute").isZero();
    } finally {
      f.spark.sparkContext().removeSparkListener(listener);
    }
  }

  private static MetricDefinition extra(String id, InputDataset dataset, MetricWindow window,
      MetricKind kind) {
    return new MetricDefinition(id, "附加", "附加指标。", "测试", dataset, kind, window,
        Direction.HIGHER, Optional.empty());
  }

  /** FileSourceScanExec nodes of the final plan per input dataset (by its folder). */
  static Map<InputDataset, Integer> scans(SparkPlan plan) {
    Map<InputDataset, Integer> counts = new EnumMap<>(InputDataset.class);
    walk(plan, counts);
    return counts;
  }

  private static void walk(SparkPlan plan, Map<InputDataset, Integer> counts) {
    if (plan instanceof AdaptiveSparkPlanExec adaptive) {
      walk(adaptive.executedPlan(), counts);
      return;
    }
    if (plan instanceof QueryStageExec stage) {
      walk(stage.plan(), counts);
      return;
    }
    if (plan instanceof ReusedExchangeExec) {
      return; // the same exchange's output, read once
    }
    if (plan instanceof FileSourceScanExec scan) {
      String root = scan.relation().location().rootPaths().head().toString();
      for (InputDataset d : InputDataset.facts()) {
        if (root.endsWith("/" + d.folder())) {
          counts.merge(d, 1, Integer::sum);
        }
      }
    }
    for (SparkPlan child : ScalaCollections.asJava(plan.children())) {
      walk(child, counts);
    }
    for (SparkPlan sub : ScalaCollections.asJava(plan.subqueries())) {
      walk(sub, counts);
    }
  }
}
