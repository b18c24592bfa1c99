package com.governancemetrics.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.governancemetrics.input.InputDataset;
import com.governancemetrics.metrics.AnomalyRules;
import com.governancemetrics.metrics.Direction;
import com.governancemetrics.metrics.InvalidMetricKey;
import com.governancemetrics.metrics.KindKeys;
import com.governancemetrics.metrics.KindPreconditions;
import com.governancemetrics.metrics.MetricDefinition;
import com.governancemetrics.metrics.MetricKind;
import com.governancemetrics.metrics.MetricWindow;
import com.governancemetrics.metrics.Target;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns one entry of {@code metrics:} into a checked {@link MetricDefinition}: binds the keys every
 * metric has, then hands the rest to its kind ({@link KindKeys}), which binds and checks its own keys
 * against the dataset, and its own anomaly rules ({@link AnomalyBlocks}). Every mistake names the
 * file, the key path and the metric.
 */
final class MetricEntries {

  /** The keys every metric has; any other key belongs to the metric's kind, or is unknown. */
  static final Set<String> COMMON_KEYS = ConfigBinder.keysOf(ConfigFile.MetricEntry.class);

  /** As {@link MetricDefinition} requires: lower_snake_case starting with a letter. */
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*");

  private final ConfigBinder binder;
  private final List<String> thresholdNames;
  private final List<String> caseTypes;

  MetricEntries(ConfigBinder binder, List<String> thresholdNames, List<String> caseTypes) {
    this.binder = binder;
    this.thresholdNames = List.copyOf(thresholdNames);
    this.caseTypes = List.copyOf(caseTypes);
  }

  /** The metric written at {@code path} ({@code metrics[3]}). */
  MetricDefinition metric(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw binder.error(path, "expected a mapping of keys, got " + ConfigBinder.describe(node));
    }
    ObjectNode common = JsonNodeFactory.instance.objectNode();
    ObjectNode own = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> key : node.properties()) {
      (COMMON_KEYS.contains(key.getKey()) ? common : own).set(key.getKey(), key.getValue());
    }
    JsonNode writtenId = node.get("id");
    ConfigFile.MetricEntry entry = binder.bind(common, path, ConfigFile.MetricEntry.class,
        writtenId != null && writtenId.isTextual() ? "metric " + writtenId.asText() + ": " : "",
        Set.of());
    if (entry.id() == null) {
      throw binder.error(ConfigBinder.child(path, "id"), "every metric needs an id");
    }
    if (!ID.matcher(entry.id()).matches()) {
      throw binder.error(ConfigBinder.child(path, "id"),
          "metric id must be lower_snake_case, got '" + entry.id() + "'");
    }
    String where = "metric " + entry.id() + ": ";
    String kindName = required(entry.kind(), path, "kind", where);
    InputDataset dataset = dataset(required(entry.dataset(), path, "dataset", where), path, where);
    KindKeys keys = binder.bind(own, path, kindOf(kindName, dataset, path, where), where, COMMON_KEYS);
    MetricWindow window = window(required(entry.window(), path, "window", where), dataset, path,
        where);
    String directionName = required(entry.direction(), path, "direction", where);
    Direction direction = Direction.fromConfig(directionName).orElseThrow(() ->
        binder.error(ConfigBinder.child(path, "direction"), where + "unknown direction '"
            + directionName + "'; known: higher, lower, band, none"));
    MetricKind kind;
    try {
      kind = keys.toKind(new KindPreconditions(dataset, thresholdNames, caseTypes));
    } catch (InvalidMetricKey e) {
      throw binder.error(ConfigBinder.child(path, e.key()), where + e.getMessage());
    }
    Optional<Target> target = Targets.read(binder, entry.target(), ConfigBinder.child(path, "target"),
        direction, where);
    MetricDefinition metric = new MetricDefinition(entry.id(),
        required(entry.label(), path, "label", where),
        required(entry.definition(), path, "definition", where),
        required(entry.family(), path, "family", where), dataset, kind, window, direction, target);
    AnomalyRules anomaly = new AnomalyBlocks(binder).metric(entry.anomaly(),
        ConfigBinder.child(path, "anomaly"), metric, where);
    return new MetricDefinition(metric.id(), metric.label(), metric.definition(), metric.family(),
        dataset, kind, window, direction, target, anomaly);
  }

  private Class<? extends KindKeys> kindOf(String kindName, InputDataset dataset, String path,
      String where) {
    try {
      return KindKeys.of(kindName, dataset);
    } catch (InvalidMetricKey e) {
      throw binder.error(ConfigBinder.child(path, e.key()), where + e.getMessage());
    }
  }

  private InputDataset dataset(String name, String path, String where) {
    return InputDataset.facts().stream().filter(d -> d.folder().equals(name)).findFirst()
        .orElseThrow(() -> binder.error(ConfigBinder.child(path, "dataset"), where
            + "unknown dataset '" + name + "'; known: "
            + InputDataset.facts().stream().map(InputDataset::folder).toList()));
  }

  private MetricWindow window(String name, InputDataset dataset, String path, String where) {
    String at = ConfigBinder.child(path, "window");
    MetricWindow window = MetricWindow.fromConfig(name).orElseThrow(() -> binder.error(at, where
        + "unknown window '" + name + "'; known: "
        + Arrays.stream(MetricWindow.values()).map(MetricWindow::configName).toList()));
    if (!window.datasets().contains(dataset)) {
      throw binder.error(at, where + "window " + name + " does not apply to " + dataset
          + "; it applies to " + window.datasets().stream().map(InputDataset::folder).sorted()
              .toList());
    }
    return window;
  }

  private String required(String value, String path, String key, String where) {
    if (value == null) {
      throw binder.error(ConfigBinder.child(path, key), where + "missing '" + key + "'");
    }
    if (value.isBlank()) {
      throw binder.error(ConfigBinder.child(path, key), where + "'" + key + "' is empty");
    }
    return value;
  }
}
