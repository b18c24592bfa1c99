package com.governancemetrics.bench;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A tiny input root over six real 宁夏 townships (two in each of three counties) for period 2024-03, with
 * the physical-type variety of real deliveries (INT32/INT64 files and digit-string files, decimal and
 * decimal-string files, date and date-string files), a few bad rows of the kinds the references filter,
 * an identical duplicate, and folders the run must not read. The rows that should be accepted are kept
 * as Java values so tests can compute expected metrics independently of both SQL engines.
 */
final class TinyInputs {

  static final YearMonth PERIOD = YearMonth.of(2024, 3);

  record Grid(String township, String period, long total, long covered, long leaders, long party, long grids,
      long gridsParty) {}

  record Service(String township, String period, long villages, long live, long received, long resolved,
      long mediated, long settled) {}

  record Income(String village, String township, int year, BigDecimal operating, BigDecimal total) {}

  record Case(String id, String township, String type, LocalDate identified, LocalDate deadline,
      LocalDate rectified) {}

  final List<String> townships;
  final List<Grid> acceptedGrid = new ArrayList<>();
  final List<Service> acceptedService = new ArrayList<>();
  final List<Income> acceptedIncome = new ArrayList<>();
  final List<Case> acceptedCases = new ArrayList<>();

  /** Rows written per folder (relative to the root), e.g. {@code grid_coverage/period=2024-03/64}. */
  final java.util.Map<String, Integer> rowsWritten = new java.util.TreeMap<>();
  final Path root;

  private final SparkSession spark;
  private static TinyInputs shared;

  private TinyInputs(SparkSession spark, Path root, List<String> townships) {
    this.spark = spark;
    this.root = root;
    this.townships = townships;
  }

  /** The first two townships of 640104, 640105 and 640106 in the registry CSV. */
  static List<String> pickTownships(Path registry) throws IOException {
    List<String> picked = new ArrayList<>();
    for (String county : List.of("640104", "640105", "640106")) {
      Files.readAllLines(registry.resolve("streets.csv"), StandardCharsets.UTF_8).stream()
          .map(l -> l.split(",")[0]).filter(c -> c.startsWith(county)).limit(2).forEach(picked::add);
    }
    if (picked.size() != 6) {
      throw new IllegalStateException("the registry lacks the 宁夏 townships the fixture uses: " + picked);
    }
    return picked;
  }

  /** One fixture per test JVM, written once into a temporary folder removed at exit. */
  static synchronized TinyInputs shared(SparkSession spark, Path registry) throws IOException {
    if (shared == null) {
      Path dir = Files.createTempDirectory("bench-tiny-inputs");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(dir)));
      shared = write(spark, dir, registry);
    }
    return shared;
  }

  private static void deleteRecursively(Path dir) {
    try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort at JVM exit
    }
  }

  static TinyInputs write(SparkSession spark, Path root, Path registry) throws IOException {
    TinyInputs t = new TinyInputs(spark, root, pickTownships(registry));
    t.writeGrid();
    t.writeService();
    t.writeIncome();
    t.writeCases();
    return t;
  }

  String county(int township) {
    return townships.get(township).substring(0, 6);
  }

  private void writeGrid() {
    StructType typed = schema("township_code", DataTypes.StringType, "households_total", DataTypes.LongType,
        "households_covered", DataTypes.LongType, "zone_leaders", DataTypes.IntegerType, "group_leaders",
        DataTypes.IntegerType, "neighbour_leaders", DataTypes.IntegerType, "neighbour_leaders_party",
        DataTypes.IntegerType, "grids_total", DataTypes.IntegerType, "grids_with_party_org",
        DataTypes.IntegerType, "record_id", DataTypes.StringType);
    for (String period : List.of("2023-03", "2024-01", "2024-02", "2024-03", "2022-12")) {
      int m = Integer.parseInt(period.substring(5));
      List<Row> rows = new ArrayList<>();
      List<Row> stringRows = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        Grid g = new Grid(townships.get(i), period, 1000 + 37L * i + 11L * m, 0, 80 + i, 30 + (7L * i) % 40,
            10 + i, 8 + i % 3);
        g = new Grid(g.township(), period, g.total(), g.total() - (13L * i + 7L * m) % 150, g.leaders(),
            g.party(), g.grids(), g.gridsParty());
        boolean current = period.equals("2024-03");
        if (current && i == 5) {
          // covered above total: dropped (part_exceeds_whole)
          rows.add(gridRow(new Grid(g.township(), period, 100, 101, 10, 5, 3, 2), "bad"));
          continue;
        }
        if (current && (i == 2 || i == 3)) {
          // an "older export": integers as digit strings, one of them not a number
          stringRows.add(RowFactory.create(g.township(), " " + g.total() + " ", String.valueOf(g.covered()), "3",
              "20", i == 3 ? "12a" : String.valueOf(g.leaders()), String.valueOf(g.party()),
              String.valueOf(g.grids()), String.valueOf(g.gridsParty()), "s" + i));
          if (i == 3) {
            continue;
          }
        } else {
          rows.add(gridRow(g, "r" + i));
        }
        if (!period.equals("2022-12")) {
          acceptedGrid.add(g);
        }
      }
      if (period.equals("2024-03")) {
        rows.add(gridRow(new Grid("640199999", period, 500, 400, 50, 20, 5, 5), "unknown"));
        // an identical copy of township 0's row in another file (another record_id): kept once
        Grid first = acceptedGrid.stream().filter(x -> x.period().equals(period)).findFirst().orElseThrow();
        write(List.of(gridRow(first, "dup")), typed, "grid_coverage/period=" + period + "/dup");
        write(stringRows, schema("township_code", DataTypes.StringType, "households_total", DataTypes.StringType,
            "households_covered", DataTypes.StringType, "zone_leaders", DataTypes.StringType, "group_leaders",
            DataTypes.StringType, "neighbour_leaders", DataTypes.StringType, "neighbour_leaders_party",
            DataTypes.StringType, "grids_total", DataTypes.StringType, "grids_with_party_org",
            DataTypes.StringType, "record_id", DataTypes.StringType), "grid_coverage/period=" + period + "/old");
      }
      write(rows, typed, "grid_coverage/period=" + period + "/64");
    }
  }

  private static Row gridRow(Grid g, String id) {
    return RowFactory.create(g.township(), g.total(), g.covered(), 3, 20, (int) g.leaders(), (int) g.party(),
        (int) g.grids(), (int) g.gridsParty(), id);
  }

  private void writeService() {
    StructType typed = schema("township_code", DataTypes.StringType, "villages_total", DataTypes.IntegerType,
        "villages_platform_live", DataTypes.IntegerType, "households_certified", DataTypes.LongType,
        "appeals_received", DataTypes.IntegerType, "appeals_resolved", DataTypes.IntegerType,
        "disputes_mediated", DataTypes.IntegerType, "disputes_settled", DataTypes.IntegerType);
    for (String period : List.of("2023-03", "2024-01", "2024-02", "2024-03")) {
      int m = Integer.parseInt(period.substring(5));
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        long received = 20 + i + m;
        Service s = new Service(townships.get(i), period, 10 + i, 9 + i + (m % 2), received,
            received - (i + m) % 4, 5 + i, 5 + i - (i % 2));
        if (period.equals("2024-02") && i == 1) {
          // resolved above received: dropped
          s = new Service(s.township(), period, s.villages(), s.live(), 3, 4, s.mediated(), s.settled());
          rows.add(serviceRow(s));
          continue;
        }
        rows.add(serviceRow(s));
        acceptedService.add(s);
      }
      write(rows, typed, "service_appeals/period=" + period + "/64");
    }
  }

  private static Row serviceRow(Service s) {
    return RowFactory.create(s.township(), (int) s.villages(), (int) s.live(), 500L, (int) s.received(),
        (int) s.resolved(), (int) s.mediated(), (int) s.settled());
  }

  private void writeIncome() {
    StructType typed = schema("village_code", DataTypes.StringType, "village_name", DataTypes.StringType,
        "township_code", DataTypes.StringType, "village_type", DataTypes.StringType, "operating_income_yuan",
        DataTypes.createDecimalType(18, 2), "total_income_yuan", DataTypes.createDecimalType(18, 2));
    String[] operating = {"0.00", "45000.50", "120000.00", "600000.25", "17901.20", "17901.25"};
    List<Row> rows = new ArrayList<>();
    List<Row> stringRows = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      for (int v = 1; v <= 3; v++) {
        String village = townships.get(i) + String.format("%03d", v);
        BigDecimal op = new BigDecimal(operating[(3 * i + v - 1) % operating.length]);
        BigDecimal total = op.add(new BigDecimal("5000.00"));
        Income income = new Income(village, townships.get(i), 2023, op, total);
        if (i == 3 && v == 3) {
          // operating above total, written as decimal strings: dropped
          stringRows.add(RowFactory.create(village, "村" + v, townships.get(i), "村", "900.00", "800.00"));
          continue;
        }
        if (i == 3 && v == 2) {
          // three decimals in a decimal string: does not cast, dropped
          stringRows.add(RowFactory.create(village, "村" + v, townships.get(i), "村", "100.125", "900.00"));
          continue;
        }
        if (i == 3) {
          stringRows.add(RowFactory.create(village, "村" + v, townships.get(i), "村", op.toPlainString(),
              total.toPlainString()));
        } else {
          rows.add(RowFactory.create(village, "村" + v, townships.get(i), "村", op, total));
        }
        acceptedIncome.add(income);
      }
    }
    // a village code that does not start with its township's code: dropped
    rows.add(RowFactory.create(townships.get(1) + "009", "外村", townships.get(0), "村",
        new BigDecimal("5.00"), new BigDecimal("6.00")));
    write(rows, typed, "collective_income/year=2023/64");
    write(stringRows, schema("village_code", DataTypes.StringType, "village_name", DataTypes.StringType,
        "township_code", DataTypes.StringType, "village_type", DataTypes.StringType, "operating_income_yuan",
        DataTypes.StringType, "total_income_yuan", DataTypes.StringType), "collective_income/year=2023/old");
    // an older year the run must not read (2023 is the latest year ≤ 2024 with rows)
    write(List.<Row>of(RowFactory.create(townships.get(4) + "001", "旧村", townships.get(4), "村",
        new BigDecimal("1.00"), new BigDecimal("2.00"))), typed, "collective_income/year=2021/64");
  }

  private void writeCases() {
    StructType typed = schema("case_id", DataTypes.StringType, "township_code", DataTypes.StringType,
        "village_code", DataTypes.StringType, "case_type", DataTypes.StringType, "identified_date",
        DataTypes.DateType, "deadline_date", DataTypes.DateType, "rectified_date", DataTypes.DateType);
    List<Case> cases = List.of(
        new Case("W1", townships.get(0), "weak_party_org", d("2024-01-15"), d("2024-04-15"), d("2024-02-10")),
        new Case("W2", townships.get(1), "weak_party_org", d("2023-11-01"), d("2024-02-01"), d("2024-01-20")),
        new Case("W3", townships.get(2), "weak_party_org", d("2024-02-01"), d("2024-03-31"), null),
        new Case("I1", townships.get(3), "inspection_finding", d("2023-12-01"), d("2024-02-28"), null),
        new Case("I2", townships.get(0), "inspection_finding", d("2024-01-05"), d("2024-02-10"), d("2024-03-01")),
        new Case("I3", townships.get(4), "inspection_finding", d("2024-01-05"), d("2024-02-10"), d("2024-04-10")));
    List<Row> rows = new ArrayList<>();
    for (Case c : cases) {
      rows.add(RowFactory.create(c.id(), c.township(), null, c.type(), sql(c.identified()), sql(c.deadline()),
          sql(c.rectified())));
      acceptedCases.add(c);
    }
    rows.add(RowFactory.create("X1", townships.get(0), null, "other_type", sql(d("2024-01-05")),
        sql(d("2024-02-10")), null));
    write(rows, typed, "rectification_cases/cases_2024_64");

    StructType strings = schema("case_id", DataTypes.StringType, "township_code", DataTypes.StringType,
        "case_type", DataTypes.StringType, "identified_date", DataTypes.StringType, "deadline_date",
        DataTypes.StringType, "rectified_date", DataTypes.StringType);
    Case w5 = new Case("W5", townships.get(4), "weak_party_org", d("2024-02-05"), d("2024-05-05"), null);
    acceptedCases.add(w5);
    write(List.of(
        RowFactory.create("W4", townships.get(5), "weak_party_org", "2024-03-05", "2024-06-05", "2024-13-01"),
        RowFactory.create("W5", townships.get(4), "weak_party_org", "2024-02-05", "2024-05-05", null)),
        strings, "rectification_cases/old/cases_old_64");
  }

  private static LocalDate d(String text) {
    return LocalDate.parse(text);
  }

  private static Date sql(LocalDate date) {
    return date == null ? null : Date.valueOf(date);
  }

  private static StructType schema(Object... nameTypePairs) {
    StructType schema = new StructType();
    for (int i = 0; i < nameTypePairs.length; i += 2) {
      schema = schema.add((String) nameTypePairs[i], (DataType) nameTypePairs[i + 1], true);
    }
    return schema;
  }

  /** Writes rows as one Parquet file under {@code dir} (a folder of its own, part files inside). */
  private void write(List<Row> rows, StructType schema, String dir) {
    rowsWritten.merge(dir, rows.size(), Integer::sum);
    spark.createDataFrame(rows, schema).coalesce(1).write().mode(SaveMode.Overwrite)
        .parquet(root.resolve(dir).toString());
  }

  /** Groups accepted values per county, for expectations. */
  static <T> java.util.Map<String, List<T>> byCounty(List<T> rows, Function<T, String> township) {
    java.util.Map<String, List<T>> result = new java.util.TreeMap<>();
    for (T r : rows) {
      result.computeIfAbsent(township.apply(r).substring(0, 6), k -> new ArrayList<>()).add(r);
    }
    return result;
  }
}
