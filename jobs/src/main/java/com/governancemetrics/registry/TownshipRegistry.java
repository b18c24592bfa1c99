package com.governancemetrics.registry;

import com.governancemetrics.failures.InputFault;
import com.governancemetrics.input.ColumnSpec;
import com.governancemetrics.input.InputDataset;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The township registry a run uses: the input root's {@code townships/} when it is there, the one
 * bundled in the jar otherwise (SPEC §1). Small (41,352 rows), so it is built on the driver and
 * broadcast wherever it is joined.
 */
public final class TownshipRegistry {

  private final Dataset<Row> townships;
  private final String source;
  /** The township codes when known on the driver (the bundled registry); else collected once. */
  private Set<String> codes;
  private UserDefinedFunction known;

  private TownshipRegistry(Dataset<Row> townships, String source, Set<String> codes) {
    this.townships = townships;
    this.source = source;
    this.codes = codes;
  }

  /** The registry columns of SPEC §1, all strings. */
  public static StructType schema() {
    StructType schema = new StructType();
    for (ColumnSpec c : InputDataset.TOWNSHIPS.columns()) {
      schema = schema.add(c.name(), DataTypes.StringType, false);
    }
    return schema;
  }

  /** Loads {@code <inputRoot>/townships/} if it exists, else the bundled registry. */
  public static TownshipRegistry load(SparkSession spark, String inputRoot) {
    Path folder = new Path(inputRoot, InputDataset.TOWNSHIPS.folder());
    try {
      FileSystem fs = folder.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (fs.exists(folder)) {
        return fromParquet(spark, folder.toString());
      }
    } catch (IOException e) {
      throw new InputFault("townships: cannot look at " + folder + ": " + e.getMessage(),
          "Check that the input root is readable.");
    }
    return bundled(spark);
  }

  /** The registry built from the admin-division CSVs bundled in the jar. */
  public static TownshipRegistry bundled(SparkSession spark) {
    // Cached: built from driver-side rows, it would otherwise travel inside every task that reads it.
    List<Township> townships = AdminDivisions.bundled();
    Set<String> codes = new HashSet<>();
    townships.forEach(t -> codes.add(t.townshipCode()));
    return new TownshipRegistry(toDataset(spark, townships)
        .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK()),
        "bundled registry (统计用区划代码 2022, " + AdminDivisions.BUNDLED_RESOURCE_DIR + " in the jar)",
        codes);
  }

  public static TownshipRegistry fromParquet(SparkSession spark, String path) {
    Dataset<Row> raw = spark.read().parquet(path);
    List<String> missing = new ArrayList<>();
    for (ColumnSpec c : InputDataset.TOWNSHIPS.columns()) {
      if (!Arrays.asList(raw.columns()).contains(c.name())) {
        missing.add(c.name());
      }
    }
    if (!missing.isEmpty()) {
      throw new InputFault("townships: " + path + " lacks required column(s) " + missing,
          "Rebuild the registry with 'governance-metrics registry', or remove " + path
              + " to use the bundled one.");
    }
    Dataset<Row> rows = raw.select(InputDataset.TOWNSHIPS.columns().stream()
        .map(c -> functions.col(c.name()).cast(DataTypes.StringType))
        .toArray(org.apache.spark.sql.Column[]::new));
    return new TownshipRegistry(rows, "input root " + path, null);
  }

  public static Dataset<Row> toDataset(SparkSession spark, List<Township> townships) {
    List<Row> rows = new ArrayList<>(townships.size());
    for (Township t : townships) {
      rows.add(RowFactory.create(t.townshipCode(), t.townshipName(), t.townshipType(),
          t.countyCode(), t.countyName(), t.cityCode(), t.cityName(), t.provinceCode(),
          t.provinceName()));
    }
    return spark.createDataFrame(rows, schema());
  }

  /** One row per township, columns of {@link #schema()}. */
  public Dataset<Row> townships() {
    return townships;
  }

  /**
   * Whether a code is a registry township code (false for null), as a column. The codes travel once
   * per executor as a broadcast variable, not inside tasks nor through a join: the bundled registry
   * is a local relation whose rows would otherwise be shipped in every task that reads it.
   */
  public synchronized Column contains(Column code) {
    if (known == null) {
      if (codes == null) {
        codes = new HashSet<>();
        for (Row r : townships.select(functions.col("township_code")).distinct().collectAsList()) {
          codes.add(r.getString(0));
        }
      }
      SparkSession spark = townships.sparkSession();
      Broadcast<Set<String>> shared = JavaSparkContext.fromSparkContext(spark.sparkContext())
          .broadcast(Set.copyOf(codes.stream().filter(Objects::nonNull).toList()));
      known = functions.udf(
          (UDF1<String, Boolean>) c -> c != null && shared.value().contains(c),
          DataTypes.BooleanType).asNonNullable();
    }
    return known.apply(code);
  }

  /** Which registry this is, for the log and the manifest. */
  public String source() {
    return source;
  }
}
