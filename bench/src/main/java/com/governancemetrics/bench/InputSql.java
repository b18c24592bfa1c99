package com.governancemetrics.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The reference tools' reading of the inputs, in SQL that Spark and DuckDB share: each contract column
 * typed from whatever physical type a file has (integers of any width or digit strings, decimals or
 * decimal strings, dates or date strings; a value that does not cast becomes null), the period or year
 * from the partition folder of the file's path, and the "simple filters" that drop what SPEC §1 would
 * quarantine in the common cases: unknown or malformed codes, bad periods, values that do not cast,
 * missing or negative values, a part above its whole, dates out of order, unknown case types; identical
 * copies kept once. Conflicting duplicates are not looked for: these are references, not the product.
 */
public final class InputSql {

  /** The physical type of a column in one file group (Spark) or in the unified scan (DuckDB). */
  public enum Physical { STRING, INTEGRAL, DECIMAL_SCALE_2, DECIMAL_WIDER, DATE, OTHER, MISSING }

  /** What differs between the two engines: quoting, regex matching and the file path column. */
  public interface Dialect {
    String quote(String column);

    String matches(String expr, String regex);

    /** The expression of the path of the file a row came from. */
    String filePath();
  }

  public static final Dialect SPARK = new Dialect() {
    @Override
    public String quote(String column) {
      return "`" + column + "`";
    }

    @Override
    public String matches(String expr, String regex) {
      return "(" + expr + " RLIKE '" + regex + "')";
    }

    @Override
    public String filePath() {
      return "_metadata.file_path";
    }
  };

  public static final Dialect DUCKDB = new Dialect() {
    @Override
    public String quote(String column) {
      return "\"" + column + "\"";
    }

    @Override
    public String matches(String expr, String regex) {
      return "regexp_matches(" + expr + ", '" + regex + "')";
    }

    @Override
    public String filePath() {
      return "filename";
    }
  };

  static final String PERIOD_REGEX = "^[0-9]{4}-(0[1-9]|1[0-2])$";
  static final String INTEGER_REGEX = "^[+-]?[0-9]+$";
  static final String DECIMAL_REGEX = "^[+-]?[0-9]+([.][0-9]{1,2})?$";
  static final String DATE_REGEX = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

  private InputSql() {}

  /**
   * The typed select list of a dataset's contract columns for one file group whose physical types are
   * {@code physical} (a column absent from the map is missing from the files).
   */
  public static List<String> typedColumns(Dataset dataset, Map<String, Physical> physical, Dialect sql) {
    List<String> select = new ArrayList<>();
    for (Dataset.Column c : dataset.columns()) {
      select.add(typed(c, physical.getOrDefault(c.name(), Physical.MISSING), sql) + " AS " + sql.quote(c.name()));
    }
    if (dataset == Dataset.RECTIFICATION_CASES) {
      // rectified_date may be null (an open case), but a value that does not parse is a bad row, not open.
      Physical p = physical.getOrDefault("rectified_date", Physical.MISSING);
      String bad = p == Physical.MISSING ? "FALSE"
          : "(" + sql.quote("rectified_date") + " IS NOT NULL AND ("
              + typed(new Dataset.Column("rectified_date", Dataset.Kind.DATE), p, sql) + ") IS NULL)";
      select.add(bad + " AS rectified_date_bad");
    }
    return select;
  }

  /** One contract column typed from its physical type; null where the value does not cast. */
  static String typed(Dataset.Column c, Physical p, Dialect sql) {
    String col = sql.quote(c.name());
    return switch (c.kind()) {
      case CODE, TEXT -> p == Physical.MISSING ? "CAST(NULL AS STRING)"
          : p == Physical.STRING ? col : "CAST(" + col + " AS STRING)";
      case INTEGER -> switch (p) {
        case INTEGRAL -> "CAST(" + col + " AS BIGINT)";
        case STRING -> "CASE WHEN " + sql.matches("trim(" + col + ")", INTEGER_REGEX)
            + " THEN TRY_CAST(trim(" + col + ") AS BIGINT) END";
        default -> "CAST(NULL AS BIGINT)";
      };
      case DECIMAL -> switch (p) {
        case INTEGRAL, DECIMAL_SCALE_2 -> "TRY_CAST(" + col + " AS DECIMAL(18,2))";
        case DECIMAL_WIDER -> "CASE WHEN TRY_CAST(" + col + " AS DECIMAL(18,2)) = " + col
            + " THEN TRY_CAST(" + col + " AS DECIMAL(18,2)) END";
        case STRING -> "CASE WHEN " + sql.matches("trim(" + col + ")", DECIMAL_REGEX)
            + " THEN TRY_CAST(trim(" + col + ") AS DECIMAL(18,2)) END";
        default -> "CAST(NULL AS DECIMAL(18,2))";
      };
      case DATE -> switch (p) {
        case DATE -> col;
        case STRING -> "CASE WHEN " + sql.matches(col, DATE_REGEX) + " THEN TRY_CAST(" + col + " AS DATE) END";
        default -> "CAST(NULL AS DATE)";
      };
      case PERIOD -> {
        String value = folderOrColumn("period", p, col, sql);
        yield "CASE WHEN " + sql.matches(value, PERIOD_REGEX) + " THEN " + value + " END";
      }
      case YEAR -> {
        String value = folderOrColumn("year", p, col, sql);
        yield "CASE WHEN " + sql.matches(value, "^[0-9]{4}$") + " THEN CAST(" + value + " AS INT) END";
      }
    };
  }

  /** The partition folder's value from the file path, else the file's own column (SPEC §1: the folder wins). */
  private static String folderOrColumn(String name, Physical p, String col, Dialect sql) {
    String folder = "NULLIF(regexp_extract(" + sql.filePath() + ", '" + name + "=([^/]*)/', 1), '')";
    if (p == Physical.MISSING) {
      return folder;
    }
    return "COALESCE(" + folder + ", CAST(" + col + " AS STRING))";
  }

  /** SELECT DISTINCT of the accepted rows of {@code rawTable} (the typed rows), with the simple filters. */
  public static String acceptedRows(Dataset dataset, String rawTable, Dialect sql) {
    StringJoiner where = new StringJoiner(" AND ");
    where.add("township_code IN (SELECT township_code FROM t_registry)");
    switch (dataset) {
      case GRID_COVERAGE, SERVICE_APPEALS -> {
        where.add("period IS NOT NULL");
        for (Dataset.Column c : dataset.columns()) {
          if (c.kind() == Dataset.Kind.INTEGER) {
            where.add(c.name() + " IS NOT NULL AND " + c.name() + " >= 0");
          }
        }
        if (dataset == Dataset.GRID_COVERAGE) {
          where.add("households_covered <= households_total");
          where.add("neighbour_leaders_party <= neighbour_leaders");
          where.add("grids_with_party_org <= grids_total");
        } else {
          where.add("villages_platform_live <= villages_total");
          where.add("appeals_resolved <= appeals_received");
          where.add("disputes_settled <= disputes_mediated");
        }
      }
      case COLLECTIVE_INCOME -> {
        where.add(sql.matches("village_code", "^[0-9]{12}$"));
        where.add("substr(village_code, 1, 9) = township_code");
        where.add("year IS NOT NULL");
        where.add("operating_income_yuan IS NOT NULL AND operating_income_yuan >= 0");
        where.add("total_income_yuan IS NOT NULL AND total_income_yuan >= 0");
        where.add("operating_income_yuan <= total_income_yuan");
      }
      case RECTIFICATION_CASES -> {
        where.add("case_id IS NOT NULL AND trim(case_id) <> ''");
        where.add("(village_code IS NULL OR (" + sql.matches("village_code", "^[0-9]{12}$")
            + " AND substr(village_code, 1, 9) = township_code))");
        where.add("case_type IN ('" + String.join("', '", CountyMetricSql.CASE_TYPES) + "')");
        where.add("identified_date IS NOT NULL AND deadline_date IS NOT NULL");
        where.add("deadline_date >= identified_date");
        where.add("NOT rectified_date_bad");
        where.add("(rectified_date IS NULL OR rectified_date >= identified_date)");
      }
      default -> throw new IllegalStateException(dataset.toString());
    }
    List<String> columns = dataset.columnNames().stream().map(sql::quote).toList();
    return "SELECT DISTINCT " + String.join(", ", columns) + " FROM " + rawTable + " WHERE " + where;
  }

  /** The table name a dataset's accepted rows go by in the metric queries. */
  public static String tableName(Dataset dataset) {
    return switch (dataset) {
      case GRID_COVERAGE -> "t_grid";
      case SERVICE_APPEALS -> "t_service";
      case COLLECTIVE_INCOME -> "t_income";
      case RECTIFICATION_CASES -> "t_cases";
    };
  }

  /** The provinces with at least one accepted row in what the run reads (SPEC §2: which units get rows). */
  public static String provincesWithData() {
    StringJoiner union = new StringJoiner(" UNION ");
    for (Dataset d : Dataset.values()) {
      union.add("SELECT DISTINCT substr(township_code, 1, 2) AS province_code FROM " + tableName(d));
    }
    return union.toString();
  }
}
