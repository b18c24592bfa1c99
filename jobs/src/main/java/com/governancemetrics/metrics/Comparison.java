package com.governancemetrics.metrics;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One term of a row condition: {@code column op threshold}, where the threshold is a named
 * threshold of the catalogue (overridable per province) or a literal number. Compared exactly, in
 * decimal (SPEC §2: income exactly 100000.00 is ≥ 100000).
 *
 * @param thresholdName the named threshold, or null when {@code literal} is given
 * @param literal the number, or null when {@code thresholdName} is given
 */
public record Comparison(String column, Operator operator, String thresholdName, BigDecimal literal) {

  /** The comparison operators a condition may use. */
  public enum Operator {
    AT_LEAST(">="), AT_MOST("<="), ABOVE(">"), BELOW("<"), EQUAL("=");

    private final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    public static java.util.Optional<Operator> fromSymbol(String s) {
      return java.util.Arrays.stream(values()).filter(o -> o.symbol.equals(s)).findFirst();
    }
  }

  public Comparison {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(operator, "operator");
    if ((thresholdName == null) == (literal == null)) {
      throw new IllegalArgumentException("a comparison needs a threshold name or a literal, not both");
    }
  }

  @Override
  public String toString() {
    return column + " " + operator.symbol + " " + (thresholdName != null ? thresholdName
        : literal.toPlainString());
  }
}
