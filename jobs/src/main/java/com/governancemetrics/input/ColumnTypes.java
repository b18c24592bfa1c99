package com.governancemetrics.input;

import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;

/**
 * Which stored types each column kind accepts (SPEC §1: integers as any integer type or strings of
 * digits; decimals as DECIMAL of any scale, integers or strings; dates as DATE or yyyy-MM-dd strings).
 * A stored type outside these is a dataset-level fault; values of an accepted type that do not cast
 * are row-level {@code type_mismatch}.
 */
public final class ColumnTypes {

  private ColumnTypes() {}

  /** Whether a column of this kind can be read from a file column of this Spark type. */
  public static boolean accepts(ColumnKind kind, DataType type) {
    boolean string = type instanceof StringType;
    return switch (kind) {
      // Codes and text from older exports may be integers; a lost leading zero then shows up as
      // malformed_code on the row, never silently.
      case CODE, TEXT -> string || isIntegral(type);
      case PERIOD -> string;
      case YEAR, INTEGER -> string || isIntegral(type) || isWholeDecimal(type);
      case DECIMAL -> string || isIntegral(type) || type instanceof DecimalType;
      case DATE -> string || type instanceof DateType;
    };
  }

  /** What a column of this kind must be stored as, for messages. */
  public static String expected(ColumnKind kind) {
    return switch (kind) {
      case CODE -> "a string of digits (or an integer type)";
      case TEXT -> "a string (or an integer type)";
      case PERIOD -> "a string YYYY-MM";
      case YEAR -> "an integer year (any integer type, or a string of digits)";
      case INTEGER -> "an integer (any integer type, or a string of digits)";
      case DECIMAL -> "a decimal (DECIMAL of any scale, an integer type, or a string with at most 2"
          + " decimals)";
      case DATE -> "a date (DATE, or a string yyyy-MM-dd)";
    };
  }

  /** Byte, short, int or long. */
  public static boolean isIntegral(DataType type) {
    return type instanceof ByteType || type instanceof ShortType || type instanceof IntegerType
        || type instanceof LongType;
  }

  /** A DECIMAL of scale 0 (also how Spark reads unsigned INT64). */
  public static boolean isWholeDecimal(DataType type) {
    return type instanceof DecimalType d && d.scale() == 0;
  }
}
