package com.governancemetrics.input;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructType;

/**
 * The columns of the normalized frame {@link NormalizedReader} builds for a dataset, one row per row
 * read: every contract column as it came rendered as a string (under its own name), its typed attempt,
 * the partition folder's value, the row's extra columns, and the file it came from and where in it.
 */
public final class NormalizedColumns {

  /** The file a row came from, as the file system names it. */
  public static final String SOURCE_FILE = "source_file";
  /** The row's extra (non-contract) columns rendered as strings. */
  public static final String EXTRA_COLUMNS = "extra_columns";
  /** The row's position in its file (Parquet row index): with source_file, tells copies apart. */
  public static final String ROW_INDEX = "_row_index";
  /** The value of the dataset's partition folder above the file (period=, year=); null when none. */
  public static final String FOLDER_VALUE = "_folder_value";

  public static final MapType EXTRA_COLUMNS_TYPE =
      DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true);

  private NormalizedColumns() {}

  /**
   * The typed attempt of a contract column, in its accepted type; null when the raw value is null or
   * does not cast (the row rules tell the two apart). For the partition column it is the row's
   * effective value: the folder's when there is one (the folder wins, SPEC §1), else the file's.
   */
  public static String typed(String column) {
    return "_typed_" + column;
  }

  /** A reference to the typed attempt of a contract column ({@link #typed}). */
  public static Column typedRef(String column) {
    return ref(typed(column));
  }

  /** A reference to a column by its exact name, whatever characters the name holds. */
  public static Column ref(String name) {
    return functions.col("`" + name.replace("`", "``") + "`");
  }

  /** The schema of a normalized frame of the dataset. */
  public static StructType schema(InputDataset dataset) {
    StructType schema = new StructType();
    for (ColumnSpec c : dataset.columns()) {
      schema = schema.add(c.name(), DataTypes.StringType, true);
    }
    for (ColumnSpec c : dataset.columns()) {
      schema = schema.add(typed(c.name()), c.kind().acceptedType(), true);
    }
    if (dataset.partitionColumn().isPresent()) {
      schema = schema.add(FOLDER_VALUE, DataTypes.StringType, true);
    }
    return schema.add(EXTRA_COLUMNS, EXTRA_COLUMNS_TYPE, true)
        .add(SOURCE_FILE, DataTypes.StringType, true)
        .add(ROW_INDEX, DataTypes.LongType, true);
  }
}
