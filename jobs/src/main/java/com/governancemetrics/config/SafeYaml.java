package com.governancemetrics.config;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Loads governance.yaml with snakeyaml-engine into plain maps, lists and scalars, safely: no tag
 * constructs a Java class ({@code !!java.lang.Runtime} is refused), duplicate keys are refused, and
 * aliases cannot blow up the tree (few collection aliases, a bounded expanded size, no cycles).
 */
final class SafeYaml {

  /** Collection aliases allowed in one file; a configuration needs a handful at most. */
  static final int MAX_COLLECTION_ALIASES = 50;
  /** The nodes the loaded tree may have with every alias expanded (the shipped file has ~300). */
  static final int MAX_EXPANDED_NODES = 100_000;
  /** How deeply mappings and lists may nest (the shipped file nests 5 deep). */
  static final int MAX_DEPTH = 64;
  /** Characters a configuration file may have (the shipped one has ~10,000). */
  static final int MAX_CODE_POINTS = 1_000_000;

  private SafeYaml() {}

  /** The document, or null when the file has none (empty or comments only). */
  static Object load(String source, byte[] bytes) {
    LoadSettings settings = LoadSettings.builder()
        .setLabel(source)
        .setAllowDuplicateKeys(false)
        .setAllowRecursiveKeys(false)
        .setMaxAliasesForCollections(MAX_COLLECTION_ALIASES)
        .setCodePointLimit(MAX_CODE_POINTS)
        .build();
    Object document;
    try {
      document = new Load(settings).loadFromString(new String(bytes, StandardCharsets.UTF_8));
    } catch (YamlEngineException e) {
      throw new ConfigException(source, "(syntax)", "not valid YAML: " + e.getMessage());
    } catch (StackOverflowError e) {
      throw tooDeep(source);
    }
    checkShape(source, document);
    return document;
  }

  /**
   * Refuses a tree that refers to itself, nests deeper than {@link #MAX_DEPTH} or expands beyond
   * {@link #MAX_EXPANDED_NODES} nodes: binding walks every alias's copy.
   */
  private static void checkShape(String source, Object document) {
    int[] budget = {MAX_EXPANDED_NODES};
    visit(source, document, Collections.newSetFromMap(new IdentityHashMap<>()), budget);
  }

  private static ConfigException tooDeep(String source) {
    return new ConfigException(source, "(syntax)", "mappings and lists nest deeper than "
        + MAX_DEPTH + " levels; a configuration needs a few");
  }

  private static void visit(String source, Object node, Set<Object> open, int[] budget) {
    if (--budget[0] < 0) {
      throw new ConfigException(source, "(syntax)", "the document has more than "
          + MAX_EXPANDED_NODES + " values, counting each copy an alias (*name) makes; a "
          + "configuration has a few hundred");
    }
    if (!(node instanceof Map) && !(node instanceof Collection)) {
      return;
    }
    if (open.size() >= MAX_DEPTH) {
      throw tooDeep(source);
    }
    if (!open.add(node)) {
      throw new ConfigException(source, "(syntax)",
          "an alias (*name) refers to a mapping or list that contains it; remove the cycle");
    }
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        visit(source, entry.getKey(), open, budget);
        visit(source, entry.getValue(), open, budget);
      }
    } else {
      for (Object item : (Collection<?>) node) {
        visit(source, item, open, budget);
      }
    }
    open.remove(node);
  }
}
