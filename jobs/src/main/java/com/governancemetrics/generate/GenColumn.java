package com.governancemetrics.generate;

/**
 * A column as the generator writes it: its contract name and its physical form in a normal file.
 * Values in memory are String (codes, text), Long (every integer), BigDecimal with scale 2 (yuan),
 * LocalDate (dates), or null.
 */
record GenColumn(String name, Kind kind) {

  /** The physical form of a column in a normal (not "older export") file. */
  enum Kind {
    CODE, TEXT, INT32, INT64, DECIMAL, DATE;

    boolean isNumeric() {
      return this == INT32 || this == INT64 || this == DECIMAL;
    }

    /** Numeric and date columns: older exports write them as strings. */
    boolean isValue() {
      return isNumeric() || this == DATE;
    }
  }
}
