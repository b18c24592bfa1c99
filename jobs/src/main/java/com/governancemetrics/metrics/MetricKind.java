package com.governancemetrics.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/**
 * How a metric is computed, Deequ style: a kind contributes aggregate columns (named with the
 * metric's prefix) to the one aggregation of its dataset, then turns them into numerator, denominator
 * and value. The null rules are SPEC §2 ("How values roll up"); every aggregate sees only the rows of
 * its window, so a unit with no rows in the window gets null sums and so a null value.
 */
public sealed interface MetricKind {

  /** The kind's name in the configuration. */
  String configName();

  /** The dataset columns the kind reads (checked against the contract when the config is loaded). */
  List<String> columns();

  /** The aggregate expressions, each aliased {@code prefix + name}. */
  List<Column> aggregates(String prefix, MetricWindow window, RowContext rows);

  /** The numerator (double) from the aggregated columns; by default the {@code num} aggregate. */
  default Column numerator(String prefix) {
    return asDouble(prefix + "num");
  }

  /**
   * The denominator (double, null for counts and medians); by default the {@code den} aggregate.
   */
  default Column denominator(String prefix) {
    return asDouble(prefix + "den");
  }

  /**
   * The value (double; null for a zero denominator, never NaN); by default numerator / denominator.
   */
  default Column value(String prefix) {
    return ratio(numerator(prefix), denominator(prefix));
  }

  /**
   * Numerator, denominator and value of a unit in scope that has no row at all in the aggregation:
   * null for data metrics (no rows: null), but for case metrics no cases is a valid report: counts
   * 0, ratios 0/0 with a null value (SPEC §2).
   */
  default Double[] absent() {
    return new Double[] {null, null, null};
  }

  /** Rows that matter to this metric (case kinds: used to drop cases no metric counts). */
  default Column relevant(RowContext rows) {
    return lit(true);
  }

  private static Column ratio(Column numerator, Column denominator) {
    return when(denominator.notEqual(lit(0.0)), numerator.divide(denominator));
  }

  private static Column asDouble(String name) {
    return col(name).cast(DataTypes.DoubleType);
  }

  private static Column oneIf(Column condition) {
    return when(condition, lit(1L)).otherwise(lit(0L));
  }

  /** Σnumerator / Σdenominator of two numeric columns. */
  record Ratio(String numeratorColumn, String denominatorColumn) implements MetricKind {
    public Ratio {
      Objects.requireNonNull(numeratorColumn);
      Objects.requireNonNull(denominatorColumn);
    }

    @Override
    public String configName() {
      return "ratio";
    }

    @Override
    public List<String> columns() {
      return List.of(numeratorColumn, denominatorColumn);
    }

    @Override
    public List<Column> aggregates(String p, MetricWindow w, RowContext rows) {
      Column in = rows.inWindow(w);
      return List.of(sum(when(in, col(numeratorColumn))).as(p + "num"),
          sum(when(in, col(denominatorColumn))).as(p + "den"));
    }
  }

  /** #rows meeting {@code filter} among the rows meeting {@code among} / #rows meeting {@code among}. */
  record Share(Condition filter, Condition among) implements MetricKind {
    public Share {
      Objects.requireNonNull(filter);
      Objects.requireNonNull(among);
    }

    @Override
    public String configName() {
      return "share";
    }

    @Override
    public List<String> columns() {
      return filter.and(among).comparisons().stream().map(Comparison::column).distinct().toList();
    }

    @Override
    public List<Column> aggregates(String p, MetricWindow w, RowContext rows) {
      Column in = rows.inWindow(w);
      Column base = rows.holds(among);
      return List.of(sum(when(in, oneIf(base.and(rows.holds(filter))))).as(p + "num"),
          sum(when(in, oneIf(base))).as(p + "den"));
    }
  }

  /** #rows meeting {@code filter}; 0 for a unit with rows of which none qualifies. */
  record FilteredCount(Condition filter) implements MetricKind {
    public FilteredCount {
      Objects.requireNonNull(filter);
    }

    @Override
    public String configName() {
      return "count";
    }

    @Override
    public List<String> columns() {
      return filter.comparisons().stream().map(Comparison::column).distinct().toList();
    }

    @Override
    public List<Column> aggregates(String p, MetricWindow w, RowContext rows) {
      return List.of(sum(when(rows.inWindow(w), oneIf(rows.holds(filter)))).as(p + "num"));
    }

    @Override
    public Column denominator(String p) {
      return lit(null).cast(DataTypes.DoubleType);
    }

    @Override
    public Column value(String p) {
      return numerator(p);
    }
  }

  /**
   * The exact median of a numeric column over the base rows of the unit, at every level. The values
   * are taken as whole multiples of 10^-scale (cents for yuan) so that Spark's exact percentile only
   * ever interpolates halfway between two integers, which a double holds exactly; the division back
   * to yuan is done in decimal: two middle values 17901.22 and 17901.23 give 17901.225 (SPEC §2).
   *
   * @param scale the column's decimal places (2 for yuan, 0 for integer columns)
   */
  record Median(String column, int scale) implements MetricKind {
    public Median {
      Objects.requireNonNull(column);
      if (scale < 0 || scale > 6) {
        throw new IllegalArgumentException("median scale must be 0..6, got " + scale);
      }
    }

    @Override
    public String configName() {
      return "median";
    }

    @Override
    public List<String> columns() {
      return List.of(column);
    }

    @Override
    public List<Column> aggregates(String p, MetricWindow w, RowContext rows) {
      Column units = col(column).multiply(lit(BigDecimal.TEN.pow(scale))).cast(DataTypes.LongType);
      return List.of(percentile(when(rows.inWindow(w), units), lit(0.5)).as(p + "median"));
    }

    @Override
    public Column numerator(String p) {
      return lit(null).cast(DataTypes.DoubleType);
    }

    @Override
    public Column denominator(String p) {
      return lit(null).cast(DataTypes.DoubleType);
    }

    @Override
    public Column value(String p) {
      // percentile of integers is k or k + 0.5 exactly: one decimal holds it.
      return col(p + "median").cast(DataTypes.createDecimalType(22, 1))
          .divide(lit(BigDecimal.TEN.pow(scale)))
          .cast(DataTypes.DoubleType);
    }
  }

  /** #cases of the given types meeting {@code filter} as of D; a unit without cases counts 0. */
  record CaseCount(List<String> caseTypes, Condition filter) implements MetricKind {
    public CaseCount {
      caseTypes = List.copyOf(caseTypes);
      Objects.requireNonNull(filter);
    }

    @Override
    public String configName() {
      return "case_count";
    }

    @Override
    public List<String> columns() {
      return List.of();
    }

    @Override
    public List<Column> aggregates(String p, MetricWindow w, RowContext rows) {
      return List.of(count(when(relevant(rows).and(rows.inWindow(w)), lit(1))).as(p + "num"));
    }

    @Override
    public Column relevant(RowContext rows) {
      return rows.caseTypeIn(caseTypes).and(rows.holds(filter));
    }

    @Override
    public Column denominator(String p) {
      return lit(null).cast(DataTypes.DoubleType);
    }

    @Override
    public Column value(String p) {
      return numerator(p);
    }

    @Override
    public Double[] absent() {
      return new Double[] {0.0, null, 0.0};
    }
  }

  /**
   * #cases meeting {@code among} and {@code filter} / #cases meeting {@code among}, as of D; a unit
   * without cases has 0/0 and a null value.
   */
  record CaseRatio(List<String> caseTypes, Condition among, Condition filter) implements MetricKind {
    public CaseRatio {
      caseTypes = List.copyOf(caseTypes);
      Objects.requireNonNull(among);
      Objects.requireNonNull(filter);
    }

    @Override
    public String configName() {
      return "case_ratio";
    }

    @Override
    public List<String> columns() {
      return List.of();
    }

    @Override
    public List<Column> aggregates(String p, MetricWindow w, RowContext rows) {
      Column base = relevant(rows).and(rows.inWindow(w));
      return List.of(count(when(base.and(rows.holds(filter)), lit(1))).as(p + "num"),
          count(when(base, lit(1))).as(p + "den"));
    }

    @Override
    public Column relevant(RowContext rows) {
      return rows.caseTypeIn(caseTypes).and(rows.holds(among));
    }

    @Override
    public Double[] absent() {
      return new Double[] {0.0, 0.0, null};
    }
  }
}
