package com.governancemetrics.export;

import com.governancemetrics.failures.InputFault;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One published partition of a metric table read on the driver, straight from its Parquet files,
 * without a Spark job: the exports need a few thousand rows per province, at most a province's
 * townships at a time (read with a filter on province_code, which skips the files' row groups of
 * other provinces).
 */
final class PartitionFiles {

  private final FileSystem fs;
  private final Path folder;
  private final List<Path> files;

  private PartitionFiles(FileSystem fs, Path folder, List<Path> files) {
    this.fs = fs;
    this.folder = folder;
    this.files = files;
  }

  static PartitionFiles of(Configuration conf, Path folder) throws IOException {
    FileSystem fs = folder.getFileSystem(conf);
    List<Path> files = new ArrayList<>();
    for (FileStatus f : fs.listStatus(folder)) {
      String name = f.getPath().getName();
      if (f.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
        files.add(f.getPath());
      }
    }
    files.sort(null);
    return new PartitionFiles(fs, folder, files);
  }

  /** The columns of {@code wanted} that no file of the partition has (none when it has no file). */
  List<String> missingColumns(List<String> wanted) throws IOException {
    List<String> missing = new ArrayList<>();
    for (Path file : files) {
      MessageType schema;
      try (ParquetFileReader reader = ParquetFileReader.open(
          HadoopInputFile.fromPath(file, fs.getConf()))) {
        schema = reader.getFooter().getFileMetaData().getSchema();
      }
      for (String column : wanted) {
        if (!schema.containsField(column) && !missing.contains(column)) {
          missing.add(column);
        }
      }
    }
    return missing;
  }

  /**
   * The rows with the given columns (those not stored, like the partition's period, are null), of
   * one province or all, that {@code keep} accepts.
   */
  List<Row> read(StructType columns, Optional<String> province, String provinceColumn,
      Predicate<Row> keep) {
    List<Row> rows = new ArrayList<>();
    for (Path file : files) {
      ParquetReader.Builder<Group> builder = ParquetReader.builder(new GroupReadSupport(), file)
          .withConf(fs.getConf());
      province.ifPresent(code -> builder.withFilter(FilterCompat.get(
          FilterApi.eq(FilterApi.binaryColumn(provinceColumn), Binary.fromString(code)))));
      try (ParquetReader<Group> reader = builder.build()) {
        for (Group g = reader.read(); g != null; g = reader.read()) {
          Row row = toRow(g, columns);
          if (keep.test(row)) {
            rows.add(row);
          }
        }
      } catch (IOException e) {
        throw new InputFault("cannot read " + file + " of " + folder + ": " + e.getMessage(),
            "check that the output root is reachable and readable, or republish the period", e);
      }
    }
    return rows;
  }

  private static Row toRow(Group g, StructType columns) {
    Object[] values = new Object[columns.size()];
    StructField[] fields = columns.fields();
    for (int i = 0; i < fields.length; i++) {
      String name = fields[i].name();
      if (!g.getType().containsField(name)) {
        continue;
      }
      int index = g.getType().getFieldIndex(name);
      if (g.getFieldRepetitionCount(index) == 0) {
        continue;
      }
      Type type = g.getType().getType(index);
      values[i] = switch (type.asPrimitiveType().getPrimitiveTypeName()) {
        case BINARY -> g.getString(index, 0);
        case DOUBLE -> g.getDouble(index, 0);
        case INT32 -> g.getInteger(index, 0);
        case INT64 -> g.getLong(index, 0);
        case BOOLEAN -> g.getBoolean(index, 0);
        case FLOAT -> (double) g.getFloat(index, 0);
        default -> throw new IllegalStateException("column " + name + " has an unexpected type "
            + type);
      };
    }
    return new GenericRowWithSchema(values, columns);
  }
}
