package com.governancemetrics.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.governancemetrics.metrics.AnomalyRules;
import com.governancemetrics.metrics.MetricCatalogue;
import com.governancemetrics.metrics.MetricDefinition;
import com.governancemetrics.metrics.ProvinceOverrides;
import com.governancemetrics.metrics.Target;
import com.governancemetrics.registry.AdminDivisions;
import com.governancemetrics.registry.Township;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks the bound {@code thresholds:}, {@code metrics:}, {@code provinces:} and {@code
 * anomaly_rules:} sections of governance.yaml and assembles them into a {@link MetricCatalogue} (SPEC §2). Every mistake is a
 * {@link ConfigException} naming the file, the key path and the metric, before any data is read.
 */
final class CatalogueParser {

  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");

  private static Set<String> provinceCodes;

  private CatalogueParser() {}

  /**
   * @param hasMetrics whether the file has a {@code metrics:} section (even an empty one)
   * @param hasAnomalyRules whether the file has an {@code anomaly_rules:} section (even an empty one)
   * @param defaults the catalogue to use when the file has no {@code metrics:} section, and whose
   *     family anomaly rules apply when it has no {@code anomaly_rules:} section (the bundled one),
   *     or null when parsing the bundled file itself
   */
  static MetricCatalogue parse(ConfigFile file, boolean hasMetrics, boolean hasAnomalyRules,
      JobSettings settings, ConfigBinder binder, Supplier<MetricCatalogue> defaults) {
    Map<String, BigDecimal> own = thresholds(file.thresholds(), binder);
    List<MetricDefinition> metrics;
    Map<String, BigDecimal> thresholds;
    if (!hasMetrics && defaults != null) {
      MetricCatalogue base = defaults.get();
      metrics = base.metrics();
      thresholds = new LinkedHashMap<>(base.thresholds());
      thresholds.putAll(own);
    } else {
      thresholds = own;
      metrics = metrics(file.metrics(), settings, binder, List.copyOf(thresholds.keySet()));
    }
    Map<String, ProvinceOverrides> provinces =
        provinces(file.provinces(), metrics, thresholds, binder);
    Map<String, AnomalyRules> familyRules = hasAnomalyRules
        ? familyRules(file.anomalyRules(), metrics, binder)
        : defaults != null ? defaults.get().familyRules() : Map.of();
    MetricCatalogue catalogue = new MetricCatalogue(metrics, thresholds, provinces, familyRules);
    own.forEach((name, value) -> notNegative(value, "thresholds." + name, name, "", catalogue,
        binder));
    provinces.forEach((code, overrides) -> overrides.thresholds().forEach((name, value) ->
        notNegative(value, "provinces." + code + ".thresholds." + name, name,
            "province " + code + ": ", catalogue, binder)));
    return catalogue;
  }

  private static Map<String, BigDecimal> thresholds(Map<String, BigDecimal> written,
      ConfigBinder binder) {
    Map<String, BigDecimal> result = new LinkedHashMap<>();
    if (written == null) {
      return result;
    }
    binder.noNullValues(written, "thresholds", "a number");
    written.forEach((name, value) -> {
      if (!NAME.matcher(name).matches()) {
        throw binder.error("thresholds." + name, "threshold name must be lower_snake_case: '"
            + name + "'");
      }
      result.put(name, value);
    });
    return result;
  }

  private static List<MetricDefinition> metrics(List<JsonNode> written, JobSettings settings,
      ConfigBinder binder, List<String> thresholdNames) {
    MetricEntries entries = new MetricEntries(binder, thresholdNames, settings.caseTypes());
    List<MetricDefinition> metrics = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    List<JsonNode> nodes = written == null ? List.of() : written;
    for (int i = 0; i < nodes.size(); i++) {
      String path = ConfigBinder.item("metrics", i);
      MetricDefinition metric = entries.metric(nodes.get(i), path);
      String earlier = seen.putIfAbsent(metric.id(), path);
      if (earlier != null) {
        throw binder.error(path + ".id", "metric " + metric.id() + " is defined twice (also at "
            + earlier + ")");
      }
      metrics.add(metric);
    }
    return metrics;
  }

  /**
   * The {@code anomaly_rules:} section: the rules of each family, keyed by a family of the metrics
   * (a misspelt family would silently judge nothing, so it is an error).
   */
  private static Map<String, AnomalyRules> familyRules(Map<String, JsonNode> written,
      List<MetricDefinition> metrics, ConfigBinder binder) {
    Map<String, AnomalyRules> result = new LinkedHashMap<>();
    if (written == null) {
      return result;
    }
    Set<String> families = new java.util.LinkedHashSet<>();
    metrics.forEach(m -> families.add(m.family()));
    AnomalyBlocks blocks = new AnomalyBlocks(binder);
    written.forEach((family, node) -> {
      String path = ConfigBinder.child("anomaly_rules", family);
      if (!families.contains(family)) {
        throw binder.error(path, "unknown family '" + family + "'; the metrics' families: "
            + families);
      }
      result.put(family, blocks.family(node, path, family));
    });
    return result;
  }

  private static Map<String, ProvinceOverrides> provinces(Map<String, ConfigFile.Province> written,
      List<MetricDefinition> metrics, Map<String, BigDecimal> thresholds, ConfigBinder binder) {
    Map<String, ProvinceOverrides> result = new LinkedHashMap<>();
    if (written == null) {
      return result;
    }
    written.forEach((code, province) -> {
      String path = "provinces." + code;
      if (!knownProvinceCodes().contains(code)) {
        throw binder.error(path, "unknown province '" + code + "'; use a two-digit code of the "
            + "registry (quote it: \"33\"), e.g. 11 北京市, 33 浙江省");
      }
      if (province == null) {
        throw binder.error(path, "expected a mapping of targets and thresholds, got nothing");
      }
      result.put(code, new ProvinceOverrides(
          provinceTargets(code, province.targets(), metrics, binder),
          provinceThresholds(code, province.thresholds(), thresholds, binder)));
    });
    return result;
  }

  private static Map<String, Target> provinceTargets(String code, Map<String, JsonNode> written,
      List<MetricDefinition> metrics, ConfigBinder binder) {
    Map<String, Target> targets = new LinkedHashMap<>();
    if (written == null) {
      return targets;
    }
    String path = "provinces." + code + ".targets";
    written.forEach((id, node) -> {
      MetricDefinition metric = metrics.stream().filter(m -> m.id().equals(id)).findFirst()
          .orElseThrow(() -> binder.error(ConfigBinder.child(path, id), "province " + code
              + ": unknown metric '" + id + "'; metrics: "
              + metrics.stream().map(MetricDefinition::id).toList()));
      Optional<Target> target = Targets.read(binder, node, ConfigBinder.child(path, id),
          metric.direction(), "province " + code + ", metric " + id + ": ");
      target.ifPresent(t -> targets.put(id, t));
    });
    return targets;
  }

  private static Map<String, BigDecimal> provinceThresholds(String code,
      Map<String, BigDecimal> written, Map<String, BigDecimal> thresholds, ConfigBinder binder) {
    Map<String, BigDecimal> own = new LinkedHashMap<>();
    if (written == null) {
      return own;
    }
    String path = "provinces." + code + ".thresholds";
    binder.noNullValues(written, path, "a number");
    written.forEach((name, value) -> {
      if (!thresholds.containsKey(name)) {
        throw binder.error(ConfigBinder.child(path, name), "province " + code
            + ": unknown threshold '" + name + "'; thresholds: " + thresholds.keySet());
      }
      own.put(name, value);
    });
    return own;
  }

  /** Thresholds are amounts of yuan compared with the rows' values, which are never negative. */
  private static void notNegative(BigDecimal value, String path, String name, String prefix,
      MetricCatalogue catalogue, ConfigBinder binder) {
    if (value.signum() < 0) {
      List<String> users = catalogue.metricsUsing(name);
      throw binder.error(path, prefix + "threshold " + name + " must not be negative, got "
          + value.toPlainString() + " (" + (users.isEmpty() ? "no metric uses it"
              : (users.size() == 1 ? "used by metric " : "used by metrics ")
                  + String.join(", ", users)) + "); amounts are never negative");
    }
  }

  private static synchronized Set<String> knownProvinceCodes() {
    if (provinceCodes == null) {
      provinceCodes = AdminDivisions.bundled().stream().map(Township::provinceCode)
          .collect(Collectors.toUnmodifiableSet());
    }
    return provinceCodes;
  }
}
