package com.governancemetrics.quality;

import static org.assertj.core.api.Assertions.assertThat;

import com.governancemetrics.config.JobSettings;
import com.governancemetrics.input.InputDataset;
import com.governancemetrics.input.ReadScope;
import com.governancemetrics.periods.Period;
import com.governancemetrics.registry.TownshipRegistry;
import com.governancemetrics.testing.SharedSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Tiny input roots for ingestion tests: real Parquet files written by Spark in the hive layout, each
 * write one file with exactly the physical types of the DDL given (int → INT32, bigint → INT64,
 * decimal(18,2) → INT64 DECIMAL, decimal(20,4) → FIXED_LEN_BYTE_ARRAY DECIMAL, date → INT32 DATE).
 */
final class IngestFixtures {

  /** grid_coverage columns in their usual physical types, without period (it comes from folders). */
  static final String GRID = "township_code string, households_total bigint,"
      + " households_covered bigint, zone_leaders int, group_leaders int, neighbour_leaders int,"
      + " neighbour_leaders_party int, grids_total int, grids_with_party_org int";
  static final String GRID_WITH_PERIOD = "township_code string, period string,"
      + " households_total bigint, households_covered bigint, zone_leaders int, group_leaders int,"
      + " neighbour_leaders int, neighbour_leaders_party int, grids_total int,"
      + " grids_with_party_org int";
  static final String APPEALS = "township_code string, villages_total int,"
      + " villages_platform_live int, households_certified bigint, appeals_received int,"
      + " appeals_resolved int, disputes_mediated int, disputes_settled int";
  static final String INCOME = "village_code string, village_name string, township_code string,"
      + " village_type string, operating_income_yuan decimal(18,2), total_income_yuan decimal(18,2)";
  static final String CASES = "case_id string, township_code string, village_code string,"
      + " case_type string, identified_date date, deadline_date date, rectified_date date";

  /** Real townships of the bundled registry. */
  static final String T1 = "430102001";
  static final String T2 = "430102002";
  static final String T3 = "620102001";
  /** Nine digits, not in the registry. */
  static final String UNKNOWN = "439999999";

  private static TownshipRegistry registry;

  final Path root;
  private int fileNumber;

  IngestFixtures(Path root) {
    this.root = root;
  }

  static SparkSession spark() {
    return SharedSpark.get();
  }

  static synchronized TownshipRegistry registry() {
    if (registry == null) {
      registry = TownshipRegistry.bundled(spark());
    }
    return registry;
  }

  /** Writes one Parquet file of these rows under {@code root/relativeDir/}; returns its path. */
  String write(String relativeDir, String ddl, Object[]... rows) {
    StructType schema = StructType.fromDDL(ddl);
    List<Row> data = new ArrayList<>();
    for (Object[] r : rows) {
      data.add(RowFactory.create(r));
    }
    // Each write goes to its own scratch folder, then its one part file is moved into place, so a
    // folder can hold several files of different schemas (Spark's own _SUCCESS/.crc stay behind).
    Path scratch = root.resolve("_scratch").resolve("w" + (fileNumber++));
    spark().createDataFrame(data, schema).coalesce(1).write().parquet(scratch.toString());
    try (Stream<Path> files = Files.list(scratch)) {
      Path part = files.filter(p -> p.getFileName().toString().startsWith("part-")
          && p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
      Path dir = root.resolve(relativeDir);
      Files.createDirectories(dir);
      Path target = dir.resolve("f" + fileNumber + ".parquet");
      Files.move(part, target);
      return "file:" + target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes raw bytes as a file (a corrupt "Parquet" file). */
  String writeBytes(String relative, byte[] bytes) {
    try {
      Path target = root.resolve(relative);
      Files.createDirectories(target.getParent());
      Files.write(target, bytes);
      return "file:" + target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A good grid_coverage row (period from the folder). */
  static Object[] grid(String township) {
    return new Object[] {township, 1000L, 900L, 2, 10, 80, 30, 12, 11};
  }

  /** A grid row with one column (by position in {@link #GRID}) replaced. */
  static Object[] grid(String township, int column, Object value) {
    Object[] row = grid(township);
    row[column] = value;
    return row;
  }

  static Object[] income(String village, String township, String operating, String total) {
    return new Object[] {village, "某村", township, "村", dec(operating), dec(total)};
  }

  static Object[] incase(String id, String township, String village, String type,
      String identified, String deadline, String rectified) {
    return new Object[] {id, township, village, type, date(identified), date(deadline),
        date(rectified)};
  }

  static BigDecimal dec(String v) {
    return v == null ? null : new BigDecimal(v);
  }

  static Date date(String v) {
    return v == null ? null : Date.valueOf(v);
  }

  IngestionRequest request(String... runPeriods) {
    return request(false, runPeriods);
  }

  IngestionRequest request(boolean skipCorrupt, String... runPeriods) {
    ReadScope scope = new ReadScope(Arrays.stream(runPeriods).map(Period::parse).toList());
    return new IngestionRequest(root.toString(), scope, JobSettings.defaults(), skipCorrupt,
        registry());
  }

  IngestedDataset ingest(InputDataset dataset, String... runPeriods) {
    return Ingestion.runDataset(spark(), request(runPeriods), dataset);
  }

  /** The reject reason of each quarantined row, by the row's extra column {@code tag}. */
  static Map<String, String> reasonsByTag(IngestedDataset d) {
    Map<String, String> result = new HashMap<>();
    for (Row r : d.quarantine().selectExpr("extra_columns['tag']", RowRules.REJECT_REASON)
        .collectAsList()) {
      String previous = result.put(r.getString(0), r.getString(1));
      assertThat(previous).as("one quarantined row tagged " + r.get(0)).isNull();
    }
    return result;
  }

  /** The values of one column of the accepted rows, as strings, sorted. */
  static List<String> accepted(IngestedDataset d, String column) {
    return d.accepted().select(column).collectAsList().stream().map(r -> String.valueOf(r.get(0)))
        .sorted().toList();
  }

  /** The accepted row whose column has this value. */
  static Row acceptedRow(IngestedDataset d, String column, Object value) {
    List<Row> rows = d.accepted().filter(d.accepted().col(column).equalTo(value)).collectAsList();
    assertThat(rows).as("accepted rows with " + column + " = " + value).hasSize(1);
    return rows.get(0);
  }

  /** Appends a trailing value (the tag) to a row. */
  static Object[] tagged(String tag, Object[] row) {
    Object[] result = Arrays.copyOf(row, row.length + 1);
    result[row.length] = tag;
    return result;
  }

  /** Asserts the counts invariant and that the counts match the frames handed out. */
  static void assertReconciles(IngestedDataset d, long rowsWritten) {
    DatasetCounts c = d.counts();
    assertThat(c.rowsRead()).isEqualTo(rowsWritten);
    assertThat(c.rowsAccepted() + c.rowsQuarantined() + c.duplicatesDropped()).isEqualTo(rowsWritten);
    assertThat(d.accepted().count()).isEqualTo(c.rowsAccepted());
    assertThat(d.quarantine().count()).isEqualTo(c.rowsQuarantined());
    Dataset<Row> byReason = d.quarantine().groupBy(RowRules.REJECT_REASON).count();
    Map<String, Long> actual = new HashMap<>();
    byReason.collectAsList().forEach(r -> actual.put(r.getString(0), r.getLong(1)));
    assertThat(actual).isEqualTo(c.quarantinedByReason());
  }
}
