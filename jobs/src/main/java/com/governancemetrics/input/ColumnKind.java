package com.governancemetrics.input;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/** What a contract column holds (SPEC §1), and the Spark type it has once accepted. */
public enum ColumnKind {
  /** A code of digits, kept as a string, never trimmed. */
  CODE(DataTypes.StringType),
  /** Free text such as a name. */
  TEXT(DataTypes.StringType),
  /** {@code YYYY-MM}, normally from the partition folder. */
  PERIOD(DataTypes.StringType),
  /** A four-digit year, normally from the partition folder. */
  YEAR(DataTypes.IntegerType),
  /** Any integer type, or a string of digits from older exports; widened to long. */
  INTEGER(DataTypes.LongType),
  /** Yuan with at most two decimals. */
  DECIMAL(DataTypes.createDecimalType(18, 2)),
  /** A calendar date. */
  DATE(DataTypes.DateType);

  private final DataType acceptedType;

  ColumnKind(DataType acceptedType) {
    this.acceptedType = acceptedType;
  }

  /** The type of this column in the accepted rows handed to the metrics. */
  public DataType acceptedType() {
    return acceptedType;
  }

  /** Numeric and date columns: null in them is {@code missing_value} (SPEC §1). */
  public boolean isValue() {
    return this == INTEGER || this == DECIMAL || this == DATE;
  }
}
