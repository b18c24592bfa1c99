package com.governancemetrics.registry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds the township registry from the 统计用区划代码 CSVs (provinces, cities, areas, streets) kept in
 * {@code data/admin-divisions} and bundled in the jar under {@code admin-divisions/}.
 *
 * <p>Every township is kept: cities without a county level (东莞, 中山, 儋州, 嘉峪关) have one county-level
 * row standing for the whole city, municipalities have cities named 市辖区, and 开发区/农场 units are
 * township type 其他 (SPEC §1: code digits 7–9 in 400–599).
 */
public final class AdminDivisions {

  /** Where the CSVs are bundled inside the jar. */
  public static final String BUNDLED_RESOURCE_DIR = "admin-divisions/";

  private AdminDivisions() {}

  /** The registry from the CSVs bundled in the jar, sorted by township code. */
  public static List<Township> bundled() {
    return build(name -> {
      InputStream in = AdminDivisions.class.getClassLoader()
          .getResourceAsStream(BUNDLED_RESOURCE_DIR + name);
      if (in == null) {
        throw new IllegalStateException("the jar has no bundled " + BUNDLED_RESOURCE_DIR + name
            + "; rebuild it with mvn package");
      }
      return in;
    });
  }

  /** Builds the registry from the four CSVs, each opened by name (provinces.csv, …). */
  public static List<Township> build(Function<String, InputStream> open) {
    Map<String, String> provinces = names(read(open, "provinces.csv"));
    Map<String, String> cities = names(read(open, "cities.csv"));
    Map<String, String> counties = names(read(open, "areas.csv"));
    List<Township> result = new ArrayList<>();
    for (String[] row : read(open, "streets.csv")) {
      // code,name,areaCode,provinceCode,cityCode
      String code = row[0];
      String county = row[2];
      String province = row[3];
      String city = row[4];
      require(code.length() == 9 && code.startsWith(county) && county.startsWith(city)
          && city.startsWith(province), "township " + code + " does not nest in " + county);
      result.add(new Township(code, row[1], townshipType(code, row[1]),
          county, required(counties, county, "areas.csv"),
          city, required(cities, city, "cities.csv"),
          province, required(provinces, province, "provinces.csv")));
    }
    result.sort((a, b) -> a.townshipCode().compareTo(b.townshipCode()));
    return result;
  }

  /**
   * SPEC §1: 街道 for code digits 7–9 in 001–099, 镇 100–199, 乡 200–399 (民族乡 when its name says so),
   * 其他 from 400 (开发区, 农场, 林场, …).
   */
  public static String townshipType(String code, String name) {
    int serial = Integer.parseInt(code.substring(6, 9));
    if (serial < 100) {
      return "街道";
    } else if (serial < 200) {
      return "镇";
    } else if (serial < 400) {
      return name.endsWith("民族乡") ? "民族乡" : "乡";
    }
    return "其他";
  }

  private static Map<String, String> names(List<String[]> rows) {
    Map<String, String> names = new HashMap<>();
    for (String[] row : rows) {
      names.put(row[0], row[1]);
    }
    return names;
  }

  private static String required(Map<String, String> names, String code, String file) {
    String name = names.get(code);
    require(name != null, "code " + code + " is missing from " + file);
    return name;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalStateException("admin-divisions: " + message);
    }
  }

  /** Reads a simple CSV (header skipped; fields optionally double-quoted, no embedded quotes). */
  private static List<String[]> read(Function<String, InputStream> open, String name) {
    List<String[]> rows = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(open.apply(name), StandardCharsets.UTF_8))) {
      String line = reader.readLine();
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String[] fields = line.split(",", -1);
        for (int i = 0; i < fields.length; i++) {
          String f = fields[i].trim();
          if (f.length() >= 2 && f.startsWith("\"") && f.endsWith("\"")) {
            f = f.substring(1, f.length() - 1);
          }
          fields[i] = f;
        }
        rows.add(fields);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("admin-divisions: cannot read " + name, e);
    }
    return rows;
  }
}
