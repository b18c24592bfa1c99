package com.governancemetrics.export;

import static org.apache.spark.sql.functions.col;

import com.governancemetrics.jobs.ExitCode;
import com.governancemetrics.jobs.JobFailure;
import com.governancemetrics.periods.Period;
import com.governancemetrics.spark.SparkSessions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The four published metric tables of one period (SPEC §3), read from their partition folders and
 * sliced per province. Fails with exit 4 when a table's partition is missing, not completely published
 * (no _SUCCESS marker) or lacks a column.
 */
final class MetricTables {

  /** A province present in county_metrics. */
  record Province(String code, String name) {}

  private final SparkSession spark;
  private final Period period;
  private final Map<UnitLevel, Dataset<Row>> tables;

  private MetricTables(SparkSession spark, Period period, Map<UnitLevel, Dataset<Row>> tables) {
    this.spark = spark;
    this.period = period;
    this.tables = tables;
  }

  /** Opens the four tables of the period, keeping only the rows of the given metrics. */
  static MetricTables open(SparkSession spark, String outputRoot, Period period, List<String> metricIds) {
    Map<UnitLevel, Dataset<Row>> tables = new EnumMap<>(UnitLevel.class);
    Column wanted = col("metric_id").isin(metricIds.toArray());
    for (UnitLevel level : UnitLevel.values()) {
      Path folder = partition(outputRoot, level, period);
      requirePublished(spark, folder, level, period);
      Dataset<Row> table = spark.read().parquet(folder.toString());
      List<String> present = Arrays.asList(table.columns());
      List<String> missing = level.columns().stream().filter(c -> !present.contains(c)).toList();
      if (!missing.isEmpty()) {
        throw JobFailure.input(level.table() + " for period " + period + " at " + folder
                + " has no column " + String.join(", ", missing),
            "republish the period with nightly --period " + period + " (the table does not follow SPEC §3)");
      }
      tables.put(level, table.select(level.columns().stream().map(c -> col(c)).toArray(Column[]::new))
          .filter(wanted));
    }
    return new MetricTables(spark, period, tables);
  }

  static Path partition(String outputRoot, UnitLevel level, Period period) {
    return new Path(new Path(outputRoot, level.table()), "period=" + period);
  }

  private static void requirePublished(SparkSession spark, Path folder, UnitLevel level, Period period) {
    try {
      FileSystem fs = folder.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(folder)) {
        throw JobFailure.input(level.table() + " is not published for period " + period + ": no folder " + folder,
            "run nightly --period " + period + " first, or check --output");
      }
      if (!fs.exists(new Path(folder, "_SUCCESS"))) {
        throw JobFailure.input(level.table() + " for period " + period + " is not completely published: "
                + folder + " has no _SUCCESS marker",
            "run nightly --period " + period + " again to republish the period");
      }
    } catch (IOException e) {
      throw new JobFailure(ExitCode.INPUT, "cannot read " + folder + ": " + e.getMessage(),
          "check that the output root is reachable and readable", e);
    }
  }

  /**
   * Keeps the period's rows in Spark's cache while many provinces are exported one after the other, so
   * the tables are scanned once and not once per province; {@link #release} drops them.
   */
  void cacheForManyProvinces() {
    tables.replaceAll((level, table) -> table.persist(StorageLevel.MEMORY_AND_DISK()));
  }

  void release() {
    tables.values().forEach(table -> table.unpersist(false));
  }

  /** The provinces in county_metrics, by code (a few dozen rows at most). */
  List<Province> provinces() {
    SparkSessions.describe(spark, "export " + period + ": list the provinces in county_metrics");
    List<Province> provinces = new ArrayList<>();
    for (Row row : tables.get(UnitLevel.COUNTY).select("province_code", "province_name").distinct()
        .orderBy("province_code").collectAsList()) {
      provinces.add(new Province(row.getString(0), row.getString(1)));
    }
    return provinces;
  }

  /** The province's own, city and county rows, collected to the driver (about 100 units × metrics). */
  ProvinceSlice slice(Province province) {
    UnitRow total = pivot(UnitLevel.PROVINCE, collect(UnitLevel.PROVINCE, province)).stream()
        .findFirst().orElse(null);
    List<UnitRow> cities = pivot(UnitLevel.CITY, collect(UnitLevel.CITY, province));
    List<UnitRow> counties = pivot(UnitLevel.COUNTY, collect(UnitLevel.COUNTY, province));
    return new ProvinceSlice(province.code(), province.name(), Optional.ofNullable(total), cities, counties);
  }

  /**
   * The province's townships one by one in code order, streamed partition by partition to the driver
   * (a province has up to a few thousand townships: never collected at once).
   */
  Iterator<UnitRow> townships(Province province) {
    SparkSessions.describe(spark, "export " + period + ": township rows of " + province.code());
    Dataset<Row> rows = tables.get(UnitLevel.TOWNSHIP)
        .filter(col("province_code").equalTo(province.code()))
        .orderBy("township_code", "metric_id");
    return new GroupingIterator(rows.toLocalIterator(), UnitLevel.TOWNSHIP);
  }

  private List<Row> collect(UnitLevel level, Province province) {
    SparkSessions.describe(spark, "export " + period + ": " + level.table() + " rows of " + province.code());
    return tables.get(level).filter(col("province_code").equalTo(province.code()))
        .orderBy(level.codeColumn(), "metric_id").collectAsList();
  }

  private static List<UnitRow> pivot(UnitLevel level, List<Row> rows) {
    Map<String, List<Row>> byUnit = new LinkedHashMap<>();
    for (Row row : rows) {
      byUnit.computeIfAbsent(MetricCell.string(row, level.codeColumn()), k -> new ArrayList<>()).add(row);
    }
    return byUnit.values().stream().map(unitRows -> UnitRow.pivot(level, unitRows)).toList();
  }

  /** Groups consecutive rows of the same unit (the input is ordered by the unit's code) into UnitRows. */
  private static final class GroupingIterator implements Iterator<UnitRow> {
    private final Iterator<Row> rows;
    private final UnitLevel level;
    private Row pending;

    GroupingIterator(Iterator<Row> rows, UnitLevel level) {
      this.rows = rows;
      this.level = level;
      this.pending = rows.hasNext() ? rows.next() : null;
    }

    @Override
    public boolean hasNext() {
      return pending != null;
    }

    @Override
    public UnitRow next() {
      if (pending == null) {
        throw new NoSuchElementException();
      }
      String code = MetricCell.string(pending, level.codeColumn());
      List<Row> unitRows = new ArrayList<>();
      unitRows.add(pending);
      pending = null;
      while (rows.hasNext()) {
        Row row = rows.next();
        if (code.equals(MetricCell.string(row, level.codeColumn()))) {
          unitRows.add(row);
        } else {
          pending = row;
          break;
        }
      }
      return UnitRow.pivot(level, unitRows);
    }
  }
}
