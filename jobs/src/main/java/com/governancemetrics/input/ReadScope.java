package com.governancemetrics.input;

import com.governancemetrics.periods.Period;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a run reads (SPEC §1 "What a run reads", §2 windows): for each run period P the evaluated
 * periods Q in {P, P-1, P-12} (current, 环比, 同比); of a monthly dataset whose metrics are all stock,
 * exactly those months; of one with a ytd metric, every month of each Q's year-to-date, so that the
 * ytd of P-1 and of P-12 can be evaluated (the ytd of 2024-01's P-1 is all of 2023); for
 * collective_income the years of those Qs; all cases.
 *
 * @param runPeriods the periods the run publishes (one for nightly/validate, several for backfill)
 * @param yearToDate the monthly datasets read year-to-date (those with a ytd metric)
 */
public record ReadScope(List<Period> runPeriods, Set<InputDataset> yearToDate) {

  /** Every monthly dataset read year-to-date. */
  public ReadScope(List<Period> runPeriods) {
    this(runPeriods, Set.of(InputDataset.GRID_COVERAGE, InputDataset.SERVICE_APPEALS));
  }

  public ReadScope {
    if (runPeriods == null || runPeriods.isEmpty()) {
      throw new IllegalArgumentException("a read scope needs at least one run period");
    }
    if (runPeriods.stream().anyMatch(java.util.Objects::isNull)) {
      throw new IllegalArgumentException("a run period is null: " + runPeriods);
    }
    runPeriods = List.copyOf(new TreeSet<>(runPeriods));
    yearToDate = Set.copyOf(yearToDate);
  }

  public static ReadScope of(Period... periods) {
    return new ReadScope(List.of(periods));
  }

  /** P, P-1 and P-12 for every run period: the periods whose windows a run evaluates. */
  public SortedSet<Period> evaluatedPeriods() {
    SortedSet<Period> result = new TreeSet<>();
    for (Period p : runPeriods) {
      result.add(p);
      result.add(p.minusMonths(1));
      result.add(p.minusMonths(12));
    }
    return Collections.unmodifiableSortedSet(result);
  }

  /** Every month the monthly datasets must be read for: the year-to-date of each evaluated period. */
  public SortedSet<Period> monthlyPeriods() {
    SortedSet<Period> result = new TreeSet<>();
    for (Period q : evaluatedPeriods()) {
      result.addAll(q.yearToDate());
    }
    return Collections.unmodifiableSortedSet(result);
  }

  /** The months a monthly dataset is read for: its year-to-date months, or the evaluated periods. */
  public SortedSet<Period> monthlyPeriods(InputDataset dataset) {
    return yearToDate.contains(dataset) ? monthlyPeriods() : evaluatedPeriods();
  }

  /** The years whose collective income a run evaluates (annual window of P, P-1 and P-12). */
  public SortedSet<Integer> incomeEvaluationYears() {
    SortedSet<Integer> result = new TreeSet<>();
    for (Period q : evaluatedPeriods()) {
      result.add(q.year());
    }
    return Collections.unmodifiableSortedSet(result);
  }

  /** The years of the run periods: a collective_income year at or before each must exist. */
  public SortedSet<Integer> runYears() {
    SortedSet<Integer> result = new TreeSet<>();
    for (Period p : runPeriods) {
      result.add(p.year());
    }
    return Collections.unmodifiableSortedSet(result);
  }
}
