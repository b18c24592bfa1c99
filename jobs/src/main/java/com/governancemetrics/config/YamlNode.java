package com.governancemetrics.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A node of the parsed YAML with its path ({@code metrics[2].target}), so that every configuration
 * error names the file and the key. Unknown keys are errors too: a typo must not silently fall back to
 * a default.
 */
public final class YamlNode {

  private final String file;
  private final String path;
  private final Object value;

  YamlNode(String file, String path, Object value) {
    this.file = file;
    this.path = path;
    this.value = value;
  }

  public String file() {
    return file;
  }

  public String path() {
    return path;
  }

  public boolean isNull() {
    return value == null;
  }

  public ConfigException error(String problem) {
    return new ConfigException(file, path.isEmpty() ? "(top level)" : path, problem);
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> map() {
    if (!(value instanceof Map)) {
      throw error("expected a mapping of keys, got " + describe(value));
    }
    return (Map<String, Object>) value;
  }

  /** Fails on any key outside {@code allowed}. */
  public YamlNode onlyKeys(Set<String> allowed) {
    map();
    for (Object raw : ((Map<?, ?>) value).keySet()) {
      String key = String.valueOf(raw);
      if (!allowed.contains(key)) {
        throw child(key).error("unknown key '" + key + "'; allowed here: " + allowed);
      }
    }
    return this;
  }

  public YamlNode child(String key) {
    String childPath = path.isEmpty() ? key : path + "." + key;
    return new YamlNode(file, childPath, value == null ? null : map().get(key));
  }

  public boolean has(String key) {
    return value instanceof Map && ((Map<?, ?>) value).containsKey(key);
  }

  public List<YamlNode> list() {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List)) {
      throw error("expected a list, got " + describe(value));
    }
    List<YamlNode> items = new ArrayList<>();
    List<?> raw = (List<?>) value;
    for (int i = 0; i < raw.size(); i++) {
      items.add(new YamlNode(file, path + "[" + i + "]", raw.get(i)));
    }
    return items;
  }

  public Map<String, YamlNode> entries() {
    Map<String, YamlNode> entries = new LinkedHashMap<>();
    if (value == null) {
      return entries;
    }
    // Keys written as numbers (a province code 33 without quotes) are read as their text.
    map();
    for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
      String key = String.valueOf(e.getKey());
      entries.put(key, new YamlNode(file, path.isEmpty() ? key : path + "." + key, e.getValue()));
    }
    return entries;
  }

  public String string() {
    if (value instanceof String s && !s.isBlank()) {
      return s;
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    throw error("expected a text value, got " + describe(value));
  }

  public Optional<String> optionalString() {
    return value == null ? Optional.empty() : Optional.of(string());
  }

  public double number() {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    throw error("expected a number, got " + describe(value));
  }

  /** The number exactly as written (100000, 0.95, 49999.99), for thresholds compared in decimal. */
  public java.math.BigDecimal decimal() {
    if (value instanceof Number n) {
      try {
        return new java.math.BigDecimal(n.toString());
      } catch (NumberFormatException e) {
        throw error("expected a finite number, got " + describe(value));
      }
    }
    throw error("expected a number, got " + describe(value));
  }

  public boolean isMap() {
    return value instanceof Map;
  }

  public Optional<Double> optionalNumber() {
    return value == null ? Optional.empty() : Optional.of(number());
  }

  public double numberOr(double fallback) {
    return value == null ? fallback : number();
  }

  public int intOr(int fallback) {
    if (value == null) {
      return fallback;
    }
    if (value instanceof Integer || value instanceof Long) {
      return ((Number) value).intValue();
    }
    throw error("expected a whole number, got " + describe(value));
  }

  public List<String> strings() {
    return list().stream().map(YamlNode::string).toList();
  }

  private static String describe(Object v) {
    if (v == null) {
      return "nothing";
    }
    return "'" + v + "' (" + (v instanceof Map ? "a mapping" : v instanceof List ? "a list"
        : v.getClass().getSimpleName()) + ")";
  }
}
