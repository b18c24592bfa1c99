package com.governancemetrics.export;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** How a metric's value is shown to people: as text (CSV, HTML) and as an Excel number format (XLSX). */
public enum ValueFormat {
  /** A share in [0, 1] shown as a percentage with one decimal: 72/78 is 92.3%. */
  PERCENT("%", "0.0%"),
  /** A count shown as an integer with thousands separators. */
  COUNT("个", "#,##0"),
  /** An amount of yuan with thousands separators and two decimals. */
  YUAN("元", "#,##0.00"),
  /** Any other number: one or two decimals. */
  NUMBER("", "#,##0.0#");

  private final String unit;
  private final String excelFormat;

  ValueFormat(String unit, String excelFormat) {
    this.unit = unit;
    this.excelFormat = excelFormat;
  }

  /** The unit for a column header ("%", "个", "元"), empty for plain numbers. */
  public String unit() {
    return unit;
  }

  /** The Excel number format of the value cells. */
  public String excelFormat() {
    return excelFormat;
  }

  /**
   * The value as a person reads it; empty for null, NaN or infinite (never shown as a number). Rounds
   * half up on the decimal the value prints as, so 0.9235 shows as 92.4% and not 92.3%.
   */
  public String text(Double value) {
    if (value == null || value.isNaN() || value.isInfinite()) {
      return "";
    }
    BigDecimal decimal = BigDecimal.valueOf(value);
    return switch (this) {
      case PERCENT -> decimal.movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
      default -> pattern(excelFormat).format(decimal);
    };
  }

  /** A short label for a chart axis tick: percentages without decimals, other values compact. */
  public String axisText(double value) {
    if (this == PERCENT) {
      return pattern("0.#").format(BigDecimal.valueOf(value).movePointRight(2)) + "%";
    }
    return pattern("#,##0.##").format(BigDecimal.valueOf(value));
  }

  /** Parses a {@link #text} back to the value it shows (for checks and tests); null for empty text. */
  public Double parse(String text) {
    String plain = text == null ? "" : text.strip();
    if (plain.isEmpty()) {
      return null;
    }
    boolean percent = plain.endsWith("%");
    BigDecimal decimal = new BigDecimal(plain.replace(",", "").replace("%", ""));
    return (percent ? decimal.movePointLeft(2) : decimal).doubleValue();
  }

  private static DecimalFormat pattern(String pattern) {
    DecimalFormat format = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
    format.setRoundingMode(RoundingMode.HALF_UP);
    return format;
  }
}
