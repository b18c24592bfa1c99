package com.governancemetrics.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two references of the benchmark compute the same county table: DuckDB and the naive Spark SQL
 * job run on the same tiny input root and agree on every county and metric (numerator, denominator,
 * value, rank); and a few metrics match values computed here in plain Java from the rows the fixture
 * knows to be acceptable, so the shared SQL is right too, not only consistent.
 */
class ReferenceAgreementTest {

  private static final double EPS = 1e-9;

  @TempDir
  static Path tmp;

  private static TinyInputs inputs;
  private static Map<String, MetricRow> duck;
  private static Map<String, MetricRow> naive;
  private static Set<String> ningxiaCounties;

  /** One county metric row as either reference wrote it. */
  record MetricRow(String county, String metric, Double numerator, Double denominator, Double value,
      Integer rank) {}

  @BeforeAll
  static void runBothReferences() throws Exception {
    SparkSession spark = BenchSpark.get();
    Path registry = BenchSpark.projectRoot().resolve("data/admin-divisions");
    inputs = TinyInputs.shared(spark, registry);
    Path input = inputs.root;
    ReadPlan plan = ReadPlan.forNightly(input, TinyInputs.PERIOD);

    long duckRows = DuckDbCountyTable.run(plan, registry, tmp.resolve("duckdb"));
    NaiveSparkSql.run(spark, plan, registry, tmp.resolve("naive"));

    duck = read(spark, tmp.resolve("duckdb/county_metrics.parquet"));
    naive = read(spark, tmp.resolve("naive"));
    assertThat(duckRows).isEqualTo(duck.size());
    ningxiaCounties = Files.readAllLines(registry.resolve("streets.csv"), StandardCharsets.UTF_8).stream()
        .skip(1).map(l -> l.split(",")).filter(f -> f[3].equals("64")).map(f -> f[2])
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Map<String, MetricRow> read(SparkSession spark, Path path) {
    Map<String, MetricRow> rows = new HashMap<>();
    for (Row r : spark.read().parquet(path.toString()).collectAsList()) {
      MetricRow m = new MetricRow(r.getAs("county_code"), r.getAs("metric_id"), r.getAs("numerator"),
          r.getAs("denominator"), r.getAs("value"), r.getAs("rank_in_province"));
      rows.put(m.county() + "/" + m.metric(), m);
    }
    return rows;
  }

  @Test
  void bothHaveEveryCountyOfTheProvinceWithDataForEveryMetric() {
    assertThat(ningxiaCounties).hasSizeGreaterThan(3);
    assertThat(duck).hasSize(ningxiaCounties.size() * 17);
    assertThat(naive.keySet()).isEqualTo(duck.keySet());
    assertThat(duck.values().stream().map(MetricRow::county).collect(Collectors.toSet()))
        .isEqualTo(ningxiaCounties);
    assertThat(duck.values().stream().map(MetricRow::metric).distinct())
        .containsExactlyInAnyOrderElementsOf(CountyMetricSql.catalogue(TinyInputs.PERIOD).stream()
            .map(CountyMetricSql.Metric::id).toList());
  }

  @Test
  void duckDbAndNaiveSparkSqlAgreeOnEveryRow() {
    List<String> differences = new ArrayList<>();
    for (Map.Entry<String, MetricRow> e : duck.entrySet()) {
      MetricRow d = e.getValue();
      MetricRow n = naive.get(e.getKey());
      if (n == null || !close(d.numerator(), n.numerator()) || !close(d.denominator(), n.denominator())
          || !close(d.value(), n.value()) || !java.util.Objects.equals(d.rank(), n.rank())) {
        differences.add(d + " vs " + n);
      }
    }
    assertThat(differences).isEmpty();
    // the fixture gives values to the three counties it delivers for, so agreement is not all nulls
    assertThat(duck.values().stream().filter(r -> r.value() != null).count()).isGreaterThan(40);
  }

  @Test
  void stockAndYtdRatiosAreSumsOverTheAcceptedRows() {
    Map<String, List<TinyInputs.Grid>> grid = TinyInputs.byCounty(inputs.acceptedGrid.stream()
        .filter(g -> g.period().equals("2024-03")).toList(), TinyInputs.Grid::township);
    assertThat(grid).hasSize(3);
    grid.forEach((county, rows) -> {
      double covered = rows.stream().mapToLong(TinyInputs.Grid::covered).sum();
      double total = rows.stream().mapToLong(TinyInputs.Grid::total).sum();
      MetricRow m = duck.get(county + "/household_coverage");
      assertThat(m.numerator()).isEqualTo(covered);
      assertThat(m.denominator()).isEqualTo(total);
      assertThat(m.value()).isCloseTo(covered / total, within(EPS));
    });
    // competition ranking within the province, highest first
    List<Double> values = grid.keySet().stream().map(c -> duck.get(c + "/household_coverage").value()).toList();
    for (String county : grid.keySet()) {
      double v = duck.get(county + "/household_coverage").value();
      int expected = 1 + (int) values.stream().filter(x -> x > v).count();
      assertThat(duck.get(county + "/household_coverage").rank()).isEqualTo(expected);
    }

    Map<String, List<TinyInputs.Service>> ytd = TinyInputs.byCounty(inputs.acceptedService.stream()
        .filter(s -> s.period().startsWith("2024-")).toList(), TinyInputs.Service::township);
    ytd.forEach((county, rows) -> {
      double resolved = rows.stream().mapToLong(TinyInputs.Service::resolved).sum();
      double received = rows.stream().mapToLong(TinyInputs.Service::received).sum();
      assertThat(duck.get(county + "/appeal_resolution_rate").value()).isCloseTo(resolved / received, within(EPS));
    });

    String silent = ningxiaCounties.stream().filter(c -> !grid.containsKey(c)).findFirst().orElseThrow();
    MetricRow none = duck.get(silent + "/household_coverage");
    assertThat(none.numerator()).isNull();
    assertThat(none.value()).isNull();
    assertThat(none.rank()).isNull();
  }

  @Test
  void incomeMetricsUseTheLatestYearAndAnExactMedian() {
    Map<String, List<TinyInputs.Income>> income = TinyInputs.byCounty(inputs.acceptedIncome,
        TinyInputs.Income::township);
    assertThat(income).hasSize(2);
    income.forEach((county, rows) -> {
      List<BigDecimal> sorted = rows.stream().map(TinyInputs.Income::operating).sorted().toList();
      int n = sorted.size();
      BigDecimal median = n % 2 == 1 ? sorted.get(n / 2)
          : sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(BigDecimal.valueOf(2));
      assertThat(duck.get(county + "/median_operating_income").value())
          .isCloseTo(median.doubleValue(), within(EPS));
      long hollow = rows.stream().filter(r -> r.operating().signum() <= 0).count();
      assertThat(duck.get(county + "/hollow_villages").value()).isEqualTo((double) hollow);
      long ge100k = rows.stream().filter(r -> r.operating().compareTo(new BigDecimal(100000)) >= 0).count();
      assertThat(duck.get(county + "/income_ge_100k_share").numerator()).isEqualTo((double) ge100k);
      assertThat(duck.get(county + "/income_ge_100k_share").denominator()).isEqualTo((double) n);
    });
    // the county whose only income rows are of 2021 gets nothing: 2023 is the year of the whole run
    String third = inputs.county(4);
    assertThat(duck.get(third + "/median_operating_income").value()).isNull();
    assertThat(duck.get(third + "/hollow_villages").value()).isNull();
  }

  @Test
  void caseMetricsAreJudgedAsOfTheLastDayAndCountiesWithoutCasesGetZero() {
    LocalDate start = LocalDate.of(2024, 1, 1);
    LocalDate d = LocalDate.of(2024, 3, 31);
    Map<String, List<TinyInputs.Case>> cases = TinyInputs.byCounty(inputs.acceptedCases, TinyInputs.Case::township);
    for (String county : ningxiaCounties) {
      List<TinyInputs.Case> rows = cases.getOrDefault(county, List.of());
      long identified = rows.stream().filter(c -> c.type().equals("weak_party_org")
          && !c.identified().isBefore(start) && !c.identified().isAfter(d)).count();
      long overdue = rows.stream().filter(c -> c.deadline().isBefore(d)
          && (c.rectified() == null || c.rectified().isAfter(d))).count();
      List<TinyInputs.Case> rectified = rows.stream().filter(c -> c.rectified() != null
          && !c.rectified().isBefore(start) && !c.rectified().isAfter(d)).toList();
      long onTime = rectified.stream().filter(c -> !c.rectified().isAfter(c.deadline())).count();

      assertThat(duck.get(county + "/weak_orgs_identified_ytd").value()).isEqualTo((double) identified);
      assertThat(duck.get(county + "/overdue_open_cases").value()).isEqualTo((double) overdue);
      MetricRow rate = duck.get(county + "/on_time_rectification_rate");
      assertThat(rate.numerator()).isEqualTo((double) onTime);
      assertThat(rate.denominator()).isEqualTo((double) rectified.size());
      if (rectified.isEmpty()) {
        assertThat(rate.value()).isNull();
      } else {
        assertThat(rate.value()).isCloseTo((double) onTime / rectified.size(), within(EPS));
      }
    }
    // the fixture's cases make these non-trivial: some overdue, some late
    assertThat(duck.values().stream().filter(r -> r.metric().equals("overdue_open_cases"))
        .mapToDouble(MetricRow::value).sum()).isEqualTo(2.0);
  }

  private static boolean close(Double a, Double b) {
    if (a == null || b == null) {
      return a == b;
    }
    return Math.abs(a - b) <= EPS * Math.max(1.0, Math.abs(a));
  }
}
