package com.governancemetrics.input;

import static com.governancemetrics.input.ColumnKind.DATE;
import static com.governancemetrics.input.ColumnKind.DECIMAL;
import static com.governancemetrics.input.ColumnKind.INTEGER;
import static com.governancemetrics.input.ColumnKind.PERIOD;
import static com.governancemetrics.input.ColumnKind.TEXT;
import static com.governancemetrics.input.ColumnKind.YEAR;

import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The input datasets of SPEC §1: folder name, contract columns, key, partition column and part/whole
 * rules. The row rules themselves live in the quality package; this is only what the contract says.
 */
public enum InputDataset {
  TOWNSHIPS(
      "townships",
      null,
      List.of("township_code"),
      List.of(
          ColumnSpec.code("township_code", 9),
          ColumnSpec.of("township_name", TEXT),
          ColumnSpec.of("township_type", TEXT),
          ColumnSpec.code("county_code", 6),
          ColumnSpec.of("county_name", TEXT),
          ColumnSpec.code("city_code", 4),
          ColumnSpec.of("city_name", TEXT),
          ColumnSpec.code("province_code", 2),
          ColumnSpec.of("province_name", TEXT)),
      List.of()),

  GRID_COVERAGE(
      "grid_coverage",
      "period",
      List.of("township_code", "period"),
      List.of(
          ColumnSpec.code("township_code", 9),
          ColumnSpec.of("period", PERIOD),
          ColumnSpec.of("households_total", INTEGER),
          ColumnSpec.of("households_covered", INTEGER),
          ColumnSpec.of("zone_leaders", INTEGER),
          ColumnSpec.of("group_leaders", INTEGER),
          ColumnSpec.of("neighbour_leaders", INTEGER),
          ColumnSpec.of("neighbour_leaders_party", INTEGER),
          ColumnSpec.of("grids_total", INTEGER),
          ColumnSpec.of("grids_with_party_org", INTEGER)),
      List.of(
          new PartWhole("households_covered", "households_total"),
          new PartWhole("neighbour_leaders_party", "neighbour_leaders"),
          new PartWhole("grids_with_party_org", "grids_total"))),

  SERVICE_APPEALS(
      "service_appeals",
      "period",
      List.of("township_code", "period"),
      List.of(
          ColumnSpec.code("township_code", 9),
          ColumnSpec.of("period", PERIOD),
          ColumnSpec.of("villages_total", INTEGER),
          ColumnSpec.of("villages_platform_live", INTEGER),
          ColumnSpec.of("households_certified", INTEGER),
          ColumnSpec.of("appeals_received", INTEGER),
          ColumnSpec.of("appeals_resolved", INTEGER),
          ColumnSpec.of("disputes_mediated", INTEGER),
          ColumnSpec.of("disputes_settled", INTEGER)),
      List.of(
          new PartWhole("villages_platform_live", "villages_total"),
          new PartWhole("appeals_resolved", "appeals_received"),
          new PartWhole("disputes_settled", "disputes_mediated"))),

  COLLECTIVE_INCOME(
      "collective_income",
      "year",
      List.of("village_code", "year"),
      List.of(
          ColumnSpec.code("village_code", 12),
          ColumnSpec.of("village_name", TEXT),
          ColumnSpec.code("township_code", 9),
          ColumnSpec.of("year", YEAR),
          ColumnSpec.of("village_type", TEXT),
          ColumnSpec.of("operating_income_yuan", DECIMAL),
          ColumnSpec.of("total_income_yuan", DECIMAL)),
      List.of(new PartWhole("operating_income_yuan", "total_income_yuan"))),

  RECTIFICATION_CASES(
      "rectification_cases",
      null,
      List.of("case_id"),
      List.of(
          ColumnSpec.of("case_id", TEXT),
          ColumnSpec.code("township_code", 9),
          ColumnSpec.optionalCode("village_code", 12),
          ColumnSpec.of("case_type", TEXT),
          ColumnSpec.of("identified_date", DATE),
          ColumnSpec.of("deadline_date", DATE),
          ColumnSpec.optional("rectified_date", DATE)),
      List.of());

  private final String folder;
  private final String partitionColumn;
  private final List<String> key;
  private final List<ColumnSpec> columns;
  private final List<PartWhole> partWholes;

  InputDataset(String folder, String partitionColumn, List<String> key, List<ColumnSpec> columns,
      List<PartWhole> partWholes) {
    this.folder = folder;
    this.partitionColumn = partitionColumn;
    this.key = key;
    this.columns = columns;
    this.partWholes = partWholes;
  }

  /** The folder under the input root, which is also the dataset's name in messages and outputs. */
  public String folder() {
    return folder;
  }

  /** The hive partition column ({@code period} or {@code year}), if the dataset is partitioned. */
  public Optional<String> partitionColumn() {
    return Optional.ofNullable(partitionColumn);
  }

  public List<String> key() {
    return key;
  }

  public List<ColumnSpec> columns() {
    return columns;
  }

  public Optional<ColumnSpec> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  public List<PartWhole> partWholes() {
    return partWholes;
  }

  /** The fact datasets a run validates (everything but the registry). */
  public static List<InputDataset> facts() {
    return List.of(GRID_COVERAGE, SERVICE_APPEALS, COLLECTIVE_INCOME, RECTIFICATION_CASES);
  }

  /**
   * The schema of accepted rows: every contract column in its accepted type, in contract order,
   * followed by {@code source_file}. Metrics are written against this schema.
   */
  public StructType acceptedSchema() {
    StructType schema = new StructType();
    for (ColumnSpec c : columns) {
      schema = schema.add(new StructField(c.name(), c.kind().acceptedType(), true,
          org.apache.spark.sql.types.Metadata.empty()));
    }
    return schema.add("source_file", DataTypes.StringType, true);
  }

  public static InputDataset byFolder(String folder) {
    for (InputDataset d : values()) {
      if (d.folder.equals(folder)) {
        return d;
      }
    }
    throw new IllegalArgumentException("no input dataset named " + folder);
  }

  @Override
  public String toString() {
    return folder;
  }
}
