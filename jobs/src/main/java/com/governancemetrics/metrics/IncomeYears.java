package com.governancemetrics.metrics;

import static org.apache.spark.sql.functions.col;

import java.util.Collection;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * SPEC §2 annual, decided here and nowhere else: for each evaluated year Y, the collective_income
 * year used is the latest year ≤ Y with at least one accepted row anywhere (one year for the whole
 * run; a unit that did not deliver it gets null, not an older year of its own). Ingestion applies it
 * to the years whose rows it accepted (reading older year folders when a newer one has none); the
 * metrics are then evaluated on the years it gives.
 */
public final class IncomeYears {

  private IncomeYears() {}

  /**
   * Evaluation year → year used, from the years that have accepted rows; an evaluation year with
   * no accepted year at or before it is absent.
   */
  public static SortedMap<Integer, Integer> used(Collection<Integer> acceptedYears,
      Collection<Integer> evaluationYears) {
    TreeSet<Integer> accepted = new TreeSet<>(acceptedYears);
    SortedMap<Integer, Integer> used = new TreeMap<>();
    for (int y : evaluationYears) {
      Integer year = accepted.floor(y);
      if (year != null) {
        used.put(y, year);
      }
    }
    return used;
  }

  /**
   * {@link #used} of a frame of accepted collective_income rows (its {@code year} column): one small
   * Spark job, for callers that hold accepted rows without ingesting them.
   */
  public static SortedMap<Integer, Integer> ofAccepted(Dataset<Row> acceptedIncome,
      Collection<Integer> evaluationYears) {
    SortedSet<Integer> years = new TreeSet<>();
    for (Row r : acceptedIncome.select(col("year")).distinct().collectAsList()) {
      if (!r.isNullAt(0)) {
        years.add(((Number) r.get(0)).intValue());
      }
    }
    return used(years, evaluationYears);
  }

  /** The evaluated years of a run, for {@link #used}. */
  public static SortedSet<Integer> evaluationYears(EvaluationPeriods periods) {
    SortedSet<Integer> years = new TreeSet<>();
    periods.all().forEach(p -> years.add(p.year()));
    return years;
  }
}
