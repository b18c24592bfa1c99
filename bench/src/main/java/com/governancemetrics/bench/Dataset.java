package com.governancemetrics.bench;

import java.util.List;

/**
 * The four fact datasets of SPEC §1 as the benchmark sees them: folder, contract columns and their kinds.
 * Kept here (not taken from jobs/) so the harness builds and runs whatever state the product is in.
 */
public enum Dataset {
  GRID_COVERAGE("grid_coverage", "period", List.of(
      Column.code("township_code"), Column.of("period", Kind.PERIOD),
      Column.of("households_total", Kind.INTEGER), Column.of("households_covered", Kind.INTEGER),
      Column.of("zone_leaders", Kind.INTEGER), Column.of("group_leaders", Kind.INTEGER),
      Column.of("neighbour_leaders", Kind.INTEGER), Column.of("neighbour_leaders_party", Kind.INTEGER),
      Column.of("grids_total", Kind.INTEGER), Column.of("grids_with_party_org", Kind.INTEGER))),
  SERVICE_APPEALS("service_appeals", "period", List.of(
      Column.code("township_code"), Column.of("period", Kind.PERIOD),
      Column.of("villages_total", Kind.INTEGER), Column.of("villages_platform_live", Kind.INTEGER),
      Column.of("households_certified", Kind.INTEGER), Column.of("appeals_received", Kind.INTEGER),
      Column.of("appeals_resolved", Kind.INTEGER), Column.of("disputes_mediated", Kind.INTEGER),
      Column.of("disputes_settled", Kind.INTEGER))),
  COLLECTIVE_INCOME("collective_income", "year", List.of(
      Column.code("village_code"), Column.of("village_name", Kind.TEXT), Column.code("township_code"),
      Column.of("year", Kind.YEAR), Column.of("village_type", Kind.TEXT),
      Column.of("operating_income_yuan", Kind.DECIMAL), Column.of("total_income_yuan", Kind.DECIMAL))),
  RECTIFICATION_CASES("rectification_cases", null, List.of(
      Column.of("case_id", Kind.TEXT), Column.code("township_code"), Column.code("village_code"),
      Column.of("case_type", Kind.TEXT), Column.of("identified_date", Kind.DATE),
      Column.of("deadline_date", Kind.DATE), Column.of("rectified_date", Kind.DATE)));

  /** How a contract column is typed once read. */
  public enum Kind { CODE, TEXT, PERIOD, YEAR, INTEGER, DECIMAL, DATE }

  /** A contract column. */
  public record Column(String name, Kind kind) {
    public Column {
      if (name == null || name.isBlank() || kind == null) {
        throw new IllegalArgumentException("a column needs a name and a kind");
      }
    }

    static Column of(String name, Kind kind) {
      return new Column(name, kind);
    }

    static Column code(String name) {
      return new Column(name, Kind.CODE);
    }
  }

  private final String folder;
  private final String partitionColumn;
  private final List<Column> columns;

  Dataset(String folder, String partitionColumn, List<Column> columns) {
    this.folder = folder;
    this.partitionColumn = partitionColumn;
    this.columns = columns;
  }

  public String folder() {
    return folder;
  }

  /** {@code period}, {@code year} or null (cases are not partitioned). */
  public String partitionColumn() {
    return partitionColumn;
  }

  public List<Column> columns() {
    return columns;
  }

  public List<String> columnNames() {
    return columns.stream().map(Column::name).toList();
  }

  @Override
  public String toString() {
    return folder;
  }
}
