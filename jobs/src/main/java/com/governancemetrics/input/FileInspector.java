package com.governancemetrics.input;

import com.governancemetrics.failures.InputFault;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.apache.spark.sql.execution.datasources.parquet.ParquetToSparkSchemaConverter;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Checks data files before any row is read (SPEC §1, dataset-level faults): reads each file's Parquet
 * footer on the driver, and checks that every required column is there in a type that can be cast. A
 * file whose footer cannot be read (not Parquet, truncated, unreadable) is skipped when the run is told
 * to skip corrupt files, and otherwise stops the run; a missing column or an uncastable type always
 * stops it. Every stop is a {@link InputFault} naming dataset, file and column.
 */
public final class FileInspector {

  /** Footers are small; a few threads hide the latency of remote file systems. */
  private static final int FOOTER_THREADS = 8;

  private FileInspector() {}

  /** The outcome: the files to read, and the corrupt files skipped with the reason (path → reason). */
  public record Inspection(List<FileLayout> layouts, Map<String, String> skipped) {
    public Inspection {
      layouts = List.copyOf(layouts);
      skipped = Map.copyOf(skipped);
    }
  }

  /** A file's footer: its schema and row count, or why it could not be read. */
  private record Footer(InputFile file, MessageType schema, long rowCount, String problem) {}

  public static Inspection inspect(Configuration conf, InputDataset dataset, List<InputFile> files,
      boolean skipCorruptFiles) {
    List<Footer> footers = readFooters(conf, files);
    List<FileLayout> layouts = new ArrayList<>();
    Map<String, String> skipped = new LinkedHashMap<>();
    ParquetToSparkSchemaConverter converter = new ParquetToSparkSchemaConverter(SQLConf.get());
    for (Footer footer : footers) {
      if (footer.problem() != null) {
        if (skipCorruptFiles) {
          skipped.put(footer.file().path(), footer.problem());
          continue;
        }
        throw new InputFault(dataset.folder() + ": " + footer.file().path()
                + " cannot be read: " + footer.problem(),
            "Replace the file with a good export, remove it, or rerun with --skip-corrupt-files to"
                + " skip it (it is then listed in the manifest).");
      }
      layouts.add(layout(dataset, footer, converter));
    }
    return new Inspection(layouts, skipped);
  }

  private static List<Footer> readFooters(Configuration conf, List<InputFile> files) {
    if (files.isEmpty()) {
      return List.of();
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(FOOTER_THREADS, files.size()), r -> {
      Thread t = new Thread(r, "parquet-footers");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<Footer>> futures = new ArrayList<>();
      for (InputFile file : files) {
        futures.add(pool.submit(() -> readFooter(conf, file)));
      }
      List<Footer> footers = new ArrayList<>();
      for (Future<Footer> f : futures) {
        footers.add(f.get());
      }
      return footers;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading Parquet footers", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("reading Parquet footers failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Reads the footer alone: opening a ParquetFileReader also prepares the row groups for reading,
   * which made this check about 20 times slower per file.
   */
  private static Footer readFooter(Configuration conf, InputFile file) {
    Path path = new Path(file.path());
    try {
      HadoopInputFile input = HadoopInputFile.fromPath(path, conf);
      ParquetMetadata footer;
      try (SeekableInputStream stream = input.newStream()) {
        footer = ParquetFileReader.readFooter(input, HadoopReadOptions.builder(conf, path).build(),
            stream);
      }
      long rows = 0;
      for (BlockMetaData block : footer.getBlocks()) {
        rows += block.getRowCount();
      }
      return new Footer(file, footer.getFileMetaData().getSchema(), rows, null);
    } catch (IOException | RuntimeException e) {
      // Not Parquet, a bad magic number, a truncated footer, a permission problem: the file is unusable.
      String why = e.getMessage() == null ? e.getClass().getSimpleName()
          : e.getMessage().replace(file.path(), "the file");
      return new Footer(file, null, 0, "not a readable Parquet file (" + oneLine(why) + ")");
    }
  }

  private static FileLayout layout(InputDataset dataset, Footer footer,
      ParquetToSparkSchemaConverter converter) {
    InputFile file = footer.file();
    Map<String, Type> byName = new LinkedHashMap<>();
    Map<String, String> byLowerName = new LinkedHashMap<>();
    for (Type field : footer.schema().getFields()) {
      // Spark resolves Parquet columns ignoring case: two such columns cannot be read apart.
      String other = byLowerName.put(field.getName().toLowerCase(Locale.ROOT), field.getName());
      if (other != null) {
        throw new InputFault(dataset.folder() + ": " + file.path() + " has two columns whose"
                + " names differ only in case: '" + other + "' and '" + field.getName() + "'",
            "Re-export the file with one of the two columns renamed or removed.");
      }
      byName.put(field.getName(), field);
    }
    Optional<String> partitionColumn = dataset.partitionColumn();
    List<StructField> contract = new ArrayList<>();
    Set<String> contractNames = new HashSet<>();
    for (ColumnSpec spec : dataset.columns()) {
      contractNames.add(spec.name());
      Type field = byName.get(spec.name());
      boolean isPartition = partitionColumn.isPresent() && partitionColumn.get().equals(spec.name());
      if (field == null) {
        if (isPartition && file.partitionValue(spec.name()).isEmpty()) {
          throw new InputFault(dataset.folder() + ": " + file.path() + " has no column "
                  + spec.name() + " and is not in a " + spec.name() + "= folder, so its rows have no "
                  + spec.name() + hint(spec.name(), byName.keySet()),
              "Put the file in a " + spec.name() + "=" + example(spec.kind()) + " folder, or export"
                  + " it with a " + spec.name() + " column.");
        }
        if (spec.required() && !isPartition) {
          throw new InputFault(dataset.folder() + ": " + file.path()
                  + " lacks the required column " + spec.name() + " (expected "
                  + ColumnTypes.expected(spec.kind()) + ")" + hint(spec.name(), byName.keySet()),
              "Re-export the file with the required columns of " + dataset.folder() + " ("
                  + requiredColumns(dataset) + "), named exactly so.");
        }
        continue;
      }
      StructField converted = convert(converter, field);
      if (converted == null || !ColumnTypes.accepts(spec.kind(), converted.dataType())) {
        throw new InputFault(dataset.folder() + ": " + file.path() + ": column "
                + spec.name() + " is stored as " + describe(field) + ", expected "
                + ColumnTypes.expected(spec.kind()),
            "Re-export the file with " + spec.name() + " as " + ColumnTypes.expected(spec.kind())
                + ".");
      }
      contract.add(DataTypes.createStructField(spec.name(), converted.dataType(), true));
    }
    List<StructField> extras = new ArrayList<>();
    List<String> extraNames = new ArrayList<>();
    for (Type field : byName.values()) {
      if (contractNames.contains(field.getName())) {
        continue;
      }
      extraNames.add(field.getName());
      StructField converted = convert(converter, field);
      if (converted != null) {
        extras.add(converted);
      }
    }
    return new FileLayout(file, footer.rowCount(), contract, extras, extraNames);
  }

  /** Spark's own reading of one Parquet column, or null when Spark cannot read that type. */
  private static StructField convert(ParquetToSparkSchemaConverter converter, Type field) {
    try {
      StructType one = converter.convert(new MessageType("file", field));
      return one.fields()[0];
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The stored type as a person reads it: DOUBLE, INT64 (TIMESTAMP(MICROS,true)), a group, … */
  static String describe(Type field) {
    if (!field.isPrimitive()) {
      LogicalTypeAnnotation logical = field.getLogicalTypeAnnotation();
      return "a nested group" + (logical == null ? "" : " (" + logical + ")");
    }
    String physical = field.asPrimitiveType().getPrimitiveTypeName().name();
    LogicalTypeAnnotation logical = field.getLogicalTypeAnnotation();
    return logical == null ? physical : physical + " (" + logical + ")";
  }

  private static String hint(String wanted, Set<String> present) {
    for (String name : present) {
      if (name.trim().toLowerCase(Locale.ROOT).equals(wanted)) {
        return "; the file has a column named '" + name + "', which differs only in case or spaces";
      }
    }
    return "; the file's columns are " + present;
  }

  private static String requiredColumns(InputDataset dataset) {
    return String.join(", ", dataset.columns().stream().filter(ColumnSpec::required)
        .map(ColumnSpec::name).toList());
  }

  private static String example(ColumnKind kind) {
    return kind == ColumnKind.YEAR ? "YYYY" : "YYYY-MM";
  }

  private static String oneLine(String text) {
    String line = text.replaceAll("\\s+", " ").trim();
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }
}
