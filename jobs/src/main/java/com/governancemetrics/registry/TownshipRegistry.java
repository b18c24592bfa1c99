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
 * bundled in the jar otherwise (SPEC §1). Small (41,352 rows), so it is held on the driver: the
 * metrics get its units from there, and the row rules look its codes up in a broadcast set.
 */
public final class TownshipRegistry {

  private final List<Township> townships;
  private final String source;
  private UserDefinedFunction known;

  private TownshipRegistry(List<Township> townships, String source) {
    this.townships = List.copyOf(townships);
    this.source = source;
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
    return new TownshipRegistry(AdminDivisions.bundled(),
        "bundled registry (统计用区划代码 2022, " + AdminDivisions.BUNDLED_RESOURCE_DIR + " in the jar)");
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
    List<Township> townships = new ArrayList<>();
    for (Row r : raw.select(InputDataset.TOWNSHIPS.columns().stream()
        .map(c -> functions.col(c.name()).cast(DataTypes.StringType))
        .toArray(org.apache.spark.sql.Column[]::new)).collectAsList()) {
      townships.add(new Township(r.getString(0), r.getString(1), r.getString(2), r.getString(3),
          r.getString(4), r.getString(5), r.getString(6), r.getString(7), r.getString(8)));
    }
    return new TownshipRegistry(townships, "input root " + path);
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

  /** Every township of the registry. */
  public List<Township> townships() {
    return townships;
  }

  /** The townships as a Spark table of {@link #schema()} (a small local relation). */
  public Dataset<Row> toDataset(SparkSession spark) {
    return toDataset(spark, townships);
  }

  /**
   * Whether a code is a registry township code (false for null), as a column. The codes travel once
   * per executor as a broadcast variable, not inside tasks nor through a join.
   */
  public synchronized Column contains(SparkSession spark, Column code) {
    if (known == null) {
      Set<String> codes = new HashSet<>();
      townships.forEach(t -> codes.add(t.townshipCode()));
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
