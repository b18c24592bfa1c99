package com.governancemetrics.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * governance.yaml as Jackson binds it, one record per section: what the file says, before it is
 * checked; an absent section or key is null. A key that no record has fails with its path. A metric's
 * entry is bound in two parts: the keys every metric has ({@link MetricEntry}) and its kind's own keys
 * ({@link com.governancemetrics.metrics.KindKeys}).
 */
record ConfigFile(
    Settings settings,
    @JsonProperty("case_types") List<String> caseTypes,
    Map<String, BigDecimal> thresholds,
    List<JsonNode> metrics,
    Map<String, Province> provinces,
    @JsonProperty("anomaly_rules") Map<String, JsonNode> anomalyRules) {

  /** The {@code settings:} section; each key is described in conf/governance.yaml. */
  record Settings(
      @JsonProperty("quarantine_tolerance") Double quarantineTolerance,
      @JsonProperty("completeness_minimum") Double completenessMinimum,
      @JsonProperty("shuffle_partitions") Integer shufflePartitions,
      @JsonProperty("history_keep") Integer historyKeep,
      @JsonProperty("lock_stale_after_seconds") Integer lockStaleAfterSeconds) {}

  /** One province's overrides under {@code provinces:}; a target's shape depends on its metric. */
  record Province(Map<String, JsonNode> targets, Map<String, BigDecimal> thresholds) {}

  /**
   * The keys every metric has (SPEC §2). The target is a number or {min, max} by direction, so it is
   * read once the direction is known; {@code anomaly:}, the metric's own anomaly rules, is an {@link
   * AnomalyBlock} read by {@link AnomalyBlocks}.
   */
  record MetricEntry(String id, String label, String definition, String family, String dataset,
      String kind, String window, String direction, JsonNode target, JsonNode anomaly) {}

  /**
   * A family's rules under {@code anomaly_rules:}, or a metric's {@code anomaly:} block: each rule a
   * mapping of its keys (or, in a metric's block, {@code false} to switch the family's off), so each
   * is read once its shape is known.
   */
  record AnomalyBlock(JsonNode jump, @JsonProperty("outside_range") JsonNode outsideRange,
      @JsonProperty("growing_stocks") List<String> growingStocks,
      @JsonProperty("full_while_peers_spread") JsonNode fullWhilePeersSpread) {}

  /** {@code jump:}; an absent key takes its default (described in conf/governance.yaml). */
  record JumpKeys(@JsonProperty("max_change") Double maxChange) {}

  /** {@code outside_range:}. */
  record OutsideRangeKeys(Double k, @JsonProperty("min_history") Integer minHistory,
      @JsonProperty("min_margin") Double minMargin) {}

  /** {@code full_while_peers_spread:}. */
  record FullWhilePeersSpreadKeys(@JsonProperty("min_spread") Double minSpread,
      @JsonProperty("min_units") Integer minUnits) {}

  /** A band target: {@code {min: 5, max: 15}}. */
  record Band(Double min, Double max) {}
}
