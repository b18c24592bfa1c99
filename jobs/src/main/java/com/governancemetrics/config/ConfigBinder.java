package com.governancemetrics.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Binds the loaded YAML to the configuration's records with Jackson (which Spark provides): a key that
 * no record has, or a value of the wrong type, is a {@link ConfigException} naming the file and the
 * key's path ({@code settings.quarantine_tolerence}, {@code metrics[3].window}).
 */
final class ConfigBinder {

  /** Strict: unknown keys fail, and no text is taken for a number nor a fraction for a whole number. */
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
      .build();

  private final String file;

  ConfigBinder(String file) {
    this.file = file;
  }

  /** The loaded document as a tree; an empty mapping for a file without a document. */
  JsonNode tree(Object document) {
    if (document == null) {
      return JsonNodeFactory.instance.objectNode();
    }
    try {
      return MAPPER.valueToTree(document);
    } catch (IllegalArgumentException e) {
      throw error("", "cannot read the document: " + e.getMessage());
    }
  }

  /** Binds a node found at {@code path} to a record, a list or a map. */
  <T> T bind(JsonNode node, String path, Class<T> type) {
    return bind(node, path, type, "", Set.of());
  }

  /**
   * Binds as above; a problem's message starts with {@code prefix} ("metric x: "), and an unknown key's
   * lists {@code alsoAllowed} with the keys of {@code type} (keys bound elsewhere at the same place).
   */
  <T> T bind(JsonNode node, String path, Class<T> type, String prefix, Set<String> alsoAllowed) {
    try {
      return MAPPER.treeToValue(node, type);
    } catch (JsonMappingException e) {
      String where = path(path, e.getPath());
      throw error(where, prefix + problem(e, e.getPath(), valueAt(node, e.getPath()), alsoAllowed));
    } catch (JsonProcessingException e) {
      throw error(path, prefix + e.getOriginalMessage());
    } catch (IllegalArgumentException e) {
      throw error(path, prefix + e.getMessage());
    }
  }

  /** The keys that Jackson binds to {@code type}: the names the YAML uses. */
  static Set<String> keysOf(Class<?> type) {
    return MAPPER.getDeserializationConfig().introspect(MAPPER.constructType(type))
        .findProperties().stream().map(BeanPropertyDefinition::getName)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  ConfigException error(String path, String problem) {
    return new ConfigException(file, path.isEmpty() ? "(top level)" : path, problem);
  }

  static String child(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  static String item(String path, int index) {
    return path + "[" + index + "]";
  }

  /** Describes a value for a message: {@code 'lots'}, {@code a mapping}, {@code nothing}. */
  static String describe(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "nothing";
    }
    if (value.isObject()) {
      return "a mapping";
    }
    if (value.isArray()) {
      return "a list";
    }
    return "'" + value.asText() + "'";
  }

  private static String problem(JsonMappingException e, List<JsonMappingException.Reference> path,
      JsonNode value, Set<String> alsoAllowed) {
    if (e instanceof UnrecognizedPropertyException unknown) {
      Set<String> allowed = new TreeSet<>(alsoAllowed);
      unknown.getKnownPropertyIds().forEach(k -> allowed.add(String.valueOf(k)));
      return "unknown key '" + unknown.getPropertyName() + "'; " + (allowed.isEmpty()
          ? "this block takes no key yet" : "allowed here: " + allowed);
    }
    if (value != null && value.isNumber() && !Double.isFinite(value.doubleValue())) {
      return "expected a finite number, got " + describe(value);
    }
    Class<?> target = e instanceof MismatchedInputException mismatch ? mismatch.getTargetType()
        : e.getCause() instanceof InputCoercionException coercion ? coercion.getTargetType() : null;
    if (target == null) {
      return e.getOriginalMessage();
    }
    if (Collection.class.isAssignableFrom(target) && !path.isEmpty()
        && path.get(path.size() - 1).getIndex() >= 0) {
      // An item of a list failed: Jackson 2.15 (Spark 3.5) names the list's type here, 2.21 the
      // item's. Every list the configuration binds to a type is a list of text.
      return "expected a text value, got " + describe(value);
    }
    return "expected " + expected(target) + ", got " + describe(value);
  }

  private static String expected(Class<?> target) {
    if (target == Integer.class || target == int.class || target == Long.class
        || target == long.class) {
      return "a whole number";
    }
    if (Number.class.isAssignableFrom(target) || target == double.class || target == BigDecimal.class) {
      return "a number";
    }
    if (target == String.class) {
      return "a text value";
    }
    if (target == Boolean.class || target == boolean.class) {
      return "true or false";
    }
    if (Collection.class.isAssignableFrom(target)) {
      return "a list";
    }
    return "a mapping of keys";
  }

  /** The path of the failing key: the base path and Jackson's references below it. */
  private static String path(String base, List<JsonMappingException.Reference> references) {
    String path = base;
    for (JsonMappingException.Reference r : references) {
      path = r.getFieldName() != null ? child(path, r.getFieldName())
          : r.getIndex() >= 0 ? item(path, r.getIndex()) : path;
    }
    return path;
  }

  private static JsonNode valueAt(JsonNode node, List<JsonMappingException.Reference> references) {
    JsonNode value = node;
    for (JsonMappingException.Reference r : references) {
      if (value == null) {
        return null;
      }
      value = r.getFieldName() != null ? value.get(r.getFieldName())
          : r.getIndex() >= 0 ? value.get(r.getIndex()) : value;
    }
    return value;
  }

  /** Fails on a null among a map's values: a key without a value (income_100k: with nothing). */
  <V> Map<String, V> noNullValues(Map<String, V> map, String path, String expected) {
    map.forEach((key, value) -> {
      if (value == null || value instanceof JsonNode n && n.isNull()) {
        throw error(child(path, key), "expected " + expected + ", got nothing");
      }
    });
    return map;
  }
}
