package com.governancemetrics.parquet;

import com.governancemetrics.spark.SparkCompat;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopStreams;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Writes one Parquet file from rows of plain Java values, deterministically: fixed writer settings
 * (ZSTD level 3, Parquet v1 pages, dictionary on, min/max statistics only, no checksums, no bloom
 * filters, no padding), nothing time- or host-dependent, so the same rows give the same bytes. Goes
 * through the Hadoop FileSystem of the path (hdfs:// works); on a checksummed file system (the local
 * one) it writes through the raw one, so no {@code .crc} side files appear. The file is written under a
 * hidden temporary name in the same folder and renamed at the end, so a retried or speculative task
 * never leaves half a file.
 *
 * <p>A schema is flat: optional or required primitive columns (see the factory methods). A row is an
 * {@code Object[]} in schema order; values are String (BINARY/STRING), Integer/Long/LocalDate (INT32,
 * DATE), Long/BigDecimal (INT64, DECIMAL(p ≤ 18, s)), Double, Float, Boolean, or null.
 */
public final class ParquetFileWriter {

  /** The one codec every file it writes uses. */
  public static final CompressionCodecName CODEC = CompressionCodecName.ZSTD;

  private static final String MODEL_NAME = "governance-metrics";

  private ParquetFileWriter() {}

  /**
   * Writes {@code rows} to {@code file} (replacing it), returning the number of rows written.
   *
   * @param conf where the file system comes from (credentials, hdfs settings); it does not change the
   *     bytes written
   */
  public static long write(Configuration conf, Path file, MessageType schema, Iterable<Object[]> rows)
      throws IOException {
    FileSystem fs = rawFileSystem(file, conf);
    Path tmp = new Path(file.getParent(), "." + file.getName() + "." + UUID.randomUUID() + ".tmp");
    long count = 0;
    try {
      try (ParquetWriter<Object[]> writer = SparkCompat.minMaxStatisticsOnly(
          new Builder(new FsOutputFile(fs, tmp), schema)
          // A configuration of our own, so cluster-side parquet.* settings never change the bytes.
          .withConf(new Configuration(false))
          .withCompressionCodec(CODEC)
          .config("parquet.compression.codec.zstd.level", "3")
          .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
          .withDictionaryEncoding(true)
          .withPageSize(1 << 20)
          .withDictionaryPageSize(1 << 20)
          .withRowGroupSize(128L << 20)
          .withMaxPaddingSize(0)
          .withPageWriteChecksumEnabled(false)
          .withBloomFilterEnabled(false)
          .withValidation(false))
          .build()) {
        for (Object[] row : rows) {
          writer.write(row);
          count++;
        }
      }
      if (fs.exists(file)) {
        fs.delete(file, false);
      }
      if (!fs.rename(tmp, file)) {
        throw new IOException("cannot rename " + tmp + " to " + file);
      }
    } finally {
      if (fs.exists(tmp)) {
        fs.delete(tmp, false);
      }
    }
    return count;
  }

  /** The file system of {@code path}, without the checksum layer of the local file system. */
  public static FileSystem rawFileSystem(Path path, Configuration conf) throws IOException {
    FileSystem fs = path.getFileSystem(conf);
    if (fs instanceof ChecksumFileSystem checksummed) {
      return checksummed.getRawFileSystem();
    }
    return fs;
  }

  /** A flat message type of the given columns. */
  public static MessageType schema(String name, Type... columns) {
    return new MessageType(name, columns);
  }

  /** Optional UTF-8 string. */
  public static Type string(String name) {
    return Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name);
  }

  /** Optional 32-bit integer. */
  public static Type int32(String name) {
    return Types.optional(PrimitiveTypeName.INT32).named(name);
  }

  /** Optional 64-bit integer. */
  public static Type int64(String name) {
    return Types.optional(PrimitiveTypeName.INT64).named(name);
  }

  /** Optional decimal stored as INT64 (precision at most 18). */
  public static Type decimal(String name, int precision, int scale) {
    if (precision > 18) {
      throw new IllegalArgumentException("decimal " + name + ": precision " + precision + " > 18");
    }
    return Types.optional(PrimitiveTypeName.INT64)
        .as(LogicalTypeAnnotation.decimalType(scale, precision)).named(name);
  }

  /** Optional calendar date (INT32 days since 1970-01-01). */
  public static Type date(String name) {
    return Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named(name);
  }

  /** Optional double. */
  public static Type float64(String name) {
    return Types.optional(PrimitiveTypeName.DOUBLE).named(name);
  }

  /** Optional boolean. */
  public static Type bool(String name) {
    return Types.optional(PrimitiveTypeName.BOOLEAN).named(name);
  }

  /** The ParquetWriter builder for Object[] rows of one schema. */
  private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
    private final MessageType schema;

    Builder(OutputFile file, MessageType schema) {
      super(file);
      this.schema = schema;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<Object[]> getWriteSupport(Configuration conf) {
      return new ObjectArrayWriteSupport(schema);
    }
  }

  /** Writes a flat Object[] per record, converting each value by its column's primitive type. */
  private static final class ObjectArrayWriteSupport extends WriteSupport<Object[]> {
    private final MessageType schema;
    private final PrimitiveType[] columns;
    private RecordConsumer consumer;

    ObjectArrayWriteSupport(MessageType schema) {
      this.schema = schema;
      this.columns = new PrimitiveType[schema.getFieldCount()];
      for (int i = 0; i < columns.length; i++) {
        Type t = schema.getType(i);
        if (!t.isPrimitive() || t.isRepetition(Type.Repetition.REPEATED)) {
          throw new IllegalArgumentException("only flat schemas: " + t);
        }
        columns[i] = t.asPrimitiveType();
      }
    }

    @Override
    public WriteContext init(Configuration configuration) {
      return new WriteContext(schema, Map.of());
    }

    @Override
    public String getName() {
      return MODEL_NAME;
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      this.consumer = recordConsumer;
    }

    @Override
    public void write(Object[] row) {
      if (row.length != columns.length) {
        throw new IllegalArgumentException("row has " + row.length + " values, schema "
            + columns.length + " columns");
      }
      consumer.startMessage();
      for (int i = 0; i < columns.length; i++) {
        Object v = row[i];
        PrimitiveType c = columns[i];
        if (v == null) {
          if (c.isRepetition(Type.Repetition.REQUIRED)) {
            throw new IllegalArgumentException("null in required column " + c.getName());
          }
          continue;
        }
        consumer.startField(c.getName(), i);
        add(c, v);
        consumer.endField(c.getName(), i);
      }
      consumer.endMessage();
    }

    private void add(PrimitiveType c, Object v) {
      switch (c.getPrimitiveTypeName()) {
        case BINARY -> consumer.addBinary(Binary.fromString((String) v));
        case INT32 -> {
          if (v instanceof LocalDate d) {
            consumer.addInteger(Math.toIntExact(d.toEpochDay()));
          } else {
            consumer.addInteger(Math.toIntExact(((Number) v).longValue()));
          }
        }
        case INT64 -> {
          if (v instanceof BigDecimal d) {
            int scale = c.getLogicalTypeAnnotation()
                instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation dec ? dec.getScale() : 0;
            // UNNECESSARY: a value with more decimals than the column is a bug, never rounded away.
            consumer.addLong(d.setScale(scale, RoundingMode.UNNECESSARY).unscaledValue().longValueExact());
          } else {
            consumer.addLong(((Number) v).longValue());
          }
        }
        case DOUBLE -> consumer.addDouble(((Number) v).doubleValue());
        case FLOAT -> consumer.addFloat(((Number) v).floatValue());
        case BOOLEAN -> consumer.addBoolean((Boolean) v);
        default -> throw new IllegalArgumentException("unsupported column type " + c);
      }
    }
  }

  /** An OutputFile on a given FileSystem (HadoopOutputFile would pick the checksummed one). */
  private static final class FsOutputFile implements OutputFile {
    private final FileSystem fs;
    private final Path path;

    FsOutputFile(FileSystem fs, Path path) {
      this.fs = fs;
      this.path = path;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
      return HadoopStreams.wrap(fs.create(path, false));
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
      return HadoopStreams.wrap(fs.create(path, true));
    }

    @Override
    public boolean supportsBlockSize() {
      return false;
    }

    @Override
    public long defaultBlockSize() {
      return 0;
    }

    @Override
    public String getPath() {
      return path.toString();
    }
  }
}
