package com.governancemetrics.metrics;

/**
 * Extension point for the anomaly rules of a metric (SPEC §3: anomaly, anomaly_reason). No rule exists
 * yet, so this record has no component and a metric's {@code anomaly:} block in the configuration
 * accepts no key. Each rule becomes a component here (its key in the YAML), with its check and its
 * use in the metrics; every other key still fails with its path. Rules shared by a family would bind
 * this same record from a section of their own.
 */
public record AnomalyRules() {}
