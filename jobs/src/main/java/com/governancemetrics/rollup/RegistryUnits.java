package com.governancemetrics.rollup;

import com.governancemetrics.registry.Township;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Every unit of the registry at the four levels, with its names, parents, the group its own rank is
 * taken in, and how many registry townships it has (the completeness denominator, SPEC §2). Built
 * on the driver from the registry (no Spark job); the ranking gets it as a broadcast variable and
 * the tables join its names as a small broadcast table.
 */
final class RegistryUnits {

  /**
   * One unit; the codes and names of the levels below its own are null.
   *
   * @param ownGroup county for townships, province for counties and cities, "" for provinces
   */
  record Unit(int level, String code, String provinceCode, String provinceName, String cityCode,
      String cityName, String countyCode, String countyName, String townshipCode,
      String townshipName, String ownGroup, long registryTownships) implements Serializable {}

  private RegistryUnits() {}

  /** The units of every level, in registry order (provinces, cities, counties, townships each once). */
  static List<Unit> of(List<Township> registry) {
    Map<String, Unit> units = new LinkedHashMap<>();
    Map<String, Long> townships = new HashMap<>();
    for (Township t : registry) {
      String[] keys = {"0|" + t.provinceCode(), "1|" + t.cityCode(), "2|" + t.countyCode(),
          "3|" + t.townshipCode()};
      for (String key : keys) {
        townships.merge(key, 1L, Long::sum);
      }
      units.putIfAbsent(keys[0], new Unit(0, t.provinceCode(), t.provinceCode(), t.provinceName(),
          null, null, null, null, null, null, "", 0));
      units.putIfAbsent(keys[1], new Unit(1, t.cityCode(), t.provinceCode(), t.provinceName(),
          t.cityCode(), t.cityName(), null, null, null, null, t.provinceCode(), 0));
      units.putIfAbsent(keys[2], new Unit(2, t.countyCode(), t.provinceCode(), t.provinceName(),
          t.cityCode(), t.cityName(), t.countyCode(), t.countyName(), null, null,
          t.provinceCode(), 0));
      units.putIfAbsent(keys[3], new Unit(3, t.townshipCode(), t.provinceCode(), t.provinceName(),
          t.cityCode(), t.cityName(), t.countyCode(), t.countyName(), t.townshipCode(),
          t.townshipName(), t.countyCode(), 0));
    }
    List<Unit> result = new ArrayList<>(units.size());
    units.forEach((key, u) -> result.add(new Unit(u.level(), u.code(), u.provinceCode(),
        u.provinceName(), u.cityCode(), u.cityName(), u.countyCode(), u.countyName(),
        u.townshipCode(), u.townshipName(), u.ownGroup(), townships.get(key))));
    return result;
  }

  /** The units of each province (the province itself included), for the ranking. */
  static HashMap<String, ArrayList<Unit>> byProvince(List<Unit> units) {
    HashMap<String, ArrayList<Unit>> byProvince = new HashMap<>();
    for (Unit u : units) {
      byProvince.computeIfAbsent(u.provinceCode(), p -> new ArrayList<>()).add(u);
    }
    return byProvince;
  }

  /** level, unit_code and the names of the unit and its parents: what the tables join. */
  static Dataset<Row> names(SparkSession spark, List<Unit> units) {
    StructType schema = new StructType()
        .add("level", DataTypes.IntegerType, false)
        .add("unit_code", DataTypes.StringType, false)
        .add("province_name", DataTypes.StringType, true)
        .add("city_code", DataTypes.StringType, true)
        .add("city_name", DataTypes.StringType, true)
        .add("county_code", DataTypes.StringType, true)
        .add("county_name", DataTypes.StringType, true)
        .add("township_code", DataTypes.StringType, true)
        .add("township_name", DataTypes.StringType, true);
    List<Row> rows = new ArrayList<>(units.size());
    for (Unit u : units) {
      rows.add(RowFactory.create(u.level(), u.code(), u.provinceName(), u.cityCode(), u.cityName(),
          u.countyCode(), u.countyName(), u.townshipCode(), u.townshipName()));
    }
    return spark.createDataFrame(rows, schema);
  }
}
