package com.governancemetrics.generate;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** A generated input root read back with Spark, file by file (test helper). */
final class GeneratedRoot {

  /** One data file: its path relative to the root, its folder's partition value, schema and rows. */
  record DataFile(String dataset, String relativePath, String partition, StructType schema, List<Row> rows) {

    boolean hasColumn(String name) {
      return List.of(schema.fieldNames()).contains(name);
    }

    /** A column's value as a Java value (dates as LocalDate). */
    Object value(Row row, String column) {
      Object v = row.get(row.fieldIndex(column));
      if (v instanceof java.sql.Date d) {
        return d.toLocalDate();
      }
      return v;
    }
  }

  final Path root;
  final List<DataFile> files;

  private GeneratedRoot(Path root, List<DataFile> files) {
    this.root = root;
    this.files = files;
  }

  /**
   * Reads every data file (names starting with _ or . are not data) under the dataset folders: files
   * with the same Parquet schema in one Spark read (no partition inference: the folder value is parsed
   * here), rows assigned back to their file by {@code _metadata.file_path}.
   */
  static GeneratedRoot read(SparkSession spark, Path root) throws IOException {
    List<DataFile> files = new ArrayList<>();
    Configuration conf = new Configuration();
    for (String dataset : List.of("grid_coverage", "service_appeals", "collective_income",
        "rectification_cases")) {
      Map<String, List<Path>> bySchema = new TreeMap<>();
      for (Path file : dataFiles(root.resolve(dataset))) {
        try (ParquetFileReader reader = ParquetFileReader.open(
            HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), conf))) {
          bySchema.computeIfAbsent(reader.getFileMetaData().getSchema().toString(), k -> new ArrayList<>())
              .add(file);
        }
      }
      for (List<Path> group : bySchema.values()) {
        Dataset<Row> df = spark.read().option("recursiveFileLookup", "true")
            .parquet(group.stream().map(Path::toString).toArray(String[]::new));
        StructType schema = df.schema();
        Map<String, List<Row>> rows = new HashMap<>();
        for (Row r : df.select(functions.col("*"), functions.col("_metadata.file_path").as("_file"))
            .collectAsList()) {
          String path = new org.apache.hadoop.fs.Path(r.getString(r.length() - 1)).toUri().getPath();
          Object[] values = new Object[r.length() - 1];
          for (int i = 0; i < values.length; i++) {
            values[i] = r.get(i);
          }
          rows.computeIfAbsent(path, k -> new ArrayList<>()).add(new GenericRowWithSchema(values, schema));
        }
        for (Path file : group) {
          String relative = root.relativize(file).toString().replace('\\', '/');
          String folder = file.getParent().getFileName().toString();
          String partition = folder.contains("=") ? folder.substring(folder.indexOf('=') + 1) : "";
          files.add(new DataFile(dataset, relative, partition, schema,
              rows.getOrDefault(file.toAbsolutePath().toString(), List.of())));
        }
      }
    }
    files.sort(Comparator.comparing(DataFile::relativePath));
    return new GeneratedRoot(root, files);
  }

  static List<Path> dataFiles(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith("_") && !p.getFileName().toString().startsWith("."))
          .sorted()
          .toList();
    }
  }

  List<DataFile> files(String dataset) {
    return files.stream().filter(f -> f.dataset().equals(dataset)).toList();
  }

  static BigDecimal decimal(Object v) {
    return ((BigDecimal) v).setScale(2);
  }
}
