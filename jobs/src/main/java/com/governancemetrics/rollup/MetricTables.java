package com.governancemetrics.rollup;

import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The four long-form tables of SPEC §3, lazy: each has {@code period} (the partition column) and
 * exactly its level's columns ({@link Level#columns()}), in that order. All four are made from
 * {@code ranked}, the narrow rows of every level (codes, numbers, ranks): a caller that writes
 * several tables persists {@code ranked} first, so that the metrics are evaluated once.
 */
public record MetricTables(Dataset<Row> ranked, Dataset<Row> township, Dataset<Row> county,
    Dataset<Row> city, Dataset<Row> province) {

  public MetricTables {
    Objects.requireNonNull(ranked);
    Objects.requireNonNull(township);
    Objects.requireNonNull(county);
    Objects.requireNonNull(city);
    Objects.requireNonNull(province);
  }

  public Dataset<Row> of(Level level) {
    return switch (level) {
      case TOWNSHIP -> township;
      case COUNTY -> county;
      case CITY -> city;
      case PROVINCE -> province;
    };
  }
}
