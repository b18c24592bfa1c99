package com.governancemetrics.metrics;

import com.governancemetrics.periods.Period;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The periods one run evaluates: the requested ones and, for prev_value and yoy_value, each one's
 * P-1 and P-12, evaluated in the same pass as if the run were for them (SPEC §2, Ranks and
 * comparisons).
 *
 * @param requested the periods whose rows are published
 * @param all requested plus every P-1 and P-12, sorted
 * @param incomeYearUsed evaluation year → collective_income year, as given by the caller (may be
 *     partial or empty: missing years are derived from the data)
 */
public record EvaluationPeriods(SortedSet<Period> requested, SortedSet<Period> all,
    Map<Integer, Integer> incomeYearUsed) {

  public EvaluationPeriods {
    requested = new TreeSet<>(requested);
    all = new TreeSet<>(all);
    incomeYearUsed = Map.copyOf(incomeYearUsed);
    if (requested.isEmpty()) {
      throw new IllegalArgumentException("no period to compute");
    }
    if (!all.containsAll(requested)) {
      throw new IllegalArgumentException("every requested period must be evaluated");
    }
  }

  public static EvaluationPeriods of(List<Period> periods, Map<Integer, Integer> incomeYearUsed) {
    Objects.requireNonNull(periods, "periods");
    SortedSet<Period> requested = new TreeSet<>(periods);
    SortedSet<Period> all = new TreeSet<>(requested);
    for (Period p : requested) {
      all.add(p.minusMonths(1));
      all.add(p.minusMonths(12));
    }
    return new EvaluationPeriods(requested, all,
        incomeYearUsed == null ? Map.of() : incomeYearUsed);
  }

  /** The month as one integer, so that P-1 and P-12 are range offsets -1 and -12. */
  public static int monthIndex(Period p) {
    return p.year() * 12 + p.month().getMonthValue() - 1;
  }

  public int latestYear() {
    return all.last().year();
  }

  public static StructType schema() {
    return new StructType()
        .add("eval_period", DataTypes.StringType, false)
        .add("month_idx", DataTypes.IntegerType, false)
        .add("requested", DataTypes.BooleanType, false)
        .add("eval_year", DataTypes.IntegerType, false)
        .add("year_start", DataTypes.DateType, false)
        .add("as_of_date", DataTypes.DateType, false)
        .add("ytd_label", DataTypes.StringType, false)
        .add("as_of_label", DataTypes.StringType, false)
        .add("given_year_used", DataTypes.IntegerType, true);
  }

  /** One small local row per evaluated period (broadcast wherever it is joined). */
  public Dataset<Row> toDataFrame(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (Period p : all) {
      rows.add(RowFactory.create(p.toString(), monthIndex(p), requested.contains(p), p.year(),
          Date.valueOf(p.yearStart()), Date.valueOf(p.lastDay()), MetricWindow.YTD.label(p),
          MetricWindow.AS_OF.label(p), incomeYearUsed.get(p.year())));
    }
    return spark.createDataFrame(rows, schema());
  }
}
