package com.governancemetrics.metrics;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A row condition of the catalogue, all terms joined by "and": comparisons of numeric columns with
 * thresholds ({@code operating_income_yuan >= income_100k}) or, for rectification cases, as-of
 * predicates ({@code identified_ytd}). The empty condition holds for every row.
 */
public record Condition(List<Comparison> comparisons, List<AsOfPredicate> predicates) {

  public static final Condition ALWAYS = new Condition(List.of(), List.of());

  public Condition {
    comparisons = List.copyOf(comparisons);
    predicates = List.copyOf(predicates);
  }

  public boolean isAlways() {
    return comparisons.isEmpty() && predicates.isEmpty();
  }

  /** This condition and another (the numerator of a case ratio is its denominator's rows and more). */
  public Condition and(Condition other) {
    return new Condition(Stream.concat(comparisons.stream(), other.comparisons.stream()).toList(),
        Stream.concat(predicates.stream(), other.predicates.stream()).distinct().toList());
  }

  @Override
  public String toString() {
    if (isAlways()) {
      return "(every row)";
    }
    return Stream.concat(comparisons.stream().map(Comparison::toString),
        predicates.stream().map(AsOfPredicate::configName)).collect(Collectors.joining(" and "));
  }
}
