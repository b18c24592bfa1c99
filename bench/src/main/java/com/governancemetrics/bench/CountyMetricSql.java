package com.governancemetrics.bench;

import java.time.YearMonth;
import java.util.List;

/**
 * The 17 metrics of SPEC §2's shipped catalogue at county level, as one plain SQL query each, in the
 * subset of SQL that Spark and DuckDB share. Each query reads the filtered input tables {@code t_grid},
 * {@code t_service}, {@code t_income}, {@code t_cases} and the counties in scope {@code t_scope_counties}
 * and returns (province_code, county_code, county_name, metric_id, numerator, denominator, value,
 * rank_in_province) for every county in scope. Default thresholds and case types of conf/governance.yaml.
 */
public final class CountyMetricSql {

  /** The metric's direction: which end ranks first, or no rank (SPEC §2 Ranks). */
  public enum Direction { HIGHER, LOWER, BAND, NONE }

  /** One metric: its id, direction and the per-county aggregate (county_code, numerator, denominator). */
  public record Metric(String id, Direction direction, String aggregate, Fill fill) {
    public Metric {
      if (id == null || direction == null || aggregate == null || fill == null) {
        throw new IllegalArgumentException("incomplete metric " + id);
      }
    }
  }

  /**
   * How a county in scope without rows is filled: ratios and income metrics are null (SPEC §2: no rows,
   * value null); case counts are 0 and case ratios 0/0 (no cases is a valid report).
   */
  public enum Fill { RATIO, COUNT, MEDIAN, CASE_COUNT, CASE_RATIO }

  /** The columns every metric query returns, in order. */
  public static final List<String> COLUMNS = List.of("province_code", "county_code", "county_name",
      "metric_id", "numerator", "denominator", "value", "rank_in_province");

  public static final List<String> CASE_TYPES = List.of("weak_party_org", "inspection_finding");
  static final long SHARE_100K = 100000;
  static final long SHARE_500K = 500000;
  static final long WEAK_BELOW = 50000;
  static final long HOLLOW_AT_OR_BELOW = 0;

  private CountyMetricSql() {}

  /** The catalogue for the latest period P, in the order of SPEC §2. */
  public static List<Metric> catalogue(YearMonth p) {
    String stock = "period = '" + p + "'";
    String ytd = "period BETWEEN '" + YearMonth.of(p.getYear(), 1) + "' AND '" + p + "'";
    String yearStart = "DATE '" + p.getYear() + "-01-01'";
    String d = "DATE '" + p.atEndOfMonth() + "'";
    String inYear = " BETWEEN " + yearStart + " AND " + d;
    String annualYear = "(SELECT MAX(year) FROM t_income WHERE year <= " + p.getYear() + ")";
    String op = "operating_income_yuan";
    return List.of(
        ratio("household_coverage", Direction.HIGHER, "t_grid", stock, "households_covered", "households_total"),
        ratio("grid_party_org_coverage", Direction.HIGHER, "t_grid", stock, "grids_with_party_org", "grids_total"),
        ratio("party_member_leader_share", Direction.HIGHER, "t_grid", stock, "neighbour_leaders_party",
            "neighbour_leaders"),
        ratio("households_per_neighbour_leader", Direction.BAND, "t_grid", stock, "households_covered",
            "neighbour_leaders"),
        ratio("platform_coverage", Direction.HIGHER, "t_service", stock, "villages_platform_live", "villages_total"),
        ratio("appeal_resolution_rate", Direction.HIGHER, "t_service", ytd, "appeals_resolved", "appeals_received"),
        ratio("dispute_settlement_rate", Direction.HIGHER, "t_service", ytd, "disputes_settled",
            "disputes_mediated"),
        income("income_ge_100k_share", Direction.HIGHER, Fill.RATIO, count(op + " >= " + SHARE_100K),
            "CAST(COUNT(*) AS DOUBLE)", annualYear),
        income("income_ge_500k_share", Direction.HIGHER, Fill.RATIO, count(op + " >= " + SHARE_500K),
            "CAST(COUNT(*) AS DOUBLE)", annualYear),
        income("hollow_villages", Direction.LOWER, Fill.COUNT, count(op + " <= " + HOLLOW_AT_OR_BELOW),
            "CAST(NULL AS DOUBLE)", annualYear),
        income("weak_villages", Direction.LOWER, Fill.COUNT,
            count(op + " > " + HOLLOW_AT_OR_BELOW + " AND " + op + " < " + WEAK_BELOW),
            "CAST(NULL AS DOUBLE)", annualYear),
        new Metric("median_operating_income", Direction.HIGHER,
            "SELECT substr(township_code, 1, 6) AS county_code, CAST(NULL AS DOUBLE) AS numerator, "
                + "CAST(NULL AS DOUBLE) AS denominator, median(CAST(" + op + " AS DOUBLE)) AS value "
                + "FROM t_income WHERE year = " + annualYear + " GROUP BY substr(township_code, 1, 6)",
            Fill.MEDIAN),
        cases("weak_orgs_identified_ytd", Direction.NONE, Fill.CASE_COUNT,
            count("case_type = 'weak_party_org' AND identified_date" + inYear), null),
        cases("weak_orgs_rectified_ytd", Direction.HIGHER, Fill.CASE_COUNT,
            count("case_type = 'weak_party_org' AND rectified_date" + inYear), null),
        cases("weak_org_rectification_rate", Direction.HIGHER, Fill.CASE_RATIO,
            count("case_type = 'weak_party_org' AND identified_date" + inYear + " AND rectified_date <= " + d),
            count("case_type = 'weak_party_org' AND identified_date" + inYear)),
        cases("overdue_open_cases", Direction.LOWER, Fill.CASE_COUNT,
            count("deadline_date < " + d + " AND (rectified_date IS NULL OR rectified_date > " + d + ")"), null),
        cases("on_time_rectification_rate", Direction.HIGHER, Fill.CASE_RATIO,
            count("rectified_date" + inYear + " AND rectified_date <= deadline_date"),
            count("rectified_date" + inYear)));
  }

  /** The full query of one metric: every county in scope, its value and its rank within the province. */
  public static String query(Metric m) {
    String numerator;
    String denominator;
    String value;
    switch (m.fill()) {
      case RATIO -> {
        numerator = "a.numerator";
        denominator = "a.denominator";
        value = "a.numerator / NULLIF(a.denominator, 0)";
      }
      case COUNT -> {
        numerator = "a.numerator";
        denominator = "CAST(NULL AS DOUBLE)";
        value = "a.numerator";
      }
      case MEDIAN -> {
        numerator = "CAST(NULL AS DOUBLE)";
        denominator = "CAST(NULL AS DOUBLE)";
        value = "a.value";
      }
      case CASE_COUNT -> {
        numerator = "COALESCE(a.numerator, 0)";
        denominator = "CAST(NULL AS DOUBLE)";
        value = "COALESCE(a.numerator, 0)";
      }
      case CASE_RATIO -> {
        numerator = "COALESCE(a.numerator, 0)";
        denominator = "COALESCE(a.denominator, 0)";
        value = "COALESCE(a.numerator, 0) / NULLIF(COALESCE(a.denominator, 0), 0)";
      }
      default -> throw new IllegalStateException(m.fill().toString());
    }
    String rank = switch (m.direction()) {
      case HIGHER -> "CAST(CASE WHEN value IS NOT NULL THEN RANK() OVER (PARTITION BY province_code "
          + "ORDER BY value DESC NULLS LAST) END AS INT)";
      case LOWER -> "CAST(CASE WHEN value IS NOT NULL THEN RANK() OVER (PARTITION BY province_code "
          + "ORDER BY value ASC NULLS LAST) END AS INT)";
      case BAND, NONE -> "CAST(NULL AS INT)";
    };
    return "SELECT province_code, county_code, county_name, metric_id, numerator, denominator, value, "
        + rank + " AS rank_in_province FROM ("
        + "SELECT c.province_code, c.county_code, c.county_name, '" + m.id() + "' AS metric_id, "
        + "CAST(" + numerator + " AS DOUBLE) AS numerator, CAST(" + denominator + " AS DOUBLE) AS denominator, "
        + "CAST(" + value + " AS DOUBLE) AS value "
        + "FROM t_scope_counties c LEFT JOIN (" + m.aggregate() + ") a ON a.county_code = c.county_code) v";
  }

  private static Metric ratio(String id, Direction direction, String table, String window, String num,
      String den) {
    return new Metric(id, direction,
        "SELECT substr(township_code, 1, 6) AS county_code, CAST(SUM(" + num + ") AS DOUBLE) AS numerator, "
            + "CAST(SUM(" + den + ") AS DOUBLE) AS denominator FROM " + table + " WHERE " + window
            + " GROUP BY substr(township_code, 1, 6)",
        Fill.RATIO);
  }

  private static Metric income(String id, Direction direction, Fill fill, String numerator, String denominator,
      String annualYear) {
    return new Metric(id, direction,
        "SELECT substr(township_code, 1, 6) AS county_code, " + numerator + " AS numerator, " + denominator
            + " AS denominator FROM t_income WHERE year = " + annualYear + " GROUP BY substr(township_code, 1, 6)",
        fill);
  }

  private static Metric cases(String id, Direction direction, Fill fill, String numerator, String denominator) {
    return new Metric(id, direction,
        "SELECT substr(township_code, 1, 6) AS county_code, " + numerator + " AS numerator, "
            + (denominator == null ? "CAST(NULL AS DOUBLE)" : denominator) + " AS denominator "
            + "FROM t_cases GROUP BY substr(township_code, 1, 6)",
        fill);
  }

  private static String count(String condition) {
    return "CAST(SUM(CASE WHEN " + condition + " THEN 1 ELSE 0 END) AS DOUBLE)";
  }
}
