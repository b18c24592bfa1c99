package com.governancemetrics.metrics;

import com.governancemetrics.input.InputDataset;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One metric of the catalogue (SPEC §2): id (part of the contract), Chinese label and one-sentence
 * definition for reports, family, source dataset, kind, window, direction, default target and its own
 * anomaly rules as written ({@link AnomalyRules}; its family's apply too, see {@link
 * MetricCatalogue#anomalyRules}).
 */
public record MetricDefinition(
    String id,
    String label,
    String definition,
    String family,
    InputDataset dataset,
    MetricKind kind,
    MetricWindow window,
    Direction direction,
    Optional<Target> target,
    AnomalyRules anomaly) {

  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*");

  public MetricDefinition {
    Objects.requireNonNull(id, "id");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("metric id must be lower_snake_case: " + id);
    }
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(anomaly, "anomaly");
    if (!window.datasets().contains(dataset)) {
      throw new IllegalArgumentException(id + ": window " + window.configName()
          + " does not apply to " + dataset);
    }
    target.ifPresent(t -> checkTarget(id, direction, t));
  }

  /** A metric without anomaly rules of its own (its family's still apply). */
  public MetricDefinition(String id, String label, String definition, String family,
      InputDataset dataset, MetricKind kind, MetricWindow window, Direction direction,
      Optional<Target> target) {
    this(id, label, definition, family, dataset, kind, window, direction, target, AnomalyRules.NONE);
  }

  /** A band target needs both bounds; higher and lower one number; none no target. */
  public static void checkTarget(String id, Direction direction, Target t) {
    if (direction == Direction.NONE) {
      throw new IllegalArgumentException(id + ": a metric with direction none has no target");
    }
    if (direction == Direction.BAND && !t.isBand()) {
      throw new IllegalArgumentException(id + ": a band target needs both min and max");
    }
    if (direction != Direction.BAND && t.isBand()) {
      throw new IllegalArgumentException(id + ": only a band metric has a min and a max");
    }
  }
}
