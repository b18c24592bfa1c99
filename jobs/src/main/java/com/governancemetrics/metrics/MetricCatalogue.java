package com.governancemetrics.metrics;

import com.governancemetrics.input.InputDataset;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The metrics of a run with their thresholds, per-province overrides (SPEC §2) and the anomaly rules
 * of each family (SPEC §3 anomaly), as checked configuration: ids unique, every named threshold and
 * every overridden metric known.
 *
 * @param thresholds the default value of every named threshold
 * @param provinces overrides by two-digit province code
 * @param familyRules the anomaly rules by metric family (a family without rules has no entry)
 */
public record MetricCatalogue(
    List<MetricDefinition> metrics,
    Map<String, BigDecimal> thresholds,
    Map<String, ProvinceOverrides> provinces,
    Map<String, AnomalyRules> familyRules) {

  /** A catalogue without family anomaly rules (each metric's own still apply). */
  public MetricCatalogue(List<MetricDefinition> metrics, Map<String, BigDecimal> thresholds,
      Map<String, ProvinceOverrides> provinces) {
    this(metrics, thresholds, provinces, Map.of());
  }

  public MetricCatalogue {
    metrics = List.copyOf(metrics);
    thresholds = Map.copyOf(thresholds);
    provinces = Map.copyOf(new TreeMap<>(provinces));
    familyRules = Map.copyOf(familyRules);
    Set<String> ids = new HashSet<>();
    for (MetricDefinition m : metrics) {
      if (!ids.add(m.id())) {
        throw new IllegalArgumentException("metric id " + m.id() + " is defined twice");
      }
      for (String name : thresholdNames(m)) {
        if (!thresholds.containsKey(name)) {
          throw new IllegalArgumentException(m.id() + ": unknown threshold " + name);
        }
      }
    }
    for (Map.Entry<String, ProvinceOverrides> e : provinces.entrySet()) {
      for (Map.Entry<String, Target> t : e.getValue().targets().entrySet()) {
        MetricDefinition m = metric(metrics, t.getKey()).orElseThrow(() ->
            new IllegalArgumentException("province " + e.getKey() + ": unknown metric " + t.getKey()));
        MetricDefinition.checkTarget(m.id(), m.direction(), t.getValue());
      }
      for (String name : e.getValue().thresholds().keySet()) {
        if (!thresholds.containsKey(name)) {
          throw new IllegalArgumentException("province " + e.getKey() + ": unknown threshold " + name);
        }
      }
    }
  }

  private static Optional<MetricDefinition> metric(List<MetricDefinition> metrics, String id) {
    return metrics.stream().filter(m -> m.id().equals(id)).findFirst();
  }

  /** The datasets that at least one metric reads with the given window. */
  public java.util.Set<InputDataset> datasetsWith(MetricWindow window) {
    java.util.Set<InputDataset> datasets = java.util.EnumSet.noneOf(InputDataset.class);
    metrics.stream().filter(m -> m.window() == window).forEach(m -> datasets.add(m.dataset()));
    return datasets;
  }

  public Optional<MetricDefinition> metric(String id) {
    return metric(metrics, id);
  }

  /** The metrics computed from one dataset, in catalogue order. */
  public List<MetricDefinition> of(InputDataset dataset) {
    return metrics.stream().filter(m -> m.dataset() == dataset).toList();
  }

  /** The target of a metric for a province: its override, else the default (may be empty). */
  public Optional<Target> target(String metricId, String provinceCode) {
    ProvinceOverrides o = provinces.get(provinceCode);
    if (o != null && o.targets().containsKey(metricId)) {
      return Optional.of(o.targets().get(metricId));
    }
    return metric(metricId).flatMap(MetricDefinition::target);
  }

  /**
   * The anomaly rules that judge a metric of this catalogue: its own block over its family's ({@link
   * AnomalyRules#forMetric}).
   */
  public AnomalyRules anomalyRules(MetricDefinition metric) {
    return metric.anomaly().forMetric(metric, familyRules.get(metric.family()));
  }

  /** For each province that overrides the named threshold, its value (the default applies elsewhere). */
  public Map<String, BigDecimal> thresholdOverrides(String name) {
    Map<String, BigDecimal> result = new LinkedHashMap<>();
    provinces.forEach((code, o) -> {
      if (o.thresholds().containsKey(name)) {
        result.put(code, o.thresholds().get(name));
      }
    });
    return result;
  }

  /** The ids of the metrics whose conditions name the threshold, in catalogue order. */
  public List<String> metricsUsing(String threshold) {
    return metrics.stream().filter(m -> thresholdNames(m).contains(threshold))
        .map(MetricDefinition::id).toList();
  }

  /** The catalogue with one more metric (a province adding its own, or a test). */
  public MetricCatalogue with(MetricDefinition extra) {
    List<MetricDefinition> all = new java.util.ArrayList<>(metrics);
    all.add(extra);
    return new MetricCatalogue(all, thresholds, provinces, familyRules);
  }

  /** The catalogue restricted to some metrics, in catalogue order. */
  public MetricCatalogue only(Set<String> ids) {
    Map<String, ProvinceOverrides> kept = new LinkedHashMap<>();
    provinces.forEach((code, o) -> {
      Map<String, Target> targets = new LinkedHashMap<>(o.targets());
      targets.keySet().retainAll(ids);
      kept.put(code, new ProvinceOverrides(targets, o.thresholds()));
    });
    return new MetricCatalogue(metrics.stream().filter(m -> ids.contains(m.id())).toList(),
        thresholds, kept, familyRules);
  }

  private static List<String> thresholdNames(MetricDefinition m) {
    List<Condition> conditions = List.of();
    if (m.kind() instanceof MetricKind.Share s) {
      conditions = List.of(s.filter(), s.among());
    } else if (m.kind() instanceof MetricKind.FilteredCount c) {
      conditions = List.of(c.filter());
    }
    return conditions.stream().flatMap(c -> c.comparisons().stream())
        .map(Comparison::thresholdName).filter(java.util.Objects::nonNull).toList();
  }
}
