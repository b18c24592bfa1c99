package com.governancemetrics.export;

import static org.apache.spark.sql.functions.col;

import com.governancemetrics.failures.InputFault;
import com.governancemetrics.output.Publication;
import com.governancemetrics.periods.Period;
import com.governancemetrics.rollup.Level;
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
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The four published metric tables of one period (SPEC §3), read from their partition folders and
 * sliced per province. Fails with exit 4 when a table's partition is missing, not completely published
 * (no _SUCCESS marker) or lacks a column.
 */
final class MetricTables {

  /** A province present in county_metrics. */
  record Province(String code, String name) {}

  /** The column every level's table slices by. */
  private static final String PROVINCE_CODE = Level.PROVINCE.codeColumn();

  private final SparkSession spark;
  private final Period period;
  private final Map<Level, Dataset<Row>> tables;

  private MetricTables(SparkSession spark, Period period, Map<Level, Dataset<Row>> tables) {
    this.spark = spark;
    this.period = period;
    this.tables = tables;
  }

  /** Opens the four tables of the period, keeping only the rows of the given metrics. */
  static MetricTables open(SparkSession spark, String outputRoot, Period period, List<String> metricIds) {
    Map<Level, Dataset<Row>> tables = new EnumMap<>(Level.class);
    Column wanted = col("metric_id").isin(metricIds.toArray());
    for (Level level : Level.values()) {
      Path folder = partition(outputRoot, level, period);
      requirePublished(spark, folder, level, period);
      Dataset<Row> table = spark.read().parquet(folder.toString());
      List<String> present = Arrays.asList(table.columns());
      List<String> columns = storedColumns(level);
      List<String> missing = columns.stream().filter(c -> !present.contains(c)).toList();
      if (!missing.isEmpty()) {
        throw new InputFault(level.table() + " for period " + period + " at " + folder
                + " has no column " + String.join(", ", missing),
            "republish the period with nightly --period " + period + " (the table does not follow SPEC §3)");
      }
      tables.put(level, table.select(columns.stream().map(c -> col(c)).toArray(Column[]::new))
          .filter(wanted));
    }
    return new MetricTables(spark, period, tables);
  }

  static Path partition(String outputRoot, Level level, Period period) {
    return new Path(new Path(outputRoot, level.table()), Publication.partitionName(period));
  }

  /**
   * The columns of the level's table (SPEC §3) that its partition files hold: all but the period,
   * which is the partition folder. The run_id the publisher adds is not read.
   */
  private static List<String> storedColumns(Level level) {
    return level.columns().stream().filter(c -> !c.equals(Publication.PERIOD_COLUMN)).toList();
  }

  private static void requirePublished(SparkSession spark, Path folder, Level level, Period period) {
    try {
      FileSystem fs = folder.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(folder)) {
        throw new InputFault(level.table() + " is not published for period " + period + ": no folder " + folder,
            "run nightly --period " + period + " first, or check --output");
      }
      if (!fs.exists(new Path(folder, "_SUCCESS"))) {
        throw new InputFault(level.table() + " for period " + period + " is not completely published: "
                + folder + " has no _SUCCESS marker",
            "run nightly --period " + period + " again to republish the period");
      }
    } catch (IOException e) {
      throw new InputFault("cannot read " + folder + ": " + e.getMessage(),
          "check that the output root is reachable and readable", e);
    }
  }

  /** The provinces in county_metrics, by code (a few dozen rows at most). */
  List<Province> provinces() {
    SparkSessions.describe(spark, "export " + period + ": list the provinces in county_metrics");
    List<Province> provinces = new ArrayList<>();
    for (Row row : tables.get(Level.COUNTY).select(PROVINCE_CODE, Level.PROVINCE.nameColumn())
        .distinct().orderBy(PROVINCE_CODE).collectAsList()) {
      provinces.add(new Province(row.getString(0), row.getString(1)));
    }
    return provinces;
  }

  /**
   * The slices of the given provinces (their own, city and county rows, about 100 units × metrics
   * each): one ordered query per table for all of them, split on the driver, so that a national export
   * runs three small Spark jobs, not three per province.
   */
  Map<String, ProvinceSlice> slices(List<Province> provinces) {
    Map<String, List<UnitRow>> totals = byProvince(Level.PROVINCE, provinces);
    Map<String, List<UnitRow>> cities = byProvince(Level.CITY, provinces);
    Map<String, List<UnitRow>> counties = byProvince(Level.COUNTY, provinces);
    Map<String, ProvinceSlice> slices = new LinkedHashMap<>();
    for (Province p : provinces) {
      slices.put(p.code(), new ProvinceSlice(p.code(), p.name(),
          totals.getOrDefault(p.code(), List.of()).stream().findFirst(),
          cities.getOrDefault(p.code(), List.of()), counties.getOrDefault(p.code(), List.of())));
    }
    return slices;
  }

  /**
   * The townships of the given provinces, in province then township code order, streamed partition by
   * partition to the driver (there are tens of thousands: never collected at once). The provinces must
   * then be asked for in code order, each once: one Spark query serves a whole national export.
   */
  ProvinceTownships townships(List<Province> provinces) {
    return new ProvinceTownships(tables.get(Level.TOWNSHIP)
        .filter(col(PROVINCE_CODE).isin(codes(provinces)))
        .orderBy(PROVINCE_CODE, Level.TOWNSHIP.codeColumn(), "metric_id"));
  }

  private Map<String, List<UnitRow>> byProvince(Level level, List<Province> provinces) {
    SparkSessions.describe(spark, "export " + period + ": " + level.table() + " rows of "
        + provinces.size() + " province(s)");
    List<Row> rows = tables.get(level).filter(col(PROVINCE_CODE).isin(codes(provinces)))
        .orderBy(PROVINCE_CODE, level.codeColumn(), "metric_id").collectAsList();
    Map<String, Map<String, List<Row>>> byUnit = new LinkedHashMap<>();
    for (Row row : rows) {
      byUnit.computeIfAbsent(MetricCell.string(row, PROVINCE_CODE), k -> new LinkedHashMap<>())
          .computeIfAbsent(MetricCell.string(row, level.codeColumn()), k -> new ArrayList<>()).add(row);
    }
    Map<String, List<UnitRow>> pivoted = new LinkedHashMap<>();
    byUnit.forEach((province, units) -> pivoted.put(province,
        units.values().stream().map(unitRows -> UnitRow.pivot(level, unitRows)).toList()));
    return pivoted;
  }

  private static Object[] codes(List<Province> provinces) {
    return provinces.stream().map(Province::code).toArray();
  }

  /** One ordered stream of township rows, handed out province by province as UnitRows. */
  final class ProvinceTownships {
    private final Dataset<Row> rows;
    private Iterator<Row> stream;
    private Row pending;

    private ProvinceTownships(Dataset<Row> rows) {
      this.rows = rows;
    }

    /** The townships of {@code province}; earlier provinces' rows not yet read are skipped. */
    Iterator<UnitRow> of(Province province) {
      if (stream == null) {
        SparkSessions.describe(spark, "export " + period + ": township rows");
        stream = rows.toLocalIterator();
        advance();
      }
      while (pending != null && provinceOf(pending).compareTo(province.code()) < 0) {
        advance();
      }
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return pending != null && province.code().equals(provinceOf(pending));
        }

        @Override
        public UnitRow next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          String code = MetricCell.string(pending, Level.TOWNSHIP.codeColumn());
          List<Row> unitRows = new ArrayList<>();
          do {
            unitRows.add(pending);
            advance();
          } while (hasNext() && code.equals(MetricCell.string(pending, Level.TOWNSHIP.codeColumn())));
          return UnitRow.pivot(Level.TOWNSHIP, unitRows);
        }
      };
    }

    private void advance() {
      pending = stream.hasNext() ? stream.next() : null;
    }

    private static String provinceOf(Row row) {
      return MetricCell.string(row, PROVINCE_CODE);
    }
  }
}
