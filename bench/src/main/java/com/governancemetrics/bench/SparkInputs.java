package com.governancemetrics.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.datasources.parquet.ParquetToSparkSchemaConverter;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads a dataset's files in Spark when files differ in physical schema (INT32 in one, digit strings in
 * another, extra columns in some): each file's Parquet footer is read on the driver, files are grouped
 * by schema and each group is read with its own schema, so no schema inference job runs and no reader
 * meets a type it cannot convert.
 */
public final class SparkInputs {

  /** Files of one physical schema. */
  public record FileGroup(StructType schema, List<String> files) {
    public FileGroup {
      if (schema == null || files == null || files.isEmpty()) {
        throw new IllegalArgumentException("a file group needs a schema and at least one file");
      }
      files = List.copyOf(files);
    }

    public Dataset<Row> read(SparkSession spark) {
      return spark.read().schema(schema).parquet(files.toArray(String[]::new));
    }

    /** The physical type of every contract column present in the group. */
    public Map<String, InputSql.Physical> physical() {
      Map<String, InputSql.Physical> result = new HashMap<>();
      for (StructField f : schema.fields()) {
        result.put(f.name(), classify(f.dataType()));
      }
      return result;
    }
  }

  private static final int FOOTER_THREADS = 8;

  private SparkInputs() {}

  /** The files grouped by their Parquet schema, in file order of first appearance. */
  public static List<FileGroup> groups(List<Path> files) {
    Configuration conf = new Configuration();
    ParquetToSparkSchemaConverter converter = new ParquetToSparkSchemaConverter(SQLConf.get());
    // Footers are read on the driver by a few threads (each is a small read at the end of a file).
    ForkJoinPool pool = new ForkJoinPool(FOOTER_THREADS);
    List<MessageType> footers;
    try {
      footers = pool.submit(() -> files.parallelStream().map(f -> footerSchema(f, conf)).toList()).join();
    } finally {
      pool.shutdown();
    }
    Map<StructType, List<String>> bySchema = new LinkedHashMap<>();
    for (int i = 0; i < files.size(); i++) {
      StructType schema = converter.convert(footers.get(i));
      bySchema.computeIfAbsent(schema, s -> new ArrayList<>()).add(files.get(i).toUri().toString());
    }
    List<FileGroup> groups = new ArrayList<>();
    bySchema.forEach((schema, list) -> groups.add(new FileGroup(schema, list)));
    return groups;
  }

  /**
   * The file's Parquet schema. readFooter with SKIP_ROW_GROUPS, not ParquetFileReader.open: opening a
   * reader copies the whole Hadoop configuration into its read options, about 25 times the cost of
   * reading the footer itself (7 ms against 0.3 ms a file, measured on this machine).
   */
  @SuppressWarnings("deprecation")
  private static MessageType footerSchema(Path file, Configuration conf) {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file.toUri());
    try {
      return ParquetFileReader.readFooter(HadoopInputFile.fromPath(path, conf),
          ParquetMetadataConverter.SKIP_ROW_GROUPS).getFileMetaData().getSchema();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Parquet footer of " + file, e);
    }
  }

  static InputSql.Physical classify(DataType type) {
    if (type instanceof IntegralType) {
      return InputSql.Physical.INTEGRAL;
    }
    if (type instanceof DecimalType d) {
      return d.scale() <= 2 ? InputSql.Physical.DECIMAL_SCALE_2 : InputSql.Physical.DECIMAL_WIDER;
    }
    if (type.equals(DataTypes.StringType)) {
      return InputSql.Physical.STRING;
    }
    if (type.equals(DataTypes.DateType)) {
      return InputSql.Physical.DATE;
    }
    return InputSql.Physical.OTHER;
  }

  /**
   * The typed rows of one dataset: every group read with its own schema, typed by {@link InputSql},
   * and unioned. Lazy: every action on it (or on a view over it) scans the files again.
   */
  public static Dataset<Row> typedRows(SparkSession spark, com.governancemetrics.bench.Dataset dataset,
      List<FileGroup> groups) {
    Dataset<Row> union = null;
    for (FileGroup g : groups) {
      Dataset<Row> typed = g.read(spark).selectExpr(
          InputSql.typedColumns(dataset, g.physical(), InputSql.SPARK).toArray(String[]::new));
      union = union == null ? typed : union.unionByName(typed);
    }
    if (union == null) {
      StructType empty = new StructType();
      Dataset<Row> none = spark.createDataFrame(List.of(), empty);
      return none.selectExpr(InputSql.typedColumns(dataset, Map.of(), InputSql.SPARK).stream()
          .map(e -> e.replace("_metadata.file_path", "CAST(NULL AS STRING)")).toArray(String[]::new));
    }
    return union;
  }
}
