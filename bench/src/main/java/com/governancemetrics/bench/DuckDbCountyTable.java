package com.governancemetrics.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The single-machine reference of issue 5: the county table of period P computed by DuckDB (in-process,
 * default settings) with plain SQL over the same Parquet files nightly reads ({@link ReadPlan}): the
 * filtered inputs loaded into temporary tables, then every metric of SPEC §2's catalogue at county level
 * with its rank in the province ({@link CountyMetricSql}), written to {@code OUTPUT/county_metrics.parquet}.
 * Arguments: {@code --input ROOT --period YYYY-MM --output DIR --registry DIR}. Runs with plain java.
 */
public final class DuckDbCountyTable {

  private DuckDbCountyTable() {}

  public static void main(String[] argv) throws Exception {
    Args args = Args.parse(argv);
    long rows = run(ReadPlan.forNightly(Path.of(args.required("input")), YearMonth.parse(args.required("period"))),
        Path.of(args.required("registry")), Path.of(args.required("output")));
    System.out.printf("duckdb: version=%s county_metric_rows=%d%n", version(), rows);
  }

  /** Computes the county table into {@code output/county_metrics.parquet}; returns its row count. */
  public static long run(ReadPlan plan, Path registry, Path output) throws SQLException, java.io.IOException {
    Files.createDirectories(output);
    Path target = output.resolve("county_metrics.parquet");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      st.execute("CREATE TEMP TABLE t_registry AS SELECT s.code AS township_code, s.areaCode AS county_code, "
          + "a.name AS county_name, s.provinceCode AS province_code "
          + "FROM read_csv(" + literal(registry.resolve("streets.csv")) + ", header = true, all_varchar = true) s "
          + "LEFT JOIN read_csv(" + literal(registry.resolve("areas.csv")) + ", header = true, all_varchar = true) a "
          + "ON a.code = s.areaCode");
      for (Dataset d : Dataset.values()) {
        st.execute("CREATE TEMP TABLE " + InputSql.tableName(d) + " AS "
            + InputSql.acceptedRows(d, rawRows(st, d, plan.files(d)), InputSql.DUCKDB));
      }
      st.execute("CREATE TEMP TABLE t_scope_counties AS SELECT DISTINCT province_code, county_code, county_name "
          + "FROM t_registry WHERE province_code IN (" + InputSql.provincesWithData() + ")");
      String table = CountyMetricSql.catalogue(plan.period()).stream()
          .map(CountyMetricSql::query).collect(Collectors.joining(" UNION ALL "));
      st.execute("COPY (" + table + ") TO " + literal(target) + " (FORMAT PARQUET)");
      try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM read_parquet(" + literal(target) + ")")) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** The typed rows of a dataset as a subquery over read_parquet of its files (types unified by name). */
  private static String rawRows(Statement st, Dataset d, List<Path> files) throws SQLException {
    if (files.isEmpty()) {
      List<String> typed = InputSql.typedColumns(d, Map.of(), InputSql.DUCKDB);
      return "(SELECT " + String.join(", ", typed) + " FROM (SELECT CAST(NULL AS STRING) AS filename) "
          + "WHERE FALSE) raw";
    }
    String scan = "read_parquet([" + files.stream().map(DuckDbCountyTable::literal)
        .collect(Collectors.joining(", ")) + "], union_by_name = true, hive_partitioning = false, filename = true)";
    Map<String, InputSql.Physical> physical = new HashMap<>();
    try (ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + scan)) {
      while (rs.next()) {
        physical.put(rs.getString("column_name"), classify(rs.getString("column_type")));
      }
    }
    return "(SELECT " + String.join(", ", InputSql.typedColumns(d, physical, InputSql.DUCKDB))
        + " FROM " + scan + ") raw";
  }

  static InputSql.Physical classify(String duckType) {
    String t = duckType.toUpperCase(Locale.ROOT);
    if (t.equals("VARCHAR")) {
      return InputSql.Physical.STRING;
    }
    if (List.of("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER",
        "UBIGINT").contains(t)) {
      return InputSql.Physical.INTEGRAL;
    }
    if (t.startsWith("DECIMAL(")) {
      int scale = Integer.parseInt(t.substring(t.indexOf(',') + 1, t.indexOf(')')).trim());
      return scale <= 2 ? InputSql.Physical.DECIMAL_SCALE_2 : InputSql.Physical.DECIMAL_WIDER;
    }
    if (t.equals("DATE")) {
      return InputSql.Physical.DATE;
    }
    return InputSql.Physical.OTHER;
  }

  private static String literal(Path path) {
    return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
  }

  static String version() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT version()")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
