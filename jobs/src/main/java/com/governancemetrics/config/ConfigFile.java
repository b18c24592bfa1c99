package com.governancemetrics.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.governancemetrics.metrics.AnomalyRules;
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
    Map<String, Province> provinces) {

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
   * read once the direction is known. {@code anomaly:} is where a metric's anomaly rules will go: it
   * binds to {@link AnomalyRules}, which has no rule yet, so every key inside it fails.
   */
  record MetricEntry(String id, String label, String definition, String family, String dataset,
      String kind, String window, String direction, JsonNode target, AnomalyRules anomaly) {}

  /** A band target: {@code {min: 5, max: 15}}. */
  record Band(Double min, Double max) {}
}
