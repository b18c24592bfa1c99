package com.governancemetrics.config;

import com.governancemetrics.input.ColumnKind;
import com.governancemetrics.input.ColumnSpec;
import com.governancemetrics.input.InputDataset;
import com.governancemetrics.metrics.AsOfPredicate;
import com.governancemetrics.metrics.Comparison;
import com.governancemetrics.metrics.Condition;
import com.governancemetrics.metrics.Direction;
import com.governancemetrics.metrics.MetricCatalogue;
import com.governancemetrics.metrics.MetricDefinition;
import com.governancemetrics.metrics.MetricKind;
import com.governancemetrics.metrics.MetricWindow;
import com.governancemetrics.metrics.ProvinceOverrides;
import com.governancemetrics.metrics.Target;
import com.governancemetrics.registry.AdminDivisions;
import com.governancemetrics.registry.Township;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Parses and checks the {@code thresholds:}, {@code metrics:} and {@code provinces:} sections of
 * governance.yaml into a {@link MetricCatalogue} (SPEC §2). Every mistake is a {@link
 * ConfigException} naming the file, the key path and the metric, before any data is read.
 */
final class CatalogueParser {

  static final Set<String> COMMON_KEYS = Set.of("id", "label", "definition", "family", "dataset",
      "kind", "window", "direction", "target");
  static final Map<String, Set<String>> KIND_KEYS = kindKeys();
  static final Set<String> PROVINCE_KEYS = Set.of("targets", "thresholds");

  private static final Pattern COMPARISON =
      Pattern.compile("([a-z_][a-z0-9_]*)\\s*(>=|<=|>|<|=)\\s*([A-Za-z0-9_.+-]+)");
  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");
  private static final Pattern NUMBER = Pattern.compile("[+-]?[0-9]+(\\.[0-9]+)?");

  private static Set<String> provinceCodes;

  private CatalogueParser() {}

  private static Map<String, Set<String>> kindKeys() {
    Map<String, Set<String>> keys = new LinkedHashMap<>();
    keys.put("ratio", Set.of("numerator", "denominator"));
    keys.put("share", Set.of("filter", "among"));
    keys.put("count", Set.of("filter"));
    keys.put("median", Set.of("column"));
    keys.put("case_count", Set.of("case_types", "filter"));
    keys.put("case_ratio", Set.of("case_types", "among", "filter"));
    return keys;
  }

  /**
   * @param defaults the catalogue to use when the file has no {@code metrics:} section (the bundled
   *     one), or null when parsing the bundled file itself
   */
  static MetricCatalogue parse(YamlNode root, JobSettings settings, Supplier<MetricCatalogue> defaults) {
    if (!root.has("metrics") && defaults != null) {
      MetricCatalogue base = defaults.get();
      Map<String, BigDecimal> thresholds = new LinkedHashMap<>(base.thresholds());
      thresholds.putAll(thresholds(root.child("thresholds")));
      Map<String, ProvinceOverrides> provinces =
          provinces(root.child("provinces"), base.metrics(), thresholds);
      return new MetricCatalogue(base.metrics(), thresholds, provinces);
    }
    Map<String, BigDecimal> thresholds = thresholds(root.child("thresholds"));
    List<MetricDefinition> metrics = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    for (YamlNode m : root.child("metrics").list()) {
      MetricDefinition def = metric(m, settings, thresholds);
      String earlier = seen.putIfAbsent(def.id(), m.path());
      if (earlier != null) {
        throw m.child("id").error("metric " + def.id() + " is defined twice (also at " + earlier + ")");
      }
      metrics.add(def);
    }
    Map<String, ProvinceOverrides> provinces = provinces(root.child("provinces"), metrics, thresholds);
    return new MetricCatalogue(metrics, thresholds, provinces);
  }

  static Map<String, BigDecimal> thresholds(YamlNode node) {
    Map<String, BigDecimal> result = new LinkedHashMap<>();
    node.entries().forEach((name, value) -> {
      if (!NAME.matcher(name).matches()) {
        throw value.error("threshold name must be lower_snake_case: '" + name + "'");
      }
      result.put(name, value.decimal());
    });
    return result;
  }

  static MetricDefinition metric(YamlNode m, JobSettings settings, Map<String, BigDecimal> thresholds) {
    m.map();
    YamlNode idNode = m.child("id");
    if (idNode.isNull()) {
      throw idNode.error("every metric needs an id");
    }
    String id = idNode.string();
    if (!NAME.matcher(id).matches()) {
      throw idNode.error("metric id must be lower_snake_case, got '" + id + "'");
    }
    String where = "metric " + id + ": ";
    String kindName = required(m, "kind", where);
    Set<String> kindKeys = KIND_KEYS.get(kindName);
    if (kindKeys == null) {
      throw m.child("kind").error(where + "unknown kind '" + kindName + "'; known kinds: "
          + KIND_KEYS.keySet());
    }
    String datasetName = required(m, "dataset", where);
    InputDataset dataset = InputDataset.facts().stream()
        .filter(d -> d.folder().equals(datasetName)).findFirst()
        .orElseThrow(() -> m.child("dataset").error(where + "unknown dataset '" + datasetName
            + "'; known: " + InputDataset.facts().stream().map(InputDataset::folder).toList()));
    boolean cases = dataset == InputDataset.RECTIFICATION_CASES;
    if (kindName.startsWith("case_") != cases) {
      throw m.child("kind").error(where + "kind " + kindName + (cases
          ? " does not apply to rectification_cases; use case_count or case_ratio"
          : " applies only to rectification_cases"));
    }
    for (String key : m.entries().keySet()) {
      if (!COMMON_KEYS.contains(key) && !kindKeys.contains(key)) {
        throw m.child(key).error(where + "unknown key '" + key + "' for kind " + kindName
            + "; allowed: " + new TreeSet<>(union(COMMON_KEYS, kindKeys)));
      }
    }
    String windowName = required(m, "window", where);
    MetricWindow window = MetricWindow.fromConfig(windowName).orElseThrow(() ->
        m.child("window").error(where + "unknown window '" + windowName + "'; known: "
            + Arrays.stream(MetricWindow.values()).map(MetricWindow::configName).toList()));
    if (!window.datasets().contains(dataset)) {
      throw m.child("window").error(where + "window " + windowName + " does not apply to "
          + dataset + "; it applies to " + window.datasets().stream().map(InputDataset::folder)
              .sorted().toList());
    }
    String directionName = required(m, "direction", where);
    Direction direction = Direction.fromConfig(directionName).orElseThrow(() ->
        m.child("direction").error(where + "unknown direction '" + directionName
            + "'; known: higher, lower, band, none"));
    MetricKind kind = kind(m, kindName, dataset, settings, thresholds, where);
    Optional<Target> target = target(m.child("target"), direction, where);
    return new MetricDefinition(id, required(m, "label", where), required(m, "definition", where),
        required(m, "family", where), dataset, kind, window, direction, target);
  }

  private static MetricKind kind(YamlNode m, String kindName, InputDataset dataset,
      JobSettings settings, Map<String, BigDecimal> thresholds, String where) {
    return switch (kindName) {
      case "ratio" -> new MetricKind.Ratio(
          numericColumn(m.child("numerator"), dataset, where),
          numericColumn(m.child("denominator"), dataset, where));
      case "share" -> new MetricKind.Share(
          condition(m.child("filter"), dataset, thresholds, where, true),
          condition(m.child("among"), dataset, thresholds, where, false));
      case "count" -> new MetricKind.FilteredCount(
          condition(m.child("filter"), dataset, thresholds, where, true));
      case "median" -> {
        String column = numericColumn(m.child("column"), dataset, where);
        int scale = dataset.column(column).orElseThrow().kind() == ColumnKind.DECIMAL ? 2 : 0;
        yield new MetricKind.Median(column, scale);
      }
      case "case_count" -> new MetricKind.CaseCount(caseTypes(m.child("case_types"), settings, where),
          condition(m.child("filter"), dataset, thresholds, where, true));
      case "case_ratio" -> new MetricKind.CaseRatio(caseTypes(m.child("case_types"), settings, where),
          condition(m.child("among"), dataset, thresholds, where, true),
          condition(m.child("filter"), dataset, thresholds, where, true));
      default -> throw new IllegalStateException(kindName);
    };
  }

  private static String numericColumn(YamlNode node, InputDataset dataset, String where) {
    if (node.isNull()) {
      throw node.error(where + "needs a column of " + dataset);
    }
    String name = node.string();
    Optional<ColumnSpec> column = dataset.column(name);
    if (column.isEmpty()) {
      throw node.error(where + "unknown column '" + name + "' of " + dataset + "; its numeric columns: "
          + numericColumns(dataset));
    }
    if (column.get().kind() != ColumnKind.INTEGER && column.get().kind() != ColumnKind.DECIMAL) {
      throw node.error(where + "column '" + name + "' of " + dataset + " is not numeric; numeric: "
          + numericColumns(dataset));
    }
    return name;
  }

  private static List<String> numericColumns(InputDataset dataset) {
    return dataset.columns().stream()
        .filter(c -> c.kind() == ColumnKind.INTEGER || c.kind() == ColumnKind.DECIMAL)
        .map(ColumnSpec::name).toList();
  }

  /**
   * A condition: terms joined by "and". For data datasets each term is {@code column op threshold}
   * (op one of >=, <=, >, <, =; threshold a name under thresholds: or a number); for
   * rectification_cases each term is an as-of predicate name.
   */
  static Condition condition(YamlNode node, InputDataset dataset, Map<String, BigDecimal> thresholds,
      String where, boolean required) {
    if (node.isNull()) {
      if (required) {
        throw node.error(where + "needs a condition, e.g. "
            + (dataset == InputDataset.RECTIFICATION_CASES ? "identified_ytd"
                : "operating_income_yuan >= income_100k"));
      }
      return Condition.ALWAYS;
    }
    String text = node.string().trim();
    List<Comparison> comparisons = new ArrayList<>();
    List<AsOfPredicate> predicates = new ArrayList<>();
    for (String term : text.split("\\s+and\\s+")) {
      term = term.trim();
      if (dataset == InputDataset.RECTIFICATION_CASES) {
        String t = term;
        predicates.add(AsOfPredicate.fromConfig(term).orElseThrow(() -> node.error(where
            + "unknown case condition '" + t + "'; known: "
            + Arrays.stream(AsOfPredicate.values()).map(AsOfPredicate::configName).toList())));
        continue;
      }
      Matcher mm = COMPARISON.matcher(term);
      if (!mm.matches()) {
        throw node.error(where + "cannot read condition '" + term
            + "'; write column >= threshold, terms joined by 'and'");
      }
      String column = mm.group(1);
      Optional<ColumnSpec> spec = dataset.column(column);
      if (spec.isEmpty() || (spec.get().kind() != ColumnKind.INTEGER
          && spec.get().kind() != ColumnKind.DECIMAL)) {
        throw node.error(where + "unknown numeric column '" + column + "' of " + dataset
            + " in '" + term + "'; numeric columns: " + numericColumns(dataset));
      }
      Comparison.Operator op = Comparison.Operator.fromSymbol(mm.group(2)).orElseThrow();
      String bound = mm.group(3);
      if (NUMBER.matcher(bound).matches()) {
        comparisons.add(new Comparison(column, op, null, new BigDecimal(bound)));
      } else if (thresholds.containsKey(bound)) {
        comparisons.add(new Comparison(column, op, bound, null));
      } else {
        throw node.error(where + "unknown threshold '" + bound + "' in '" + term
            + "'; thresholds: " + thresholds.keySet());
      }
    }
    return new Condition(comparisons, predicates);
  }

  private static List<String> caseTypes(YamlNode node, JobSettings settings, String where) {
    if (node.isNull()) {
      return settings.caseTypes();
    }
    List<String> types = node.strings();
    if (types.isEmpty()) {
      throw node.error(where + "lists no case type; leave it out for all types");
    }
    for (String t : types) {
      if (!settings.caseTypes().contains(t)) {
        throw node.error(where + "unknown case type '" + t + "'; configured case_types: "
            + settings.caseTypes());
      }
    }
    return types;
  }

  /** higher/lower: a number; band: {min, max}, both required; none: no target. */
  static Optional<Target> target(YamlNode node, Direction direction, String where) {
    if (node.isNull()) {
      if (direction == Direction.BAND) {
        throw node.error(where + "a band metric needs target: {min: …, max: …}");
      }
      return Optional.empty();
    }
    switch (direction) {
      case NONE:
        throw node.error(where + "a metric with direction none has no target; remove target");
      case BAND: {
        if (!node.isMap()) {
          throw node.error(where + "a band target is {min: …, max: …}, got one number");
        }
        node.onlyKeys(Set.of("min", "max"));
        YamlNode min = node.child("min");
        YamlNode max = node.child("max");
        if (min.isNull() || max.isNull()) {
          throw (min.isNull() ? min : max).error(where + "a band target needs both min and max");
        }
        if (max.number() < min.number()) {
          throw max.error(where + "band max " + max.number() + " is below min " + min.number());
        }
        return Optional.of(Target.band(min.number(), max.number()));
      }
      default: {
        if (node.isMap()) {
          throw node.error(where + "a " + direction.configName()
              + " metric's target is one number; only band metrics have min and max");
        }
        double value = node.number();
        if (Double.isNaN(value) || Double.isInfinite(value)) {
          throw node.error(where + "target must be a finite number");
        }
        return Optional.of(Target.of(value));
      }
    }
  }

  static Map<String, ProvinceOverrides> provinces(YamlNode node, List<MetricDefinition> metrics,
      Map<String, BigDecimal> thresholds) {
    Map<String, ProvinceOverrides> result = new LinkedHashMap<>();
    node.entries().forEach((code, p) -> {
      if (!knownProvinceCodes().contains(code)) {
        throw p.error("unknown province '" + code + "'; use a two-digit code of the registry "
            + "(quote it: \"33\"), e.g. 11 北京市, 33 浙江省");
      }
      p.onlyKeys(PROVINCE_KEYS);
      Map<String, Target> targets = new LinkedHashMap<>();
      p.child("targets").entries().forEach((id, t) -> {
        MetricDefinition m = metrics.stream().filter(d -> d.id().equals(id)).findFirst()
            .orElseThrow(() -> t.error("province " + code + ": unknown metric '" + id + "'"));
        Optional<Target> target = target(t, m.direction(), "province " + code + ", metric " + id + ": ");
        target.ifPresent(v -> targets.put(id, v));
      });
      Map<String, BigDecimal> own = new LinkedHashMap<>();
      p.child("thresholds").entries().forEach((name, v) -> {
        if (!thresholds.containsKey(name)) {
          throw v.error("province " + code + ": unknown threshold '" + name + "'; thresholds: "
              + thresholds.keySet());
        }
        own.put(name, v.decimal());
      });
      result.put(code, new ProvinceOverrides(targets, own));
    });
    return result;
  }

  private static synchronized Set<String> knownProvinceCodes() {
    if (provinceCodes == null) {
      provinceCodes = AdminDivisions.bundled().stream().map(Township::provinceCode)
          .collect(Collectors.toUnmodifiableSet());
    }
    return provinceCodes;
  }

  private static String required(YamlNode m, String key, String where) {
    YamlNode node = m.child(key);
    if (node.isNull()) {
      throw node.error(where + "missing '" + key + "'");
    }
    return node.string();
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new TreeSet<>(a);
    all.addAll(b);
    return all;
  }
}
