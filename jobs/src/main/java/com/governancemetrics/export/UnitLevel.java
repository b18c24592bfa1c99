package com.governancemetrics.export;

import java.util.ArrayList;
import java.util.List;

/** The four published levels (SPEC §3): their table, unit columns and the rank columns of their own rank. */
enum UnitLevel {
  TOWNSHIP("township_metrics", "rank_in_county", "ranked_in_county", "prev_rank_in_county"),
  COUNTY("county_metrics", "rank_in_province", "ranked_in_province", "prev_rank_in_province"),
  CITY("city_metrics", "rank_in_province", "ranked_in_province", "prev_rank_in_province"),
  PROVINCE("province_metrics", "rank_in_country", "ranked_in_country", "prev_rank_in_country");

  /** The metric columns every level has besides its unit and rank columns. */
  static final List<String> METRIC_COLUMNS = List.of(
      "metric_id", "data_period", "numerator", "denominator", "value", "rank_change", "province_value",
      "target", "target_max", "meets_target", "prev_value", "yoy_value", "completeness",
      "low_completeness");

  private final String table;
  private final String rankColumn;
  private final String rankedColumn;
  private final String prevRankColumn;

  UnitLevel(String table, String rankColumn, String rankedColumn, String prevRankColumn) {
    this.table = table;
    this.rankColumn = rankColumn;
    this.rankedColumn = rankedColumn;
    this.prevRankColumn = prevRankColumn;
  }

  String table() {
    return table;
  }

  String rankColumn() {
    return rankColumn;
  }

  String rankedColumn() {
    return rankedColumn;
  }

  String prevRankColumn() {
    return prevRankColumn;
  }

  /** province_code, province_name, then city, county and township code and name down to this level. */
  List<String> unitColumns() {
    List<String> columns = new ArrayList<>(List.of("province_code", "province_name"));
    if (this != PROVINCE) {
      columns.addAll(List.of("city_code", "city_name"));
    }
    if (this == COUNTY || this == TOWNSHIP) {
      columns.addAll(List.of("county_code", "county_name"));
    }
    if (this == TOWNSHIP) {
      columns.addAll(List.of("township_code", "township_name"));
    }
    return columns;
  }

  /** The column holding the code of this level's own unit (township_code for townships, …). */
  String codeColumn() {
    return unitColumns().get(unitColumns().size() - 2);
  }

  /** Every column the exports read from this level's table. */
  List<String> columns() {
    List<String> columns = new ArrayList<>(unitColumns());
    columns.addAll(METRIC_COLUMNS);
    columns.addAll(List.of(rankColumn, rankedColumn, prevRankColumn));
    return columns;
  }
}
