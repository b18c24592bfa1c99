package com.governancemetrics.rollup;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The four administrative levels of the output tables (SPEC §3), with the group each level is
 * ranked in: townships within their county, counties and cities within their province, provinces
 * nationally (counties also within their city).
 */
public enum Level {
  PROVINCE(0, "province_metrics", "country", 2),
  CITY(1, "city_metrics", "province", 4),
  COUNTY(2, "county_metrics", "province", 6),
  TOWNSHIP(3, "township_metrics", "county", 9);

  /** The unit of each depth, as its code and name columns begin. */
  private static final String[] UNIT_NAMES = {"province", "city", "county", "township"};

  private final int depth;
  private final String table;
  private final String rankGroup;
  private final int codeLength;

  Level(int depth, String table, String rankGroup, int codeLength) {
    this.depth = depth;
    this.table = table;
    this.rankGroup = rankGroup;
    this.codeLength = codeLength;
  }

  /** 0 for province … 3 for township: the {@code level} column of the long rows. */
  public int depth() {
    return depth;
  }

  /** The published table's name. */
  public String table() {
    return table;
  }

  /** Digits of the unit's code. */
  public int codeLength() {
    return codeLength;
  }

  /** The group of the level's own rank: country, province or county. */
  public String rankGroup() {
    return rankGroup;
  }

  /** The column of the unit's own code: township_code for townships … province_code. */
  public String codeColumn() {
    return UNIT_NAMES[depth] + "_code";
  }

  /** The column of the unit's own name: township_name for townships … province_name. */
  public String nameColumn() {
    return UNIT_NAMES[depth] + "_name";
  }

  /** The code and name columns of the level and of every level above it. */
  public List<String> unitColumns() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i <= depth; i++) {
      names.add(ofDepth(i).codeColumn());
      names.add(ofDepth(i).nameColumn());
    }
    return names;
  }

  /** The level's own rank, within its {@link #rankGroup}: rank_in_county, rank_in_province, … */
  public String rankColumn() {
    return "rank_in_" + rankGroup;
  }

  /** How many units of the group got a rank ("3 of 24"): ranked_in_county, ranked_in_province, … */
  public String rankedColumn() {
    return "ranked_in_" + rankGroup;
  }

  /** The own rank for period P-1: prev_rank_in_county, prev_rank_in_province, … */
  public String prevRankColumn() {
    return "prev_rank_in_" + rankGroup;
  }

  /** The rank columns of the level's table, in SPEC §3 order (counties also rank within their city). */
  public List<String> rankColumns() {
    return this == COUNTY ? List.of(rankColumn(), rankedColumn(), "rank_in_city")
        : List.of(rankColumn(), rankedColumn());
  }

  /** Every column of the level's table, in a stable order (SPEC §3). */
  public List<String> columns() {
    List<String> c = new ArrayList<>();
    c.add("period");
    c.addAll(unitColumns());
    c.addAll(List.of("metric_id", "data_period", "numerator", "denominator", "value"));
    c.addAll(rankColumns());
    c.addAll(List.of("province_value", "target", "target_max", "meets_target", "prev_value",
        "yoy_value", prevRankColumn(), "rank_change", "completeness",
        "low_completeness", "anomaly", "anomaly_reason"));
    return c;
  }

  /** The columns every row has a value of. */
  private static final List<String> REQUIRED = List.of("period", "province_code", "metric_id");

  /** The table's schema: {@link #columns()} with the types of SPEC §3. */
  public StructType schema() {
    StructType schema = new StructType();
    for (String column : columns()) {
      schema = schema.add(column, type(column), !REQUIRED.contains(column));
    }
    return schema;
  }

  /** The type of a column of the tables (SPEC §3). */
  public static DataType type(String column) {
    if (column.startsWith("rank") || column.startsWith("prev_rank")) {
      return DataTypes.IntegerType;
    }
    return switch (column) {
      case "numerator", "denominator", "value", "province_value", "target", "target_max",
          "prev_value", "yoy_value", "completeness" -> DataTypes.DoubleType;
      case "meets_target", "low_completeness", "anomaly" -> DataTypes.BooleanType;
      default -> DataTypes.StringType;
    };
  }

  public static Level ofDepth(int depth) {
    for (Level l : values()) {
      if (l.depth == depth) {
        return l;
      }
    }
    throw new IllegalArgumentException("no level " + depth);
  }
}
