package com.governancemetrics.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.governancemetrics.failures.UsageError;
import com.governancemetrics.generate.GeneratedRoot.DataFile;
import com.governancemetrics.generate.SpecReference.Accepted;
import com.governancemetrics.generate.SpecReference.Outcome;
import com.governancemetrics.periods.Period;
import com.governancemetrics.registry.AdminDivisions;
import com.governancemetrics.registry.Township;
import com.governancemetrics.testing.SharedSpark;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * generate over 海南 (46: 儋州 without counties, many 农场 units of type 其他) and 宁夏 (64), one year:
 * run twice for determinism, once more split per county at the default rates. Everything is read back
 * with Spark from the Parquet files written.
 */
class SyntheticDataGeneratorTest {

  private static final Set<String> PROVINCES = Set.of("46", "64");
  private static final List<String> DATASETS =
      List.of("grid_coverage", "service_appeals", "collective_income", "rectification_cases");

  @TempDir
  static Path temp;

  private static SparkSession spark;
  private static GenerateOptions options;
  private static GenerateSummary summary;
  private static GeneratedRoot byProvince;
  private static GeneratedRoot byCounty;
  private static Set<String> registry;
  private static List<Township> townships;

  @BeforeAll
  static void generate() throws IOException {
    spark = SharedSpark.get();
    List<Township> all = AdminDivisions.bundled();
    registry = all.stream().map(Township::townshipCode).collect(Collectors.toSet());
    townships = all.stream().filter(t -> PROVINCES.contains(t.provinceCode())).toList();
    options = GenerateOptions.defaults(temp.resolve("a").toString())
        .withProvinces(PROVINCES).withSeed(7).withStart(Period.parse("2024-01"))
        .withBadRowRate(0.02).withDuplicateRate(0.01);
    summary = SyntheticDataGenerator.run(spark, options);
    byProvince = GeneratedRoot.read(spark, temp.resolve("a"));
    SyntheticDataGenerator.run(spark, GenerateOptions.defaults(temp.resolve("c").toString())
        .withProvinces(Set.of("64")).withSplit(FileSplit.COUNTY).withStart(Period.parse("2024-01")));
    byCounty = GeneratedRoot.read(spark, temp.resolve("c"));
  }

  @Test
  void theSameOptionsGiveTheSameFilesByteForByte() throws IOException {
    Path again = temp.resolve("b");
    SyntheticDataGenerator.run(spark, options.withOutputRoot(again.toString()));

    List<String> first = relativeFiles(temp.resolve("a"));
    List<String> second = relativeFiles(again);
    assertThat(second).isEqualTo(first);
    assertThat(first).contains("_ledger/planted.csv").hasSizeGreaterThan(50);
    for (String file : first) {
      assertThat(Files.mismatch(temp.resolve("a").resolve(file), again.resolve(file)))
          .as("bytes of %s", file).isEqualTo(-1L);
    }
  }

  @Test
  void anotherSeedGivesOtherData() throws IOException {
    Path other = temp.resolve("other-seed");
    SyntheticDataGenerator.run(spark, options.withOutputRoot(other.toString()).withSeed(8));
    String file = "grid_coverage/period=2024-06/64.parquet";
    assertThat(Files.mismatch(temp.resolve("a").resolve(file), other.resolve(file))).isNotEqualTo(-1L);
  }

  @Test
  void layoutFollowsTheSpec() throws IOException {
    Path root = temp.resolve("a");
    try (Stream<Path> top = Files.list(root)) {
      assertThat(top.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("grid_coverage", "service_appeals", "collective_income",
              "rectification_cases", "_ledger");
    }
    List<String> files = relativeFiles(root);
    assertThat(files).noneMatch(f -> f.endsWith(".crc") || f.contains("/.") || f.endsWith(".tmp"));
    Set<String> units = Set.of("46", "64");
    for (String dataset : List.of("grid_coverage", "service_appeals")) {
      for (Period p : Period.rangeClosed(Period.of(2024, 1), Period.of(2024, 12))) {
        for (String unit : units) {
          assertThat(files).contains(dataset + "/period=" + p + "/" + unit + ".parquet");
        }
      }
    }
    assertThat(files).contains("collective_income/year=2024/46.parquet", "collective_income/year=2024/64.parquet",
        "rectification_cases/cases_2024_46.parquet", "rectification_cases/cases_2024_64.parquet");
    for (String f : files) {
      if (f.startsWith("_ledger")) {
        continue;
      }
      assertThat(f).matches("(grid_coverage|service_appeals)/period=[0-9-]+/(46|64)(-redelivered)?\\.parquet"
          + "|collective_income/year=[0-9]+/(46|64)(-redelivered)?\\.parquet"
          + "|rectification_cases/cases_2024_(46|64)(-redelivered)?\\.parquet");
    }
    // Split per county: every file is named after a registry county of 宁夏.
    Set<String> counties = townships.stream().filter(t -> t.provinceCode().equals("64"))
        .map(Township::countyCode).collect(Collectors.toSet());
    List<String> countyFiles = relativeFiles(temp.resolve("c")).stream()
        .filter(f -> !f.startsWith("_")).toList();
    assertThat(countyFiles).allSatisfy(f -> {
      String name = f.substring(f.lastIndexOf('/') + 1).replace("-redelivered", "").replace(".parquet", "");
      assertThat(counties).contains(name.startsWith("cases_2024_") ? name.substring(11) : name);
    });
    assertThat(countyFiles).contains("grid_coverage/period=2024-03/640104.parquet");
  }

  @Test
  void columnsHaveTheSpecTypes() {
    Map<String, DataType> expected = new HashMap<>();
    expected.put("record_id", DataTypes.StringType);
    expected.put("township_code", DataTypes.StringType);
    expected.put("households_total", DataTypes.LongType);
    expected.put("households_covered", DataTypes.LongType);
    expected.put("households_certified", DataTypes.LongType);
    for (String c : List.of("zone_leaders", "group_leaders", "neighbour_leaders", "neighbour_leaders_party",
        "grids_total", "grids_with_party_org", "villages_total", "villages_platform_live", "appeals_received",
        "appeals_resolved", "disputes_mediated", "disputes_settled")) {
      expected.put(c, DataTypes.IntegerType);
    }
    for (String c : List.of("village_code", "village_name", "village_type", "case_id", "case_type")) {
      expected.put(c, DataTypes.StringType);
    }
    expected.put("operating_income_yuan", DataTypes.createDecimalType(18, 2));
    expected.put("total_income_yuan", DataTypes.createDecimalType(18, 2));
    for (String c : List.of("identified_date", "deadline_date", "rectified_date")) {
      expected.put(c, DataTypes.DateType);
    }
    Map<String, Integer> normalFiles = new TreeMap<>();
    Map<String, Integer> olderExports = new TreeMap<>();
    Map<String, Integer> withPartitionColumn = new TreeMap<>();
    for (DataFile f : byProvince.files) {
      List<String> contract = contractColumns(f.dataset());
      assertThat(f.schema().fieldNames()).as(f.relativePath()).contains(contract.toArray(new String[0]));
      boolean older = f.schema().apply(valueColumn(f.dataset())).dataType().equals(DataTypes.StringType);
      if (older) {
        olderExports.merge(f.dataset(), 1, Integer::sum);
        for (String c : contract) {
          DataType t = f.schema().apply(c).dataType();
          assertThat(t).as(f.relativePath() + " " + c)
              .isIn(expected.get(c), DataTypes.StringType);
        }
      } else {
        normalFiles.merge(f.dataset(), 1, Integer::sum);
        for (String c : contract) {
          assertThat(f.schema().apply(c).dataType()).as(f.relativePath() + " " + c).isEqualTo(expected.get(c));
        }
      }
      if (f.hasColumn("period") || f.hasColumn("year")) {
        withPartitionColumn.merge(f.dataset(), 1, Integer::sum);
        assertThat(f.schema().apply(f.hasColumn("period") ? "period" : "year").dataType())
            .isEqualTo(f.hasColumn("period") ? DataTypes.StringType : DataTypes.IntegerType);
      }
    }
    assertThat(normalFiles.keySet()).containsExactlyInAnyOrderElementsOf(DATASETS);
    assertThat(olderExports.keySet()).containsExactlyInAnyOrderElementsOf(DATASETS);
    assertThat(withPartitionColumn.keySet())
        .containsExactlyInAnyOrder("grid_coverage", "service_appeals", "collective_income");
    // Most files are normal ones; older exports are the exception.
    int normal = normalFiles.values().stream().mapToInt(Integer::intValue).sum();
    int older = olderExports.values().stream().mapToInt(Integer::intValue).sum();
    assertThat(normal).isGreaterThan(3 * older);
  }

  @Test
  void everyRegistryTownshipOfTheProvincesIsPresent() {
    Set<String> expected = townships.stream().map(Township::townshipCode).collect(Collectors.toSet());
    assertThat(expected).hasSize(502);
    for (String dataset : List.of("grid_coverage", "service_appeals")) {
      Set<String> present = new HashSet<>();
      for (DataFile f : byProvince.files(dataset)) {
        f.rows().forEach(r -> present.add((String) f.value(r, "township_code")));
      }
      assertThat(present).as(dataset).containsAll(expected);
    }
    Set<String> withVillages = new HashSet<>();
    byProvince.files("collective_income").forEach(f -> f.rows()
        .forEach(r -> withVillages.add((String) f.value(r, "township_code"))));
    assertThat(withVillages).as("townships with village rows").hasSizeGreaterThan(400);
    // 儋州 (no county level) and the 农场 units of type 其他 are there like every other township.
    assertThat(expected).anyMatch(c -> c.startsWith("460400"));
    assertThat(townships).anyMatch(t -> t.townshipType().equals("其他") && expected.contains(t.townshipCode()));
  }

  @Test
  void theLedgerNamesEveryReasonOfTheSpec() throws IOException {
    for (Path root : List.of(temp.resolve("a"), temp.resolve("c"))) {
      Map<String, Set<String>> reasons = new TreeMap<>();
      for (String[] line : ledger(root)) {
        reasons.computeIfAbsent(line[0], d -> new TreeSet<>()).add(line[2]);
      }
      for (GenDataset ds : GenDataset.values()) {
        Set<String> expected = new TreeSet<>();
        ds.reasons.forEach(r -> expected.add(r.code()));
        expected.add("duplicates_dropped");
        assertThat(reasons.get(ds.folder())).as(root + " " + ds.folder()).isEqualTo(expected);
      }
      Set<String> all = new TreeSet<>();
      reasons.values().forEach(all::addAll);
      assertThat(all).containsAll(Reason.rejectReasons().stream().map(Reason::code).toList());
    }
  }

  @Test
  void theLedgerIsExactlyWhatTheSpecRulesFind() throws IOException {
    for (Path root : List.of(temp.resolve("a"), temp.resolve("c"))) {
      GeneratedRoot data = root.endsWith("a") ? byProvince : byCounty;
      SpecReference reference = SpecReference.judge(data, registry);
      List<String[]> ledger = ledger(root);

      Set<Outcome> expectedBad = new HashSet<>();
      Map<String, Integer> expectedDropped = new TreeMap<>();
      for (String[] l : ledger) {
        if (l[2].equals("duplicates_dropped")) {
          expectedDropped.merge(l[0], 1, Integer::sum);
        } else {
          assertThat(expectedBad.add(new Outcome(l[0], l[1], l[2], l[3], l[4]))).as("unique %s", l[1]).isTrue();
        }
      }
      Set<Outcome> foundBad = new HashSet<>();
      Map<String, Integer> foundDropped = new TreeMap<>();
      for (Outcome o : reference.outcomes) {
        if (o.reason().equals("duplicates_dropped")) {
          foundDropped.merge(o.dataset(), 1, Integer::sum);
        } else {
          foundBad.add(o);
        }
      }
      assertThat(foundBad).as("quarantined rows of " + root).isEqualTo(expectedBad);
      assertThat(foundDropped).as("duplicates dropped in " + root).isEqualTo(expectedDropped);
      // Rows read = accepted + quarantined + dropped, and the summary counted what was written.
      long read = data.files.stream().mapToLong(f -> f.rows().size()).sum();
      assertThat(reference.accepted.size() + foundBad.size()
          + foundDropped.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(read);
    }
    assertThat(summary.rows()).isEqualTo(byProvince.files.stream().mapToLong(f -> f.rows().size()).sum());
    assertThat(summary.files()).isEqualTo(byProvince.files.size());
  }

  @Test
  void everyLedgerLineNamesARealRowOfItsFile() throws IOException {
    Map<String, Set<String>> idsByFile = new HashMap<>();
    for (DataFile f : byProvince.files) {
      Set<String> ids = new HashSet<>();
      f.rows().forEach(r -> ids.add(r.getString(r.fieldIndex("record_id"))));
      idsByFile.put(f.relativePath(), ids);
    }
    List<String[]> ledger = ledger(temp.resolve("a"));
    assertThat(ledger).isNotEmpty();
    for (String[] l : ledger) {
      assertThat(idsByFile).as(l[3]).containsKey(l[3]);
      assertThat(idsByFile.get(l[3])).as(l[1]).contains(l[1]);
      String folder = l[3].contains("=") ? l[3].substring(l[3].indexOf('=') + 1, l[3].lastIndexOf('/')) : "";
      assertThat(l[4]).isEqualTo(folder);
    }
    assertThat(summary.duplicatesPlanted())
        .isEqualTo(ledger.stream().filter(l -> l[2].equals("duplicates_dropped")).count());
    assertThat(summary.faultsByReason().values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(ledger.stream().filter(l -> !l[2].equals("duplicates_dropped")).count());
    // The planted share is near the requested 2% of rows (conflicting pairs count twice).
    long rows = summary.rows();
    assertThat((double) (ledger.size() - summary.duplicatesPlanted()) / rows).isBetween(0.01, 0.04);
  }

  @Test
  void valuesLookLikeTheSeedReports() {
    SpecReference reference = SpecReference.judge(byProvince, registry);
    Map<String, List<Map<String, Object>>> rows = new HashMap<>();
    for (Accepted a : reference.accepted) {
      rows.computeIfAbsent(a.dataset(), d -> new ArrayList<>()).add(a.values());
    }
    List<Map<String, Object>> grid = rows.get("grid_coverage");
    assertThat(median(grid, "households_covered", "households_total")).isBetween(0.8, 1.0);
    assertThat(median(grid, "grids_with_party_org", "grids_total")).isBetween(0.85, 1.0);
    assertThat(median(grid, "neighbour_leaders_party", "neighbour_leaders")).isBetween(0.4, 0.7);
    assertThat(median(grid, "households_covered", "neighbour_leaders")).isBetween(5.0, 15.0);
    assertThat(share(grid, r -> ratio(r, "households_covered", "households_total") >= 0.8)).isGreaterThan(0.85);

    // Counties differ: some below the 95% household coverage target, most above.
    Map<String, long[]> byCounty = new TreeMap<>();
    for (Map<String, Object> r : grid) {
      if (r.get("period").equals("2024-06")) {
        long[] sums = byCounty.computeIfAbsent(((String) r.get("township_code")).substring(0, 6), c -> new long[2]);
        sums[0] += (Long) r.get("households_covered");
        sums[1] += (Long) r.get("households_total");
      }
    }
    long below = byCounty.values().stream().filter(s -> (double) s[0] / s[1] < 0.95).count();
    assertThat(below).isBetween(1L, byCounty.size() / 2L);

    // Monthly stock evolves smoothly: households change by well under 2% from one month to the next.
    Map<String, Long> may = new HashMap<>();
    grid.stream().filter(r -> r.get("period").equals("2024-05"))
        .forEach(r -> may.put((String) r.get("township_code"), (Long) r.get("households_total")));
    List<Double> changes = grid.stream().filter(r -> r.get("period").equals("2024-06"))
        .filter(r -> may.containsKey(r.get("township_code")))
        .map(r -> Math.abs((Long) r.get("households_total") / (double) may.get(r.get("township_code")) - 1))
        .sorted().toList();
    assertThat(changes.get(changes.size() * 9 / 10)).isLessThan(0.02);

    // Completeness is sometimes below 1: some townships miss some months.
    Map<String, Set<String>> reporting = new TreeMap<>();
    grid.forEach(r -> reporting.computeIfAbsent((String) r.get("period"), p -> new HashSet<>())
        .add((String) r.get("township_code")));
    assertThat(reporting).hasSize(12);
    assertThat(reporting.values()).allMatch(s -> s.size() > 0.95 * 502);
    assertThat(reporting.values().stream().filter(s -> s.size() < 502).count()).isGreaterThan(6);

    List<Map<String, Object>> appeals = rows.get("service_appeals");
    assertThat(sumRatio(appeals, "appeals_resolved", "appeals_received")).isBetween(0.90, 0.97);
    assertThat(sumRatio(appeals, "disputes_settled", "disputes_mediated")).isBetween(0.88, 0.97);
    double platform = sumRatio(appeals, "villages_platform_live", "villages_total");
    assertThat(platform).isBetween(0.9, 0.9999);

    List<Map<String, Object>> income = rows.get("collective_income");
    List<BigDecimal> operating = income.stream().map(r -> (BigDecimal) r.get("operating_income_yuan")).sorted().toList();
    assertThat(income).allMatch(r -> ((BigDecimal) r.get("total_income_yuan"))
        .compareTo((BigDecimal) r.get("operating_income_yuan")) >= 0);
    long hollow = operating.stream().filter(v -> v.signum() == 0).count();
    long weak = operating.stream().filter(v -> v.signum() > 0 && v.compareTo(BigDecimal.valueOf(50000)) < 0).count();
    long over100k = operating.stream().filter(v -> v.compareTo(BigDecimal.valueOf(100000)) >= 0).count();
    long millions = operating.stream().filter(v -> v.compareTo(BigDecimal.valueOf(1000000)) >= 0).count();
    assertThat(hollow).isGreaterThan(0).isLessThan(operating.size() / 10);
    assertThat(weak).isGreaterThan(0).isLessThan(operating.size() / 5);
    assertThat((double) over100k / operating.size()).isBetween(0.6, 0.95);
    assertThat(millions).isGreaterThan(0).isLessThan(operating.size() / 10);
    assertThat(operating.get(operating.size() / 2)).isBetween(BigDecimal.valueOf(100000), BigDecimal.valueOf(500000));
    assertThat(income.size()).isBetween(502 * 8, 502 * 20);

    List<Map<String, Object>> cases = rows.get("rectification_cases");
    long weakOrgs = cases.stream().filter(r -> r.get("case_type").equals("weak_party_org")).count();
    assertThat((double) weakOrgs / income.size()).isBetween(0.003, 0.05);
    assertThat(cases).anyMatch(r -> r.get("case_type").equals("inspection_finding"));
    LocalDate end = LocalDate.of(2024, 12, 31);
    for (Map<String, Object> r : cases) {
      LocalDate identified = (LocalDate) r.get("identified_date");
      LocalDate deadline = (LocalDate) r.get("deadline_date");
      assertThat(deadline).isBetween(identified.plusMonths(3), identified.plusMonths(6));
      assertThat(identified.getYear()).isEqualTo(2024);
    }
    assertThat(cases).anyMatch(r -> r.get("deadline_date").equals(r.get("rectified_date")));
    assertThat(cases).anyMatch(r -> r.get("rectified_date") != null
        && ((LocalDate) r.get("rectified_date")).isAfter((LocalDate) r.get("deadline_date")));
    assertThat(cases).anyMatch(r -> r.get("rectified_date") == null
        && ((LocalDate) r.get("deadline_date")).isBefore(end));
    assertThat(cases).allMatch(r -> r.get("rectified_date") == null
        || !((LocalDate) r.get("rectified_date")).isAfter(end));
    assertThat(share(cases, r -> r.get("rectified_date") != null)).isBetween(0.5, 0.95);
  }

  @Test
  void optionsAreValidated() {
    GenerateOptions ok = GenerateOptions.defaults("out");
    assertThat(ok.provinces()).isEmpty();
    assertThat(ok.end()).isEqualTo(Period.of(2024, 12));
    assertThat(ok.withScaleFactor(2).end()).isEqualTo(Period.of(2025, 12));
    assertThatThrownBy(() -> ok.withScaleFactor(0)).isInstanceOf(UsageError.class)
        .hasMessageContaining("scale factor");
    assertThatThrownBy(() -> ok.withProvinces(Set.of("4"))).isInstanceOf(UsageError.class)
        .hasMessageContaining("'4'");
    assertThatThrownBy(() -> ok.withBadRowRate(-0.1)).hasMessageContaining("bad row rate");
    assertThatThrownBy(() -> ok.withDuplicateRate(Double.NaN)).hasMessageContaining("duplicate rate");
    assertThatThrownBy(() -> ok.withOutputRoot(" ")).hasMessageContaining("output root");
    assertThatThrownBy(() -> ok.withStart(null)).hasMessageContaining("start month");
    assertThatThrownBy(() -> SyntheticDataGenerator.run(spark,
        ok.withOutputRoot(temp.resolve("none").toString()).withProvinces(Set.of("99"))))
        .isInstanceOf(UsageError.class).hasMessageContaining("province 99");
  }

  @Test
  void theRegistryHasNoSerialFrom900SoPlantedUnknownTownshipsAreUnknown() {
    assertThat(registry).noneMatch(c -> Integer.parseInt(c.substring(6)) >= 900);
  }

  // ---- helpers ----

  private static List<String> contractColumns(String dataset) {
    List<String> columns = new ArrayList<>();
    GenDataset.of(dataset).columns.forEach(c -> columns.add(c.name()));
    columns.add("record_id");
    return columns;
  }

  private static String valueColumn(String dataset) {
    return switch (dataset) {
      case "grid_coverage" -> "households_total";
      case "service_appeals" -> "villages_total";
      case "collective_income" -> "operating_income_yuan";
      default -> "identified_date";
    };
  }

  private static List<String> relativeFiles(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
    }
  }

  private static List<String[]> ledger(Path root) throws IOException {
    List<String> lines = Files.readAllLines(root.resolve("_ledger/planted.csv"), StandardCharsets.UTF_8);
    assertThat(lines.get(0)).isEqualTo("dataset,record_id,expected_reason,source_file,partition");
    return lines.stream().skip(1).map(l -> l.split(",", -1)).peek(l -> assertThat(l).hasSize(5)).toList();
  }

  private static double ratio(Map<String, Object> r, String part, String whole) {
    return ((Long) r.get(part)).doubleValue() / (Long) r.get(whole);
  }

  private static double median(List<Map<String, Object>> rows, String part, String whole) {
    List<Double> values = rows.stream().filter(r -> (Long) r.get(whole) > 0)
        .map(r -> ratio(r, part, whole)).sorted().toList();
    return values.get(values.size() / 2);
  }

  private static double sumRatio(List<Map<String, Object>> rows, String part, String whole) {
    long p = rows.stream().mapToLong(r -> (Long) r.get(part)).sum();
    long w = rows.stream().mapToLong(r -> (Long) r.get(whole)).sum();
    return (double) p / w;
  }

  private static double share(List<Map<String, Object>> rows, java.util.function.Predicate<Map<String, Object>> p) {
    return (double) rows.stream().filter(p).count() / rows.size();
  }
}
