package com.governancemetrics.export;

import com.governancemetrics.failures.InputFault;
import com.governancemetrics.output.Publication;
import com.governancemetrics.periods.Period;
import com.governancemetrics.rollup.Level;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The four published metric tables of one period (SPEC §3), read from their partition folders on the
 * driver ({@link PartitionFiles}, no Spark job) and sliced per province. Fails with an input fault
 * when a table's partition is missing, not completely published (no _SUCCESS marker) or lacks a
 * column.
 */
final class MetricTables {

  /** A province present in county_metrics. */
  record Province(String code, String name) {}

  /** The column every level's table slices by. */
  private static final String PROVINCE_CODE = Level.PROVINCE.codeColumn();

  private final Map<Level, PartitionFiles> tables;
  private final Set<String> metricIds;

  private MetricTables(Map<Level, PartitionFiles> tables, Set<String> metricIds) {
    this.tables = tables;
    this.metricIds = metricIds;
  }

  /** Opens the four tables of the period, keeping only the rows of the given metrics. */
  static MetricTables open(SparkSession spark, String outputRoot, Period period, List<String> metricIds) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    Map<Level, PartitionFiles> tables = new EnumMap<>(Level.class);
    for (Level level : Level.values()) {
      Path folder = partition(outputRoot, level, period);
      requirePublished(conf, folder, level, period);
      try {
        PartitionFiles files = PartitionFiles.of(conf, folder);
        List<String> missing = files.missingColumns(storedColumns(level));
        if (!missing.isEmpty()) {
          throw new InputFault(level.table() + " for period " + period + " at " + folder
                  + " has no column " + String.join(", ", missing),
              "republish the period with nightly --period " + period
                  + " (the table does not follow SPEC §3)");
        }
        tables.put(level, files);
      } catch (IOException e) {
        throw new InputFault("cannot read " + folder + ": " + e.getMessage(),
            "check that the output root is reachable and readable", e);
      }
    }
    return new MetricTables(tables, new HashSet<>(metricIds));
  }

  static Path partition(String outputRoot, Level level, Period period) {
    return new Path(new Path(outputRoot, level.table()), Publication.partitionName(period));
  }

  /**
   * The columns a partition published before the anomaly flags existed does not have: read as
   * null, so that such a period still exports (without anomalies).
   */
  private static final List<String> LATER_COLUMNS = List.of("anomaly", "anomaly_reason");

  /**
   * The columns of the level's table (SPEC §3) that its partition files must hold: all but the
   * period, which is the partition folder, and {@link #LATER_COLUMNS}. The run_id the publisher adds
   * is not read.
   */
  private static List<String> storedColumns(Level level) {
    return level.columns().stream().filter(c -> !c.equals(Publication.PERIOD_COLUMN)
        && !LATER_COLUMNS.contains(c)).toList();
  }

  private static void requirePublished(Configuration conf, Path folder, Level level, Period period) {
    try {
      FileSystem fs = folder.getFileSystem(conf);
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

  /** The rows of a level's table, of one province or all, for the metrics exported. */
  private List<Row> rows(Level level, Optional<String> province) {
    return rows(level, province, false);
  }

  private List<Row> rows(Level level, Optional<String> province, boolean onlyAnomalies) {
    return tables.get(level).read(level.schema(), province, PROVINCE_CODE,
        row -> metricIds.contains(MetricCell.string(row, "metric_id"))
            && (!onlyAnomalies || Boolean.TRUE.equals(row.getAs("anomaly"))));
  }

  /** The provinces in county_metrics, by code (a few dozen at most). */
  List<Province> provinces() {
    Map<String, String> names = new TreeMap<>();
    for (Row row : rows(Level.COUNTY, Optional.empty())) {
      names.putIfAbsent(MetricCell.string(row, PROVINCE_CODE),
          MetricCell.string(row, Level.PROVINCE.nameColumn()));
    }
    List<Province> provinces = new ArrayList<>();
    names.forEach((code, name) -> provinces.add(new Province(code, name)));
    return provinces;
  }

  /**
   * The slices of the given provinces (their own, city and county rows, about 100 units × metrics
   * each): each table read once for all of them and split on the driver.
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
   * The townships of one province, in township code order: read when asked for, a province at a
   * time (a national table has tens of thousands: never read at once).
   */
  Iterator<UnitRow> townships(Province province) {
    return pivoted(Level.TOWNSHIP, rows(Level.TOWNSHIP, Optional.of(province.code()))).iterator();
  }

  /**
   * The townships of one province with an anomaly flag, each with its flagged cells only (the
   * province's townships read again, keeping a few rows).
   */
  List<UnitRow> flaggedTownships(Province province) {
    return pivoted(Level.TOWNSHIP, rows(Level.TOWNSHIP, Optional.of(province.code()), true));
  }

  private Map<String, List<UnitRow>> byProvince(Level level, List<Province> provinces) {
    Set<String> wanted = new HashSet<>();
    provinces.forEach(p -> wanted.add(p.code()));
    Map<String, List<Row>> rows = new TreeMap<>();
    for (Row row : rows(level, Optional.empty())) {
      String province = MetricCell.string(row, PROVINCE_CODE);
      if (wanted.contains(province)) {
        rows.computeIfAbsent(province, k -> new ArrayList<>()).add(row);
      }
    }
    Map<String, List<UnitRow>> pivoted = new LinkedHashMap<>();
    rows.forEach((province, provinceRows) -> pivoted.put(province, pivoted(level, provinceRows)));
    return pivoted;
  }

  /** The rows of one province pivoted per unit, in unit code order (each unit's metrics sorted). */
  private static List<UnitRow> pivoted(Level level, List<Row> rows) {
    Map<String, List<Row>> byUnit = new TreeMap<>();
    for (Row row : rows) {
      byUnit.computeIfAbsent(MetricCell.string(row, level.codeColumn()), k -> new ArrayList<>())
          .add(row);
    }
    List<UnitRow> units = new ArrayList<>(byUnit.size());
    for (List<Row> unitRows : byUnit.values()) {
      unitRows.sort(Comparator.comparing(r -> MetricCell.string(r, "metric_id")));
      units.add(UnitRow.pivot(level, unitRows));
    }
    return units;
  }
}
