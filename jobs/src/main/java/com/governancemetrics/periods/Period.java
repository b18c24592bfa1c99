package com.governancemetrics.periods;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** A reporting month {@code YYYY-MM} (SPEC §0): the unit of every run, window and output partition. */
public record Period(YearMonth month) implements Comparable<Period> {

  private static final Pattern FORMAT = Pattern.compile("[0-9]{4}-(0[1-9]|1[0-2])");

  public Period {
    if (month == null) {
      throw new IllegalArgumentException("period is null");
    }
  }

  /** Parses {@code YYYY-MM} strictly (no {@code 2024-6}, no spaces); empty when it does not match. */
  public static Optional<Period> tryParse(String text) {
    if (text == null || !FORMAT.matcher(text).matches()) {
      return Optional.empty();
    }
    return Optional.of(new Period(YearMonth.parse(text)));
  }

  public static Period parse(String text) {
    return tryParse(text).orElseThrow(() -> new IllegalArgumentException(
        "'" + text + "' is not a period: expected YYYY-MM, for example 2024-06"));
  }

  /** The SQL pattern of a valid period string, for row checks in Spark. */
  public static String regex() {
    return "^" + FORMAT.pattern() + "$";
  }

  public static Period of(int year, int month) {
    return new Period(YearMonth.of(year, month));
  }

  public int year() {
    return month.getYear();
  }

  public Period minusMonths(long n) {
    return new Period(month.minusMonths(n));
  }

  public Period plusMonths(long n) {
    return new Period(month.plusMonths(n));
  }

  /** D: the last day of the month. */
  public LocalDate lastDay() {
    return month.atEndOfMonth();
  }

  /** Y-01-01. */
  public LocalDate yearStart() {
    return LocalDate.of(year(), 1, 1);
  }

  /** Y-01 … P, the months a ytd window sums. */
  public List<Period> yearToDate() {
    return rangeClosed(of(year(), 1), this);
  }

  /** from … to, both included; empty when from is after to. */
  public static List<Period> rangeClosed(Period from, Period to) {
    List<Period> result = new ArrayList<>();
    for (Period p = from; p.compareTo(to) <= 0; p = p.plusMonths(1)) {
      result.add(p);
    }
    return result;
  }

  @Override
  public int compareTo(Period other) {
    return month.compareTo(other.month);
  }

  @Override
  public String toString() {
    return month.toString();
  }
}
