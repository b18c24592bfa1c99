package com.governancemetrics.bench;

import java.util.HashMap;
import java.util.Map;

/** The {@code --name value} arguments of the harness's main classes (no flags without values). */
public record Args(Map<String, String> values) {

  public Args {
    values = Map.copyOf(values);
  }

  public static Args parse(String[] args) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value pairs, got '" + a + "'");
      }
      values.put(a.substring(2), args[++i]);
    }
    return new Args(values);
  }

  public String required(String name) {
    String v = values.get(name);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return v;
  }

  public String optional(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }
}
