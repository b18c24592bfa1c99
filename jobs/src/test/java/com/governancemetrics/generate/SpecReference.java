package com.governancemetrics.generate;

import com.governancemetrics.generate.GeneratedRoot.DataFile;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * A plain-Java reading of SPEC §1's row rules, written from the SPEC for the tests and independent of
 * the generator: which reason each row of a generated root gets (the first that applies), and which
 * copies of a key are dropped or conflicting. The generator's ledger must agree with it exactly.
 */
final class SpecReference {

  /** A row that passed every rule, with its typed contract values (and the folder's period or year). */
  record Accepted(String dataset, String recordId, String sourceFile, Map<String, Object> values) {}

  /** A ledger-shaped outcome: dataset, record_id, reason, source_file, partition. */
  record Outcome(String dataset, String recordId, String reason, String sourceFile, String partition) {}

  private static final Pattern PERIOD = Pattern.compile("[0-9]{4}-(0[1-9]|1[0-2])");
  private static final Pattern YEAR = Pattern.compile("[0-9]{4}");
  private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
  private static final Pattern DECIMAL = Pattern.compile("[+-]?[0-9]+(\\.[0-9]{1,2})?");
  private static final Set<String> CASE_TYPES = Set.of("weak_party_org", "inspection_finding");

  private static final Map<String, List<String>> INTEGERS = Map.of(
      "grid_coverage", List.of("households_total", "households_covered", "zone_leaders", "group_leaders",
          "neighbour_leaders", "neighbour_leaders_party", "grids_total", "grids_with_party_org"),
      "service_appeals", List.of("villages_total", "villages_platform_live", "households_certified",
          "appeals_received", "appeals_resolved", "disputes_mediated", "disputes_settled"),
      "collective_income", List.of(),
      "rectification_cases", List.of());
  private static final Map<String, List<String>> DECIMALS = Map.of(
      "collective_income", List.of("operating_income_yuan", "total_income_yuan"));
  private static final Map<String, List<String>> DATES = Map.of(
      "rectification_cases", List.of("identified_date", "deadline_date", "rectified_date"));
  private static final Map<String, List<String>> TEXTS = Map.of(
      "grid_coverage", List.of("township_code"),
      "service_appeals", List.of("township_code"),
      "collective_income", List.of("village_code", "village_name", "township_code", "village_type"),
      "rectification_cases", List.of("case_id", "township_code", "village_code", "case_type"));
  private static final Map<String, List<String[]>> PART_WHOLE = Map.of(
      "grid_coverage", List.of(new String[] {"households_covered", "households_total"},
          new String[] {"neighbour_leaders_party", "neighbour_leaders"},
          new String[] {"grids_with_party_org", "grids_total"}),
      "service_appeals", List.of(new String[] {"villages_platform_live", "villages_total"},
          new String[] {"appeals_resolved", "appeals_received"},
          new String[] {"disputes_settled", "disputes_mediated"}),
      "collective_income", List.<String[]>of(new String[] {"operating_income_yuan", "total_income_yuan"}),
      "rectification_cases", List.of());

  final List<Outcome> outcomes = new ArrayList<>();
  final List<Accepted> accepted = new ArrayList<>();

  /** Judges every row of {@code root} against the registry's township codes. */
  static SpecReference judge(GeneratedRoot root, Set<String> registry) {
    SpecReference ref = new SpecReference();
    for (String dataset : List.of("grid_coverage", "service_appeals", "collective_income",
        "rectification_cases")) {
      ref.judgeDataset(dataset, root.files(dataset), registry);
    }
    return ref;
  }

  private void judgeDataset(String dataset, List<DataFile> files, Set<String> registry) {
    Map<String, List<Accepted>> byKey = new LinkedHashMap<>();
    for (DataFile f : files) {
      for (Row row : f.rows()) {
        String recordId = row.getString(row.fieldIndex("record_id"));
        Map<String, Object> typed = new HashMap<>();
        String reason = reason(dataset, f, row, registry, typed);
        if (reason != null) {
          outcomes.add(new Outcome(dataset, recordId, reason, f.relativePath(), f.partition()));
        } else {
          Accepted a = new Accepted(dataset, recordId, f.relativePath(), typed);
          byKey.computeIfAbsent(key(dataset, typed), k -> new ArrayList<>()).add(a);
        }
      }
    }
    for (List<Accepted> copies : byKey.values()) {
      if (copies.size() == 1) {
        accepted.add(copies.get(0));
        continue;
      }
      boolean identical = copies.stream().allMatch(c -> c.values().equals(copies.get(0).values()));
      if (identical) {
        accepted.add(copies.get(0));
      }
      for (int i = identical ? 1 : 0; i < copies.size(); i++) {
        Accepted c = copies.get(i);
        outcomes.add(new Outcome(dataset, c.recordId(),
            identical ? "duplicates_dropped" : "conflicting_duplicate", c.sourceFile(), partitionOf(c)));
      }
    }
  }

  private static String partitionOf(Accepted a) {
    Object p = a.values().getOrDefault("period", a.values().get("year"));
    return p == null ? "" : p.toString();
  }

  private static String key(String dataset, Map<String, Object> v) {
    return switch (dataset) {
      case "grid_coverage", "service_appeals" -> v.get("township_code") + "|" + v.get("period");
      case "collective_income" -> v.get("village_code") + "|" + v.get("year");
      default -> (String) v.get("case_id");
    };
  }

  /** The first reason of SPEC §1 that applies, or null (then {@code typed} holds the row's values). */
  private static String reason(String dataset, DataFile f, Row row, Set<String> registry,
      Map<String, Object> typed) {
    String township = text(f, row, "township_code");
    String keyColumn = switch (dataset) {
      case "collective_income" -> "village_code";
      case "rectification_cases" -> "case_id";
      default -> "township_code";
    };
    String key = text(f, row, keyColumn);
    if (key == null || key.isBlank() || township == null) {
      return "missing_key";
    }
    String village = f.hasColumn("village_code") ? text(f, row, "village_code") : null;
    if (!township.matches("[0-9]{9}") || (dataset.equals("collective_income") && !village.matches("[0-9]{12}"))
        || (dataset.equals("rectification_cases") && village != null && !village.matches("[0-9]{12}"))) {
      return "malformed_code";
    }
    String partitionColumn = switch (dataset) {
      case "grid_coverage", "service_appeals" -> "period";
      case "collective_income" -> "year";
      default -> null;
    };
    if (partitionColumn != null) {
      Pattern valid = partitionColumn.equals("period") ? PERIOD : YEAR;
      if (!valid.matcher(f.partition()).matches()) {
        return "bad_period";
      }
      if (f.hasColumn(partitionColumn)) {
        Object inside = f.value(row, partitionColumn);
        if (inside != null && !inside.toString().equals(f.partition())) {
          return "partition_mismatch";
        }
      }
      typed.put(partitionColumn, partitionColumn.equals("year") ? (Object) Integer.valueOf(f.partition())
          : f.partition());
    }
    for (String c : TEXTS.get(dataset)) {
      typed.put(c, text(f, row, c));
    }
    boolean typeMismatch = false;
    for (String c : INTEGERS.get(dataset)) {
      Object v = f.value(row, c);
      if (v instanceof String s) {
        String t = s.trim();
        if (!INTEGER.matcher(t).matches()) {
          typeMismatch = true;
        } else {
          typed.put(c, Long.parseLong(t));
        }
      } else {
        typed.put(c, v == null ? null : ((Number) v).longValue());
      }
    }
    for (String c : DECIMALS.getOrDefault(dataset, List.of())) {
      Object v = f.value(row, c);
      if (v instanceof String s) {
        String t = s.trim();
        if (!DECIMAL.matcher(t).matches()) {
          typeMismatch = true;
        } else {
          typed.put(c, new BigDecimal(t).setScale(2));
        }
      } else {
        typed.put(c, v == null ? null : GeneratedRoot.decimal(v));
      }
    }
    for (String c : DATES.getOrDefault(dataset, List.of())) {
      Object v = f.value(row, c);
      if (v instanceof String s) {
        try {
          typed.put(c, LocalDate.parse(s.trim()));
        } catch (DateTimeParseException e) {
          typeMismatch = true;
        }
      } else {
        typed.put(c, v);
      }
    }
    if (typeMismatch) {
      return "type_mismatch";
    }
    for (String c : valueColumns(dataset)) {
      if (!c.equals("rectified_date") && typed.get(c) == null) {
        return "missing_value";
      }
    }
    if (!registry.contains(township)) {
      return "unknown_township";
    }
    if (village != null && !village.startsWith(township)) {
      return "village_outside_township";
    }
    for (String c : valueColumns(dataset)) {
      Object v = typed.get(c);
      if (v instanceof Long l && l < 0 || v instanceof BigDecimal d && d.signum() < 0) {
        return "negative_value";
      }
    }
    for (String[] pw : PART_WHOLE.get(dataset)) {
      if (compare(typed.get(pw[0]), typed.get(pw[1])) > 0) {
        return "part_exceeds_whole";
      }
    }
    if (dataset.equals("rectification_cases")) {
      LocalDate identified = (LocalDate) typed.get("identified_date");
      LocalDate deadline = (LocalDate) typed.get("deadline_date");
      LocalDate rectified = (LocalDate) typed.get("rectified_date");
      if (deadline.isBefore(identified) || rectified != null && rectified.isBefore(identified)) {
        return "date_order";
      }
      if (!CASE_TYPES.contains(Objects.toString(typed.get("case_type"), ""))) {
        return "unknown_case_type";
      }
    }
    return null;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Object a, Object b) {
    return ((Comparable) a).compareTo(b);
  }

  private static List<String> valueColumns(String dataset) {
    List<String> columns = new ArrayList<>(INTEGERS.get(dataset));
    columns.addAll(DECIMALS.getOrDefault(dataset, List.of()));
    columns.addAll(DATES.getOrDefault(dataset, List.of()));
    return columns;
  }

  private static String text(DataFile f, Row row, String column) {
    if (!f.hasColumn(column)) {
      throw new AssertionError(f.relativePath() + " lacks column " + column);
    }
    if (!f.schema().apply(column).dataType().equals(DataTypes.StringType)) {
      throw new AssertionError(f.relativePath() + ": " + column + " is not a string");
    }
    return (String) f.value(row, column);
  }
}
