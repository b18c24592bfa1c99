package com.governancemetrics.input;

import static com.governancemetrics.spark.SparkCompat.tryCast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import com.governancemetrics.periods.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads checked files into one normalized frame (see {@link NormalizedColumns}). Files of one dataset
 * may differ in physical schema (INT32 here, INT64 or digit strings there, extra columns in some), so
 * files are grouped by schema, each group is read in one scan with its own schema, turned into the
 * common normalized columns (the partition folder's value looked up per file), and the groups are
 * unioned. Typed attempts use try_cast and
 * explicit patterns, never a cast that fails (ANSI mode) or silently nulls a value.
 */
public final class NormalizedReader {

  /** SPEC §1: an integer string is [+-]?[0-9]+ after trimming (and fits a long). */
  static final String INTEGER_PATTERN = "^[+-]?[0-9]+$";
  /** SPEC §1: a decimal string has at most 2 decimals. */
  static final String DECIMAL_PATTERN = "^[+-]?[0-9]+(\\.[0-9]{1,2})?$";
  /** A stored decimal of wider scale is accepted when its extra decimals are zeros (1.2300). */
  static final String TWO_DECIMALS_PLAIN = "^-?[0-9]+(\\.[0-9]{0,2}0*)?$";
  static final String DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
  /** A year (partition folder year=YYYY or the year column): four digits, no leading zero. */
  public static final String YEAR_PATTERN = "^[1-9][0-9]{3}$";

  private static final DecimalType ACCEPTED_DECIMAL = DataTypes.createDecimalType(18, 2);

  private NormalizedReader() {}

  /** Reads the files into the dataset's normalized frame (no Spark action). */
  public static Dataset<Row> read(SparkSession spark, InputDataset dataset, List<FileLayout> files) {
    // One scan per read schema: files under different partition folders are read together, and
    // each row's folder value is looked up by its file (a union of one scan per folder made plans of
    // dozens of branches).
    Map<StructType, List<FileLayout>> groups = new LinkedHashMap<>();
    for (FileLayout f : files) {
      groups.computeIfAbsent(f.readSchema(), k -> new ArrayList<>()).add(f);
    }
    Dataset<Row> result = null;
    for (Map.Entry<StructType, List<FileLayout>> group : groups.entrySet()) {
      String[] paths = group.getValue().stream().map(f -> f.file().path()).toArray(String[]::new);
      Dataset<Row> raw = spark.read().schema(group.getKey()).parquet(paths);
      Column metadata = raw.metadataColumn("_metadata");
      Dataset<Row> normalized = raw.select(columns(dataset, group.getValue().get(0),
          folderValue(dataset, group.getValue(), sourceFile(metadata)), metadata));
      result = result == null ? normalized : result.union(normalized);
    }
    if (result == null) {
      return spark.createDataFrame(List.of(), NormalizedColumns.schema(dataset));
    }
    return result;
  }

  /**
   * The value of the partition folder above each row's file, as the listing found it (null outside
   * such folders): a literal when the files share it, else taken from the row's file path. A row whose
   * folder value cannot be found (a file the listing did not name) stops the read rather than losing it.
   */
  private static Column folderValue(InputDataset dataset, List<FileLayout> files, Column file) {
    Optional<String> partitionColumn = dataset.partitionColumn();
    Map<Optional<String>, List<String>> byValue = new LinkedHashMap<>();
    for (FileLayout f : files) {
      Optional<String> value = partitionColumn.flatMap(c -> f.file().partitionValue(c));
      byValue.computeIfAbsent(value, k -> new ArrayList<>()).add(f.file().path());
    }
    if (byValue.size() == 1) {
      return lit(byValue.keySet().iterator().next().orElse(null)).cast(DataTypes.StringType);
    }
    Column unlisted = functions.raise_error(functions.concat(
        lit(dataset.folder() + ": a row from a file the listing did not name: "), file));
    Optional<Column> fromPath = partitionColumn.flatMap(c -> valueFromPath(c, byValue, file));
    if (fromPath.isPresent()) {
      // Every listed file's path matches: no match means a file the listing did not name.
      return when(fromPath.get().equalTo(lit("")), unlisted).otherwise(fromPath.get())
          .cast(DataTypes.StringType);
    }
    Column value = null;
    for (Map.Entry<Optional<String>, List<String>> e : byValue.entrySet()) {
      Column in = file.isin(e.getValue().toArray());
      Column v = lit(e.getKey().orElse(null)).cast(DataTypes.StringType);
      value = value == null ? when(in, v) : value.when(in, v);
    }
    return value.otherwise(unlisted).cast(DataTypes.StringType);
  }

  /**
   * The folder value cut out of each row's path by one regular expression (the last
   * {@code column=value} folder), when that gives every listed file exactly its listed value: checked
   * here with the same java.util.regex semantics as Spark's regexp_extract (no match is ""). One
   * pattern per row instead of a chain of one set lookup per folder value, which cost a third of
   * ingestion's CPU at SF10 (bench/RESULTS.md). Escaped, empty or missing folder values keep the chain.
   */
  private static Optional<Column> valueFromPath(String column,
      Map<Optional<String>, List<String>> byValue, Column file) {
    String regex = "^.*/" + Pattern.quote(column + "=") + "([^/]*)/";
    Pattern pattern = Pattern.compile(regex);
    for (Map.Entry<Optional<String>, List<String>> e : byValue.entrySet()) {
      if (e.getKey().isEmpty() || e.getKey().get().isEmpty()) {
        return Optional.empty();
      }
      for (String path : e.getValue()) {
        Matcher m = pattern.matcher(path);
        if (!m.find() || !e.getKey().get().equals(m.group(1))) {
          return Optional.empty();
        }
      }
    }
    return Optional.of(functions.regexp_extract(file, regex, 1));
  }

  /**
   * The normalized columns of one group of files sharing a layout; {@code folder} is each row's
   * partition folder value (null outside such folders).
   */
  private static Column[] columns(InputDataset dataset, FileLayout layout, Column folder,
      Column metadata) {
    List<Column> raw = new ArrayList<>();
    List<Column> typed = new ArrayList<>();
    String partitionColumn = dataset.partitionColumn().orElse(null);
    for (ColumnSpec spec : dataset.columns()) {
      String name = spec.name();
      Optional<DataType> type = layout.contractType(name);
      Column source = NormalizedColumns.ref(name);
      Column rendered = type.isPresent() ? render(source, type.get())
          : lit(null).cast(DataTypes.StringType);
      boolean isPartition = name.equals(partitionColumn);
      if (isPartition) {
        // Quarantine shows the file's value as it came, or the folder's when the file has none; the
        // folder's value wins when there is one (SPEC §1).
        Column asCame = coalesce(rendered, folder);
        Column effective = coalesce(folder, rendered);
        raw.add(asCame.as(name));
        typed.add(typedPartition(spec.kind(), effective).as(NormalizedColumns.typed(name)));
      } else {
        raw.add(rendered.as(name));
        Column attempt = type.isPresent() ? typedValue(spec.kind(), source, type.get())
            : lit(null).cast(spec.kind().acceptedType());
        typed.add(attempt.as(NormalizedColumns.typed(name)));
      }
    }
    List<Column> all = new ArrayList<>(raw);
    all.addAll(typed);
    if (partitionColumn != null) {
      all.add(folder.as(NormalizedColumns.FOLDER_VALUE));
    }
    all.add(extraColumns(layout).as(NormalizedColumns.EXTRA_COLUMNS));
    all.add(sourceFile(metadata).as(NormalizedColumns.SOURCE_FILE));
    all.add(metadata.getField("row_index").as(NormalizedColumns.ROW_INDEX));
    return all.toArray(new Column[0]);
  }

  /** A stored value as a string, as it came: digits for integers, plain decimals, yyyy-MM-dd dates. */
  private static Column render(Column source, DataType type) {
    return type instanceof StringType ? source : source.cast(DataTypes.StringType);
  }

  /** The partition column's typed value from its effective string (folder or file). */
  private static Column typedPartition(ColumnKind kind, Column effective) {
    if (kind == ColumnKind.YEAR) {
      return yearOf(trim(effective));
    }
    return when(effective.rlike(Period.regex()), effective);
  }

  /** A year from its string; null unless it is four digits. */
  public static Column yearOf(Column text) {
    return when(text.rlike(YEAR_PATTERN), tryCast(text, DataTypes.IntegerType))
        .cast(DataTypes.IntegerType);
  }

  private static Column typedValue(ColumnKind kind, Column source, DataType type) {
    return switch (kind) {
      case CODE, TEXT, PERIOD -> render(source, type);
      case YEAR -> yearOf(trim(render(source, type)));
      case INTEGER -> typedInteger(source, type);
      case DECIMAL -> typedDecimal(source, type);
      case DATE -> typedDate(source, type);
    };
  }

  private static Column typedInteger(Column source, DataType type) {
    if (type instanceof StringType) {
      Column text = trim(source);
      return when(text.rlike(INTEGER_PATTERN), tryCast(text, DataTypes.LongType))
          .cast(DataTypes.LongType);
    }
    // Integer types widen exactly; a whole DECIMAL (e.g. unsigned INT64) beyond long range is null.
    return ColumnTypes.isIntegral(type) ? source.cast(DataTypes.LongType)
        : tryCast(source, DataTypes.LongType);
  }

  private static Column typedDecimal(Column source, DataType type) {
    if (type instanceof StringType) {
      Column text = trim(source);
      return when(text.rlike(DECIMAL_PATTERN), tryCast(text, ACCEPTED_DECIMAL)).cast(ACCEPTED_DECIMAL);
    }
    if (type instanceof DecimalType d && d.scale() > 2) {
      // Casting would round 1.2345 to 1.23: only values whose extra decimals are zeros are accepted.
      return when(source.cast(DataTypes.StringType).rlike(TWO_DECIMALS_PLAIN),
          tryCast(source, ACCEPTED_DECIMAL)).cast(ACCEPTED_DECIMAL);
    }
    // Narrower decimals and integers; values beyond decimal(18,2) are null (type_mismatch).
    return tryCast(source, ACCEPTED_DECIMAL);
  }

  private static Column typedDate(Column source, DataType type) {
    if (type instanceof DateType) {
      return source;
    }
    Column text = trim(source);
    return when(text.rlike(DATE_PATTERN), tryCast(text, DataTypes.DateType)).cast(DataTypes.DateType);
  }

  /** The row's extra columns as a map of strings (null values kept as null). */
  private static Column extraColumns(FileLayout layout) {
    if (layout.extraColumns().isEmpty()) {
      return functions.expr("cast(map() as map<string,string>)");
    }
    List<Column> keysAndValues = new ArrayList<>();
    for (StructField f : layout.extraColumns()) {
      keysAndValues.add(lit(f.name()));
      keysAndValues.add(render(NormalizedColumns.ref(f.name()), f.dataType()));
    }
    return functions.map(keysAndValues.toArray(new Column[0]));
  }

  /**
   * The file of the row, named as the listing names it: Spark's {@code _metadata.file_path} is
   * URL-encoded (a space is %20); decode it, keeping a literal '+' a '+'. The metadata column is taken
   * from the scan itself, so a data column named _metadata cannot hide it.
   */
  private static Column sourceFile(Column metadata) {
    Column encoded = metadata.getField("file_path");
    return functions.url_decode(functions.replace(encoded, lit("+"), lit("%2B")));
  }
}
