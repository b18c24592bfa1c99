package com.governancemetrics.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scan floor of issue 5: Spark reading exactly the files and contract columns that {@code nightly}
 * reads for period P ({@link ReadPlan}) and computing, per dataset, a row count and a sum of a hash of
 * every contract column (so every value is decoded), and nothing else: one Spark job. Run through
 * SparkSubmit like the product: {@code --input ROOT --period YYYY-MM}.
 */
public final class ScanFloor {

  private static final Logger LOG = LoggerFactory.getLogger(ScanFloor.class);

  /** What one dataset's scan found. */
  public record Result(String dataset, int files, long rows, long checksum) {}

  private ScanFloor() {}

  public static void main(String[] argv) {
    Args args = Args.parse(argv);
    Path input = Path.of(args.required("input"));
    YearMonth period = YearMonth.parse(args.required("period"));
    SparkSession spark = SparkSession.builder()
        .appName("scan-floor")
        // The floor lists files on the driver: no Spark job to list a few hundred explicit paths.
        .config("spark.sql.sources.parallelPartitionDiscovery.threshold", 100000)
        .getOrCreate();
    for (Result r : run(spark, ReadPlan.forNightly(input, period))) {
      System.out.printf("scan-floor: dataset=%s files=%d rows=%d checksum=%d%n",
          r.dataset(), r.files(), r.rows(), r.checksum());
    }
  }

  public static List<Result> run(SparkSession spark, ReadPlan plan) {
    long start = System.nanoTime();
    org.apache.spark.sql.Dataset<Row> union = null;
    int groupCount = 0;
    for (Dataset d : Dataset.values()) {
      Set<String> contract = Set.copyOf(d.columnNames());
      List<SparkInputs.FileGroup> groups = SparkInputs.groups(plan.files(d));
      groupCount += groups.size();
      for (SparkInputs.FileGroup g : groups) {
        Column[] read = Arrays.stream(g.schema().fieldNames()).filter(contract::contains)
            .map(c -> col("`" + c + "`")).toArray(Column[]::new);
        org.apache.spark.sql.Dataset<Row> hashed = g.read(spark)
            .select(lit(d.folder()).as("dataset"), xxhash64(read).bitwiseAND(0xFFFF).as("h"));
        union = union == null ? hashed : union.unionAll(hashed);
      }
    }
    LOG.info("Scan floor for {}: {} files under {} in {} schema groups (footers read in {} ms)", plan.period(),
        plan.fileCount(), plan.inputRoot(), groupCount, (System.nanoTime() - start) / 1_000_000);
    List<Result> results = new ArrayList<>();
    if (union == null) {
      return results;
    }
    spark.sparkContext().setJobDescription("scan floor: count and checksum of every file nightly reads");
    for (Row r : union.groupBy("dataset").agg(count(lit(1)), sum("h")).collectAsList()) {
      String dataset = r.getString(0);
      int files = plan.files(Arrays.stream(Dataset.values())
          .filter(d -> d.folder().equals(dataset)).findFirst().orElseThrow()).size();
      results.add(new Result(dataset, files, r.getLong(1), r.getLong(2)));
    }
    results.sort((a, b) -> a.dataset().compareTo(b.dataset()));
    LOG.info("Scan floor done: {} rows in {} ms", results.stream().mapToLong(Result::rows).sum(),
        (System.nanoTime() - start) / 1_000_000);
    return results;
  }
}
