package com.governancemetrics.rollup;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.grouping;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Every unit of the registry at the four levels, with its names, parents, the group its own rank is
 * taken in, and how many registry townships it has (the completeness denominator, SPEC §2).
 */
public final class RegistryUnits {

  private RegistryUnits() {}

  /**
   * Columns: level, unit_code, province/city/county/township code and name (null below the level),
   * own_group (county for townships, province for counties and cities, "" for provinces),
   * registry_townships.
   */
  public static Dataset<Row> of(Dataset<Row> registry) {
    List<Column> p = List.of(col("province_code"), col("province_name"));
    List<Column> c = List.of(col("city_code"), col("city_name"));
    List<Column> k = List.of(col("county_code"), col("county_name"));
    List<Column> t = List.of(col("township_code"), col("township_name"));
    List<Column> all = concat(p, c, k, t);
    List<List<Column>> sets = List.of(p, concat(p, c), concat(p, c, k), all);
    Column level = lit(3).minus(grouping(col("township_code"))).minus(grouping(col("county_code")))
        .minus(grouping(col("city_code")));
    return registry
        .groupingSets(seq(sets.stream().map(RegistryUnits::seq).toList()), all.toArray(Column[]::new))
        .agg(count(lit(1)).as("registry_townships"), level.as("level"))
        .withColumn("unit_code", coalesce(col("township_code"), col("county_code"), col("city_code"),
            col("province_code")))
        .withColumn("own_group",
            when(col("level").equalTo(3), col("county_code"))
                .when(col("level").equalTo(0), lit(""))
                .otherwise(col("province_code")));
  }

  @SafeVarargs
  private static List<Column> concat(List<Column>... parts) {
    return java.util.Arrays.stream(parts).flatMap(List::stream).toList();
  }

  private static <T> scala.collection.immutable.Seq<T> seq(List<T> list) {
    return CollectionConverters.asScala(list).toList();
  }
}
