package com.governancemetrics.config;

import static com.governancemetrics.config.CatalogueConfigTest.failsWith;
import static com.governancemetrics.config.CatalogueConfigTest.parse;
import static com.governancemetrics.config.CatalogueConfigTest.shipped;
import static com.governancemetrics.config.CatalogueConfigTest.withMetric;
import static org.assertj.core.api.Assertions.assertThat;

import com.governancemetrics.metrics.AnomalyRules;
import com.governancemetrics.metrics.MetricCatalogue;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The anomaly rules of the catalogue: a family's under anomaly_rules:, a metric's own anomaly:. */
class AnomalyRulesConfigTest {

  private static AnomalyRules rulesOf(MetricCatalogue c, String metricId) {
    return c.anomalyRules(c.metric(metricId).orElseThrow());
  }

  @Test
  void theShippedRulesJudgeTheCoverageRatiosAndNotTheCounts() throws IOException {
    MetricCatalogue c = parse(shipped()).catalogue();
    AnomalyRules coverage = rulesOf(c, "household_coverage");
    assertThat(coverage.jump().maxChange()).isEqualTo(0.15);
    assertThat(coverage.outsideRange()).isEqualTo(new AnomalyRules.OutsideRange(3, 6, 0));
    assertThat(coverage.fullWhilePeersSpread())
        .isEqualTo(new AnomalyRules.FullWhilePeersSpread(0.15, 5));
    assertThat(coverage.growingStocks()).isEmpty();
    // villages_total is platform_coverage's denominator: it should only grow
    AnomalyRules platform = rulesOf(c, "platform_coverage");
    assertThat(platform.growingStocks()).containsExactly("villages_total");
    assertThat(platform.fullWhilePeersSpread()).as("switched off by the metric").isNull();
    assertThat(platform.jump()).isNotNull();
    // a ytd rate of the same family: no stock denominator
    assertThat(rulesOf(c, "appeal_resolution_rate").growingStocks()).isEmpty();
    // not a share (households per leader) and families without rules
    assertThat(rulesOf(c, "households_per_neighbour_leader").any()).isFalse();
    assertThat(rulesOf(c, "hollow_villages").any()).isFalse();
    assertThat(rulesOf(c, "overdue_open_cases").any()).isFalse();
  }

  @Test
  void aFileWithoutTheSectionKeepsTheShippedRulesAndAnEmptySectionHasNone() {
    String family = withMetric("family: 测试", "family: 三长制");
    assertThat(rulesOf(parse(family).catalogue(), "my_ratio").jump().maxChange()).isEqualTo(0.15);
    assertThat(rulesOf(parse(family + "anomaly_rules: {}\n").catalogue(), "my_ratio").any())
        .isFalse();
  }

  @Test
  void aFamilysRulesTakeDefaultsForTheKeysLeftOut() {
    String yaml = withMetric("target: 0.9", "target: 0.9") + String.join("\n", "anomaly_rules:",
        "  测试:", "    jump: {max_change: 0.2}", "    outside_range: {}",
        "    growing_stocks: [households_total]", "    full_while_peers_spread: {min_units: 8}",
        "");
    AnomalyRules rules = rulesOf(parse(yaml).catalogue(), "my_ratio");
    assertThat(rules.jump().maxChange()).isEqualTo(0.2);
    assertThat(rules.outsideRange()).isEqualTo(new AnomalyRules.OutsideRange(3, 6, 0));
    assertThat(rules.growingStocks()).containsExactly("households_total");
    assertThat(rules.fullWhilePeersSpread())
        .isEqualTo(new AnomalyRules.FullWhilePeersSpread(0.15, 8));
  }

  @Test
  void aMetricsOwnBlockReplacesOrSwitchesOffItsFamilysRule() {
    String family = String.join("\n", "anomaly_rules:", "  测试:", "    jump: {max_change: 0.2}",
        "    outside_range: {k: 4}", "");
    String yaml = withMetric("target: 0.9", String.join("\n", "target: 0.9", "    anomaly:",
        "      jump: {max_change: 0.05}", "      outside_range: false")) + family;
    AnomalyRules rules = rulesOf(parse(yaml).catalogue(), "my_ratio");
    assertThat(rules.jump().maxChange()).isEqualTo(0.05);
    assertThat(rules.outsideRange()).isNull();
  }

  @Test
  void mistakesNameTheKey() {
    String metric = withMetric("target: 0.9", "target: 0.9");
    failsWith(metric + "anomaly_rules:\n  三长治:\n    jump: {}\n", "anomaly_rules.三长治",
        "unknown family", "测试");
    failsWith(metric + "anomaly_rules:\n  测试:\n    jump: {max_change: -1}\n",
        "anomaly_rules.测试.jump.max_change", "not negative");
    failsWith(metric + "anomaly_rules:\n  测试:\n    jumps: {}\n", "anomaly_rules.测试.jumps",
        "unknown key");
    failsWith(metric + "anomaly_rules:\n  测试:\n    jump: false\n", "anomaly_rules.测试.jump",
        "expected a mapping");
    failsWith(metric + "anomaly_rules:\n  测试:\n    outside_range: {min_history: 13}\n",
        "anomaly_rules.测试.outside_range.min_history", "between 1 and 12");
    failsWith(metric + "anomaly_rules:\n  测试:\n    growing_stocks: [villages]\n",
        "anomaly_rules.测试.growing_stocks[0]", "not a stock column");
    failsWith(metric + "anomaly_rules:\n  测试:\n    full_while_peers_spread: {min_units: 1}\n",
        "anomaly_rules.测试.full_while_peers_spread.min_units", "at least 2");
    failsWith(withMetric("target: 0.9", "target: 0.9\n    anomaly:\n      growing_stocks: "
        + "[villages_total]"), "metrics[0].anomaly.growing_stocks[0]", "my_ratio",
        "not this metric's denominator (households_total)");
    failsWith(withMetric("target: 0.9", "target: 0.9\n    anomaly: 3"), "metrics[0].anomaly",
        "my_ratio", "expected a mapping of keys");
    assertThat(List.of(ConfigLoader.TOP_LEVEL_KEYS.toArray())).contains("anomaly_rules");
  }
}
