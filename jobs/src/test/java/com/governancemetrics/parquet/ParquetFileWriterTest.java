package com.governancemetrics.parquet;

import static com.governancemetrics.parquet.ParquetFileWriter.bool;
import static com.governancemetrics.parquet.ParquetFileWriter.date;
import static com.governancemetrics.parquet.ParquetFileWriter.decimal;
import static com.governancemetrics.parquet.ParquetFileWriter.float64;
import static com.governancemetrics.parquet.ParquetFileWriter.int32;
import static com.governancemetrics.parquet.ParquetFileWriter.int64;
import static com.governancemetrics.parquet.ParquetFileWriter.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.governancemetrics.testing.SharedSpark;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ParquetFileWriter: every supported type read back by Spark, same rows same bytes, no side files. */
class ParquetFileWriterTest {

  private static final MessageType SCHEMA = ParquetFileWriter.schema("sample",
      string("name"), int32("count"), int64("total"), decimal("yuan", 18, 2), date("day"),
      float64("share"), bool("flag"));

  private static final List<Object[]> ROWS = List.of(
      new Object[] {"甘溪滩镇", 12, 3_000_000_000L, new BigDecimal("17901.23"), LocalDate.of(2024, 2, 29), 0.5, true},
      new Object[] {null, null, null, null, null, null, null},
      new Object[] {"", Integer.MAX_VALUE, -1L, new BigDecimal("-0.01"), LocalDate.of(1970, 1, 1), -2.25, false},
      new Object[] {"x", 7L, 5, new BigDecimal("100"), LocalDate.of(2099, 12, 31), 1, false});

  @TempDir
  Path dir;

  private final Configuration conf = new Configuration();

  @Test
  void everyTypeReadsBackWithSparkAndNoSideFileIsLeft() throws IOException {
    Path file = dir.resolve("new/folder/sample.parquet");
    long written = ParquetFileWriter.write(conf, new org.apache.hadoop.fs.Path(file.toUri()), SCHEMA, ROWS);

    assertThat(written).isEqualTo(4);
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("sample.parquet");
    }
    var df = SharedSpark.get().read().parquet(file.toString());
    StructType schema = df.schema();
    assertThat(Arrays.stream(schema.fields()).map(f -> f.dataType()).toList()).containsExactly(
        DataTypes.StringType, DataTypes.IntegerType, DataTypes.LongType, DataTypes.createDecimalType(18, 2),
        DataTypes.DateType, DataTypes.DoubleType, DataTypes.BooleanType);
    List<Row> rows = df.collectAsList();
    assertThat(rows).hasSize(4);
    assertThat(rows.get(0).getString(0)).isEqualTo("甘溪滩镇");
    assertThat(rows.get(0).getInt(1)).isEqualTo(12);
    assertThat(rows.get(0).getLong(2)).isEqualTo(3_000_000_000L);
    assertThat(rows.get(0).getDecimal(3)).isEqualByComparingTo("17901.23");
    assertThat(rows.get(0).getDate(4).toLocalDate()).isEqualTo(LocalDate.of(2024, 2, 29));
    assertThat(rows.get(0).getDouble(5)).isEqualTo(0.5);
    assertThat(rows.get(0).getBoolean(6)).isTrue();
    for (int i = 0; i < 7; i++) {
      assertThat(rows.get(1).isNullAt(i)).isTrue();
    }
    assertThat(rows.get(2).getString(0)).isEmpty();
    assertThat(rows.get(2).getInt(1)).isEqualTo(Integer.MAX_VALUE);
    assertThat(rows.get(2).getDecimal(3)).isEqualByComparingTo("-0.01");
    assertThat(rows.get(2).getDate(4).toLocalDate()).isEqualTo(LocalDate.of(1970, 1, 1));
    assertThat(rows.get(3).getInt(1)).isEqualTo(7);
    assertThat(rows.get(3).getLong(2)).isEqualTo(5L);
    assertThat(rows.get(3).getDecimal(3)).isEqualByComparingTo("100.00");
  }

  @Test
  void theSameRowsGiveTheSameBytesAndARewriteReplacesTheFile() throws IOException {
    Path a = dir.resolve("a.parquet");
    Path b = dir.resolve("b.parquet");
    ParquetFileWriter.write(conf, new org.apache.hadoop.fs.Path(a.toUri()), SCHEMA, ROWS);
    ParquetFileWriter.write(conf, new org.apache.hadoop.fs.Path(b.toUri()), SCHEMA, ROWS);
    assertThat(Files.mismatch(a, b)).isEqualTo(-1L);

    ParquetFileWriter.write(conf, new org.apache.hadoop.fs.Path(a.toUri()), SCHEMA, ROWS.subList(0, 1));
    assertThat(SharedSpark.get().read().parquet(a.toString()).count()).isEqualTo(1);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a.parquet", "b.parquet");
    }
  }

  @Test
  void aValueThatDoesNotFitFailsAndLeavesNoFile() throws IOException {
    Path bad = dir.resolve("bad.parquet");
    List<Object[]> moreDecimals = List.<Object[]>of(new Object[] {"x", 1, 1L, new BigDecimal("1.005"), null, null, null});
    assertThatThrownBy(() -> ParquetFileWriter.write(conf, new org.apache.hadoop.fs.Path(bad.toUri()), SCHEMA,
        moreDecimals)).isInstanceOf(ArithmeticException.class);

    MessageType required = ParquetFileWriter.schema("r", Types.required(PrimitiveTypeName.INT32).named("n"));
    List<Object[]> nullRow = List.<Object[]>of(new Object[] {null});
    assertThatThrownBy(() -> ParquetFileWriter.write(conf, new org.apache.hadoop.fs.Path(bad.toUri()), required,
        nullRow)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("required column n");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }
}
