package com.governancemetrics.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.governancemetrics.input.InputDataset;
import com.governancemetrics.jobs.ExitCode;
import com.governancemetrics.metrics.Comparison;
import com.governancemetrics.metrics.Condition;
import com.governancemetrics.metrics.Direction;
import com.governancemetrics.metrics.MetricCatalogue;
import com.governancemetrics.metrics.MetricDefinition;
import com.governancemetrics.metrics.MetricKind;
import com.governancemetrics.metrics.MetricWindow;
import com.governancemetrics.metrics.Target;
import com.governancemetrics.testing.SharedSpark;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** The catalogue in conf/governance.yaml, and every configuration mistake caught before any data. */
class CatalogueConfigTest {

  static final String OK_METRIC = String.join("\n",
      "  - id: my_ratio",
      "    label: 测试",
      "    definition: 测试口径。",
      "    family: 测试",
      "    dataset: grid_coverage",
      "    kind: ratio",
      "    numerator: households_covered",
      "    denominator: households_total",
      "    window: stock",
      "    direction: higher",
      "    target: 0.9");

  static String shipped() throws IOException {
    return Files.readString(SharedSpark.projectRoot().resolve("conf/governance.yaml"));
  }

  static GovernanceConfig parse(String yaml) {
    return ConfigLoader.parse("my.yaml", yaml.getBytes(StandardCharsets.UTF_8));
  }

  /** A config whose only metric is {@link #OK_METRIC} with one line replaced. */
  static String withMetric(String from, String to) {
    assertThat(OK_METRIC).contains(from);
    return "metrics:\n" + OK_METRIC.replace(from, to) + "\n";
  }

  static AbstractThrowableAssert<?, ? extends Throwable> failsWith(String yaml, String key,
      String... words) {
    var thrown = assertThatThrownBy(() -> parse(yaml)).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("my.yaml: ").hasMessageContaining(key);
    for (String w : words) {
      thrown.hasMessageContaining(w);
    }
    thrown.satisfies(e -> assertThat(ExitCode.of((ConfigException) e)).isEqualTo(ExitCode.USAGE));
    return thrown;
  }

  @Test
  void theShippedCatalogueHasEveryMetricOfTheSpec() throws IOException {
    MetricCatalogue c = parse(shipped()).catalogue();
    assertThat(c.metrics()).extracting(MetricDefinition::id).containsExactly(
        "household_coverage", "grid_party_org_coverage", "party_member_leader_share",
        "households_per_neighbour_leader", "platform_coverage", "appeal_resolution_rate",
        "dispute_settlement_rate", "income_ge_100k_share", "income_ge_500k_share",
        "hollow_villages", "weak_villages", "median_operating_income", "weak_orgs_identified_ytd",
        "weak_orgs_rectified_ytd", "weak_org_rectification_rate", "overdue_open_cases",
        "on_time_rectification_rate");
    assertThat(c.metrics()).allSatisfy(m -> {
      assertThat(m.label()).isNotBlank();
      assertThat(m.definition()).isNotBlank();
      assertThat(m.family()).isNotBlank();
    });
    MetricDefinition coverage = c.metric("household_coverage").orElseThrow();
    assertThat(coverage.label()).isEqualTo("三长联系户覆盖率");
    assertThat(coverage.kind()).isEqualTo(new MetricKind.Ratio("households_covered",
        "households_total"));
    assertThat(coverage.window()).isEqualTo(MetricWindow.STOCK);
    assertThat(coverage.target()).contains(Target.of(0.95));
    assertThat(c.metric("households_per_neighbour_leader").orElseThrow().target())
        .contains(Target.band(5, 15));
    assertThat(c.metric("appeal_resolution_rate").orElseThrow().window()).isEqualTo(MetricWindow.YTD);
    assertThat(c.metric("hollow_villages").orElseThrow().direction()).isEqualTo(Direction.LOWER);
    assertThat(c.metric("overdue_open_cases").orElseThrow().target()).contains(Target.of(0));
    assertThat(c.metric("weak_orgs_identified_ytd").orElseThrow().direction())
        .isEqualTo(Direction.NONE);
    assertThat(c.metric("income_ge_500k_share").orElseThrow().target()).isEmpty();
    assertThat(c.thresholds()).containsEntry("income_100k", new BigDecimal("100000"))
        .containsEntry("hollow_income", new BigDecimal("0"));
    MetricKind.FilteredCount weak = (MetricKind.FilteredCount)
        c.metric("weak_villages").orElseThrow().kind();
    assertThat(weak.filter().comparisons()).containsExactly(
        new Comparison("operating_income_yuan", Comparison.Operator.ABOVE, "hollow_income", null),
        new Comparison("operating_income_yuan", Comparison.Operator.BELOW, "weak_income", null));
    MetricKind.CaseCount overdue = (MetricKind.CaseCount)
        c.metric("overdue_open_cases").orElseThrow().kind();
    assertThat(overdue.caseTypes()).containsExactly("weak_party_org", "inspection_finding");
    assertThat(c.provinces()).isEmpty();
    // the bundled copy in the jar is the same file
    assertThat(GovernanceConfig.defaults().catalogue()).isEqualTo(c);
  }

  @Test
  void aFileWithoutMetricsKeepsTheShippedCatalogueAndAppliesItsOverrides() {
    GovernanceConfig config = parse("provinces:\n  \"33\":\n    targets:\n      household_coverage: 0.97\n"
        + "    thresholds:\n      hollow_income: 49999.99\n");
    assertThat(config.catalogue().metrics()).hasSize(17);
    assertThat(config.catalogue().target("household_coverage", "33")).contains(Target.of(0.97));
    assertThat(config.catalogue().target("household_coverage", "34")).contains(Target.of(0.95));
    assertThat(config.catalogue().thresholdOverrides("hollow_income"))
        .isEqualTo(Map.of("33", new BigDecimal("49999.99")));
    // the old three-argument constructor keeps working with the shipped catalogue
    assertThat(new GovernanceConfig("x", "y", JobSettings.defaults()).catalogue().metrics())
        .hasSize(17);
  }

  @Test
  void aNewRatioOfTwoColumnsIsConfigurationOnly() {
    MetricCatalogue c = parse("metrics:\n" + OK_METRIC.replace("my_ratio", "leaders_per_grid")
        .replace("households_covered", "neighbour_leaders")
        .replace("households_total", "grids_total") + "\n").catalogue();
    assertThat(c.metrics()).singleElement().satisfies(m -> {
      assertThat(m.dataset()).isEqualTo(InputDataset.GRID_COVERAGE);
      assertThat(m.kind()).isEqualTo(new MetricKind.Ratio("neighbour_leaders", "grids_total"));
    });
  }

  @Test
  void unknownKind() {
    failsWith(withMetric("kind: ratio", "kind: ratoi"), "metrics[0].kind", "my_ratio", "ratoi",
        "known kinds");
  }

  @Test
  void unknownDataset() {
    failsWith(withMetric("dataset: grid_coverage", "dataset: grid"), "metrics[0].dataset",
        "my_ratio", "unknown dataset 'grid'");
  }

  @Test
  void unknownColumn() {
    failsWith(withMetric("numerator: households_covered", "numerator: households_coverd"),
        "metrics[0].numerator", "my_ratio", "unknown column 'households_coverd'");
    failsWith(withMetric("numerator: households_covered", "numerator: period"),
        "metrics[0].numerator", "not numeric");
  }

  @Test
  void unknownColumnOrThresholdInACondition() {
    String share = "metrics:\n" + OK_METRIC.replace("kind: ratio", "kind: share")
        .replace("    numerator: households_covered\n    denominator: households_total",
            "    filter: households_covered >= 10") + "\n";
    assertThat(parse(share).catalogue().metrics()).hasSize(1);
    failsWith(share.replace("households_covered >= 10", "households >= 10"), "metrics[0].filter",
        "my_ratio", "unknown numeric column 'households'");
    failsWith(share.replace("households_covered >= 10", "households_covered >= lots"),
        "metrics[0].filter", "unknown threshold 'lots'");
    failsWith(share.replace("households_covered >= 10", "households_covered >> 10"),
        "metrics[0].filter", "cannot read condition");
  }

  @Test
  void unknownWindowOrAWindowOfAnotherDataset() {
    failsWith(withMetric("window: stock", "window: monthly"), "metrics[0].window", "my_ratio",
        "unknown window 'monthly'");
    failsWith(withMetric("window: stock", "window: annual"), "metrics[0].window",
        "does not apply to grid_coverage");
  }

  @Test
  void unknownDirection() {
    failsWith(withMetric("direction: higher", "direction: up"), "metrics[0].direction", "my_ratio",
        "unknown direction 'up'");
  }

  @Test
  void aBandNeedsBothBounds() {
    failsWith(withMetric("direction: higher\n    target: 0.9",
        "direction: band\n    target: {min: 5}"), "metrics[0].target.max", "my_ratio",
        "both min and max");
    failsWith(withMetric("direction: higher\n    target: 0.9", "direction: band\n    target: 5"),
        "metrics[0].target", "{min: …, max: …}");
    failsWith(withMetric("direction: higher\n    target: 0.9", "direction: band"),
        "metrics[0].target", "band metric needs");
    failsWith(withMetric("target: 0.9", "target: {min: 1, max: 2}"), "metrics[0].target",
        "only band metrics");
  }

  @Test
  void aDuplicateId() {
    String yaml = "metrics:\n" + OK_METRIC + "\n" + OK_METRIC + "\n";
    failsWith(yaml, "metrics[1].id", "my_ratio", "defined twice");
  }

  @Test
  void aTargetForAnUnknownMetricOrProvince() {
    String base = "metrics:\n" + OK_METRIC + "\n";
    failsWith(base + "provinces:\n  \"33\":\n    targets:\n      nope: 0.5\n",
        "provinces.33.targets.nope", "unknown metric 'nope'");
    failsWith(base + "provinces:\n  \"99\":\n    targets:\n      my_ratio: 0.5\n", "provinces.99",
        "unknown province '99'");
    failsWith(base + "provinces:\n  \"33\":\n    thresholds:\n      nope: 5\n",
        "provinces.33.thresholds.nope", "unknown threshold 'nope'");
    failsWith(base + "provinces:\n  \"33\":\n    goals: {}\n", "provinces.33.goals", "unknown key");
  }

  @Test
  void kindsAndCaseTypesMustFitTheDataset() {
    failsWith(withMetric("kind: ratio", "kind: case_count"), "metrics[0].kind",
        "applies only to rectification_cases");
    String cases = String.join("\n", "metrics:", "  - id: my_cases", "    label: 测试",
        "    definition: 测试。", "    family: 测试", "    dataset: rectification_cases",
        "    kind: case_count", "    case_types: [weak_party_org]", "    filter: identified_ytd",
        "    window: as_of", "    direction: none", "");
    assertThat(parse(cases).catalogue().metrics()).hasSize(1);
    failsWith(cases.replace("[weak_party_org]", "[weak]"), "metrics[0].case_types",
        "unknown case type 'weak'");
    failsWith(cases.replace("filter: identified_ytd", "filter: identified_this_year"),
        "metrics[0].filter", "unknown case condition");
    failsWith(cases.replace("direction: none", "direction: none\n    target: 1"),
        "metrics[0].target", "direction none has no target");
    failsWith(withMetric("label: 测试", "labels: 测试"), "metrics[0].labels", "unknown key");
    failsWith(withMetric("    label: 测试\n", ""), "metrics[0].label", "missing 'label'");
  }

  @Test
  void negativeThresholdsAreConfigurationErrors() {
    failsWith("thresholds:\n  income_100k: -100000\n", "thresholds.income_100k", "must not be negative",
        "-100000", "income_ge_100k_share");
    failsWith("provinces:\n  \"33\":\n    thresholds:\n      hollow_income: -0.01\n",
        "provinces.33.thresholds.hollow_income", "province 33", "must not be negative",
        "hollow_villages, weak_villages");
    // zero is a threshold like any other (the shipped hollow threshold)
    assertThat(parse("thresholds:\n  hollow_income: 0\n").catalogue().thresholds())
        .containsEntry("hollow_income", BigDecimal.ZERO);
  }

  @Test
  void negativeTargetsAreConfigurationErrors() {
    failsWith(withMetric("target: 0.9", "target: -0.9"), "metrics[0].target", "my_ratio",
        "must not be negative");
    failsWith(withMetric("direction: higher\n    target: 0.9",
        "direction: band\n    target: {min: -1, max: 2}"), "metrics[0].target.min", "my_ratio",
        "must not be negative");
    String base = "metrics:\n" + OK_METRIC + "\n";
    failsWith(base + "provinces:\n  \"33\":\n    targets:\n      my_ratio: -0.5\n",
        "provinces.33.targets.my_ratio", "province 33, metric my_ratio", "must not be negative");
    failsWith("provinces:\n  \"33\":\n    targets:\n      hollow_villages: -1\n",
        "provinces.33.targets.hollow_villages", "metric hollow_villages", "must not be negative");
  }

  @Test
  void aBandsMinMustNotExceedItsMax() {
    failsWith(withMetric("direction: higher\n    target: 0.9",
        "direction: band\n    target: {min: 15, max: 5}"), "metrics[0].target.max", "my_ratio",
        "below min");
    failsWith("provinces:\n  \"33\":\n    targets:\n"
        + "      households_per_neighbour_leader: {min: 9, max: 3}\n",
        "provinces.33.targets.households_per_neighbour_leader.max",
        "metric households_per_neighbour_leader", "below min");
    failsWith("provinces:\n  \"33\":\n    targets:\n"
        + "      households_per_neighbour_leader: {min: 3, max: 9, mid: 6}\n",
        "provinces.33.targets.households_per_neighbour_leader.mid", "unknown key 'mid'");
    // min = max is a band of one value
    assertThat(parse(withMetric("direction: higher\n    target: 0.9",
        "direction: band\n    target: {min: 7, max: 7}")).catalogue().metrics().get(0).target())
        .contains(Target.band(7, 7));
  }

  @Test
  void eachKindTakesOnlyItsOwnKeys() {
    failsWith(withMetric("    denominator: households_total\n", "    filter: households_total > 0\n"
        + "    denominator: households_total\n"), "metrics[0].filter", "my_ratio",
        "unknown key 'filter'", "numerator", "denominator");
    failsWith(withMetric("    denominator: households_total\n", ""), "metrics[0].denominator",
        "my_ratio", "needs a column of grid_coverage");
    String share = "metrics:\n" + OK_METRIC.replace("kind: ratio", "kind: share")
        .replace("    numerator: households_covered\n    denominator: households_total",
            "    filter: households_covered >= 10") + "\n";
    assertThat(parse(share).catalogue().metrics().get(0).kind()).isEqualTo(new MetricKind.Share(
        new Condition(List.of(new Comparison("households_covered",
            Comparison.Operator.AT_LEAST, null, new BigDecimal("10"))), List.of()),
        Condition.ALWAYS));
    failsWith(share.replace("filter:", "numerator: households_covered\n    filter:"),
        "metrics[0].numerator", "unknown key 'numerator'", "among");
    String median = "metrics:\n" + OK_METRIC.replace("kind: ratio", "kind: median")
        .replace("    numerator: households_covered\n    denominator: households_total",
            "    column: households_total") + "\n";
    assertThat(parse(median).catalogue().metrics().get(0).kind())
        .isEqualTo(new MetricKind.Median("households_total", 0));
    failsWith(median.replace("column: households_total", "column: township_code"),
        "metrics[0].column", "my_ratio", "not numeric");
  }

  @Test
  void aMistypedMetricKeyNamesTheMetric() {
    failsWith(withMetric("numerator: households_covered", "numerator: [households_covered]"),
        "metrics[0].numerator", "my_ratio", "expected a text value, got a list");
    failsWith(withMetric("label: 测试", "label: {zh: 测试}"), "metrics[0].label", "my_ratio",
        "expected a text value");
    failsWith(withMetric("target: 0.9", "target: high"), "metrics[0].target", "my_ratio",
        "expected a number, got 'high'");
    failsWith("metrics:\n  - just a name\n", "metrics[0]", "expected a mapping of keys");
    failsWith("metrics: {a: 1}\n", "metrics", "expected a list");
  }

  @Test
  void aMetricIdStartsWithALetter() {
    failsWith(withMetric("id: my_ratio", "id: _my_ratio"), "metrics[0].id", "lower_snake_case");
    failsWith(withMetric("id: my_ratio", "id: My_ratio"), "metrics[0].id", "lower_snake_case");
  }

  @Test
  void aCaseKindWithoutCaseTypesCountsEveryType() {
    String cases = String.join("\n", "metrics:", "  - id: my_cases", "    label: 测试",
        "    definition: 测试。", "    family: 测试", "    dataset: rectification_cases",
        "    kind: case_ratio", "    among: identified_ytd", "    filter: rectified_by_d",
        "    window: as_of", "    direction: higher", "");
    MetricKind.CaseRatio kind = (MetricKind.CaseRatio) parse(cases).catalogue().metrics().get(0)
        .kind();
    assertThat(kind.caseTypes()).containsExactly("weak_party_org", "inspection_finding");
    failsWith(cases.replace("    among: identified_ytd\n", ""), "metrics[0].among", "my_cases",
        "needs a condition");
    failsWith(cases.replace("kind: case_ratio", "kind: case_ratio\n    case_types: []"),
        "metrics[0].case_types", "lists no case type");
  }

  @Test
  void topLevelKeysAreChecked() {
    failsWith("metric: []\n", "metric", "unknown key");
    failsWith("thresholds:\n  Income: 5\nmetrics: []\n", "thresholds.Income", "lower_snake_case");
    assertThat(List.of(ConfigLoader.TOP_LEVEL_KEYS.toArray())).contains("metrics", "provinces",
        "thresholds");
  }
}
