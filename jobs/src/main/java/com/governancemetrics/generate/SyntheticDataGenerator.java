package com.governancemetrics.generate;

import com.governancemetrics.failures.UsageError;
import com.governancemetrics.parquet.ParquetFileWriter;
import com.governancemetrics.periods.Period;
import com.governancemetrics.registry.AdminDivisions;
import com.governancemetrics.registry.Township;
import com.governancemetrics.spark.SparkSessions;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code generate} (SPEC §4): writes a synthetic input root over the real registry — grid_coverage and
 * service_appeals per month, collective_income per year, rectification_cases per year identified — with
 * planted bad rows of every reason, duplicates, and the ledger {@code _ledger/planted.csv} that names
 * each of them. No {@code townships/} folder is written: runs then use the bundled registry.
 *
 * <p>The driver plans work items (dataset × province or county × year); Spark runs them as tasks, each
 * writing its own files with {@link ParquetFileWriter}; the small results (counts, ledger lines) come
 * back to the driver, which writes the ledger. Every value is drawn from the seed and the names of what
 * it describes, so the output is byte-for-byte the same for the same options, whatever the parallelism.
 */
public final class SyntheticDataGenerator {

  /** The ledger, relative to the output root (a folder starting with _ is not data). */
  public static final String LEDGER_FILE = "_ledger/planted.csv";
  public static final String LEDGER_HEADER = "dataset,record_id,expected_reason,source_file,partition";
  /** How many of the largest items of a dataset carry the faults forced so that every reason occurs. */
  private static final int FORCED_SPREAD = 4;
  private static final int MAX_TASKS = 1024;

  private static final Logger LOG = LoggerFactory.getLogger(SyntheticDataGenerator.class);

  private SyntheticDataGenerator() {}

  /**
   * Generates the input root of {@code options}. The dataset folders and {@code _ledger} under the output
   * root are replaced; anything else there (a townships/ folder, a README) is left alone.
   *
   * @throws UsageError when a requested province is not in the registry
   */
  public static GenerateSummary run(SparkSession spark, GenerateOptions options) {
    List<Township> registry = select(AdminDivisions.bundled(), options.provinces());
    List<Period> periods = Period.rangeClosed(options.start(), options.end());
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    Path root = new Path(options.outputRoot());
    FileSystem fs;
    try {
      fs = ParquetFileWriter.rawFileSystem(root, conf);
      root = fs.makeQualified(root);
      clear(fs, root);
    } catch (IOException e) {
      throw new UncheckedIOException("generate: cannot prepare " + root + ": " + e.getMessage(), e);
    }

    GenerationParams params = new GenerationParams(options.seed(), options.badRowRate(),
        options.duplicateRate(), options.split(), root.toString(),
        periods.get(periods.size() - 1).lastDay(), conf);
    List<WorkItem> items = plan(registry, periods, options);

    SparkSessions.describe(spark, String.format(Locale.ROOT,
        "generate: %d work items (%d townships, %s … %s) into %s", items.size(), registry.size(),
        options.start(), options.end(), root));
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<ItemResult> results = jsc
        .parallelize(items, Math.max(1, Math.min(items.size(), MAX_TASKS)))
        .map(new GenerateItem(params))
        .collect();
    SparkSessions.describe(spark, null);

    String ledgerFile = writeLedger(fs, root, results);
    GenerateSummary summary = summarize(root.toString(), ledgerFile, results);
    for (DatasetSummary d : summary.datasets()) {
      LOG.info(String.format(Locale.ROOT,
          "generate: %s: %,d rows in %,d files, %,d bad rows planted, %,d duplicates", d.dataset(),
          d.rows(), d.files(), d.faultsPlanted(), d.duplicatesPlanted()));
    }
    return summary;
  }

  private static List<Township> select(List<Township> all, Set<String> provinces) {
    if (provinces.isEmpty()) {
      return all;
    }
    Set<String> known = all.stream().map(Township::provinceCode).collect(Collectors.toCollection(TreeSet::new));
    for (String p : provinces) {
      if (!known.contains(p)) {
        throw new UsageError("--provinces: province " + p + " is not in the registry; known codes: "
            + String.join(",", known), "Pass codes of the registry's provinces, e.g. --provinces 43,62.");
      }
    }
    return all.stream().filter(t -> provinces.contains(t.provinceCode())).toList();
  }

  /** Removes what a previous generate wrote there: the dataset folders and the ledger. */
  private static void clear(FileSystem fs, Path root) throws IOException {
    List<String> owned = new ArrayList<>();
    for (GenDataset d : GenDataset.values()) {
      owned.add(d.folder());
    }
    owned.add(LEDGER_FILE.substring(0, LEDGER_FILE.indexOf('/')));
    for (String folder : owned) {
      Path p = new Path(root, folder);
      if (fs.exists(p)) {
        fs.delete(p, true);
      }
    }
  }

  /**
   * One item per dataset × unit × year, the largest first (they start first, which balances the tasks),
   * and the forced reasons: each reason of a dataset (and duplicates_dropped) goes to one of its largest
   * items, so every reason occurs at least once whenever its rate is above 0, even in a tiny run.
   */
  static List<WorkItem> plan(List<Township> registry, List<Period> periods, GenerateOptions options) {
    Map<String, List<String>> units = new TreeMap<>();
    for (Township t : registry) {
      String unit = options.split() == FileSplit.COUNTY ? t.countyCode() : t.provinceCode();
      units.computeIfAbsent(unit, u -> new ArrayList<>()).add(t.townshipCode());
    }
    Map<Integer, List<String>> monthsByYear = new TreeMap<>();
    for (Period p : periods) {
      monthsByYear.computeIfAbsent(p.year(), y -> new ArrayList<>()).add(p.toString());
    }
    Map<String, Integer> villages = new HashMap<>();
    for (Township t : registry) {
      villages.put(t.townshipCode(), TownshipProfile.of(options.seed(), t.townshipCode()).villageCount());
    }

    List<WorkItem> all = new ArrayList<>();
    for (GenDataset ds : GenDataset.values()) {
      List<WorkItem> items = new ArrayList<>();
      for (Map.Entry<String, List<String>> unit : units.entrySet()) {
        String[] codes = unit.getValue().stream().sorted().toArray(String[]::new);
        long unitVillages = Arrays.stream(codes).mapToLong(villages::get).sum();
        for (Map.Entry<Integer, List<String>> year : monthsByYear.entrySet()) {
          String[] months = year.getValue().toArray(new String[0]);
          long estimate = switch (ds) {
            case GRID_COVERAGE, SERVICE_APPEALS -> (long) codes.length * months.length;
            case COLLECTIVE_INCOME -> unitVillages;
            case RECTIFICATION_CASES -> unitVillages * months.length / 12;
          };
          items.add(new WorkItem(ds.folder(), unit.getKey(), year.getKey(), months, codes, new String[0],
              estimate));
        }
      }
      items.sort(Comparator.comparingLong((WorkItem w) -> -w.estimatedRows).thenComparing(WorkItem::id));
      List<String> forced = new ArrayList<>();
      if (options.badRowRate() > 0) {
        ds.reasons.forEach(r -> forced.add(r.code()));
      }
      if (options.duplicateRate() > 0) {
        forced.add(Reason.DUPLICATES_DROPPED.code());
      }
      Map<Integer, List<String>> forcedByItem = new TreeMap<>();
      int spread = Math.min(FORCED_SPREAD, items.size());
      for (int i = 0; i < forced.size() && spread > 0; i++) {
        forcedByItem.computeIfAbsent(i % spread, k -> new ArrayList<>()).add(forced.get(i));
      }
      forcedByItem.forEach((i, reasons) -> items.set(i, items.get(i).withForced(reasons.toArray(new String[0]))));
      all.addAll(items);
    }
    all.sort(Comparator.comparingLong((WorkItem w) -> -w.estimatedRows).thenComparing(WorkItem::id));
    return all;
  }

  private static String writeLedger(FileSystem fs, Path root, List<ItemResult> results) {
    List<String[]> lines = new ArrayList<>();
    results.forEach(r -> lines.addAll(r.ledger));
    lines.sort(Comparator.comparing((String[] l) -> l[0]).thenComparing(l -> l[3]).thenComparing(l -> l[1]));
    StringBuilder csv = new StringBuilder(LEDGER_HEADER).append('\n');
    for (String[] line : lines) {
      csv.append(Arrays.stream(line).map(SyntheticDataGenerator::csvField).collect(Collectors.joining(",")))
          .append('\n');
    }
    Path ledger = new Path(root, LEDGER_FILE);
    try (OutputStream out = fs.create(ledger, true)) {
      out.write(csv.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("generate: cannot write " + ledger + ": " + e.getMessage(), e);
    }
    return ledger.toString();
  }

  private static String csvField(String value) {
    if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
      return "\"" + value.replace("\"", "\"\"") + "\"";
    }
    return value;
  }

  private static GenerateSummary summarize(String root, String ledgerFile, List<ItemResult> results) {
    List<DatasetSummary> datasets = new ArrayList<>();
    for (GenDataset ds : GenDataset.values()) {
      long rows = 0;
      long files = 0;
      long duplicates = 0;
      Map<String, Long> faults = new LinkedHashMap<>();
      for (ItemResult r : results) {
        if (!r.dataset.equals(ds.folder())) {
          continue;
        }
        rows += r.rows;
        files += r.files;
        for (String[] line : r.ledger) {
          if (line[2].equals(Reason.DUPLICATES_DROPPED.code())) {
            duplicates++;
          } else {
            faults.merge(line[2], 1L, Long::sum);
          }
        }
      }
      datasets.add(new DatasetSummary(ds.folder(), rows, files, faults, duplicates));
    }
    return new GenerateSummary(root, ledgerFile, datasets);
  }

  /** The Spark task: generates one item's files, writes them, returns its counts and ledger lines. */
  private static final class GenerateItem implements Function<WorkItem, ItemResult> {
    private static final long serialVersionUID = 1L;
    private final GenerationParams params;

    GenerateItem(GenerationParams params) {
      this.params = params;
    }

    @Override
    public ItemResult call(WorkItem item) throws IOException {
      Configuration conf = params.hadoopConfiguration();
      ItemGenerator generator = new ItemGenerator(params, item);
      List<GenFile> files = generator.generate();
      long rows = 0;
      for (GenFile f : files) {
        rows += ParquetFileWriter.write(conf, new Path(params.outputRoot, f.relativePath),
            generator.schema(f), generator.records(f));
      }
      return new ItemResult(item.dataset, rows, files.size(), generator.ledger(files));
    }
  }
}
