package com.governancemetrics.metrics;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.grouping;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import com.governancemetrics.input.InputDataset;
import com.governancemetrics.periods.Period;
import com.governancemetrics.spark.SparkCompat;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * The single pass over one dataset's accepted rows: every row is attached to the evaluation periods
 * whose window contains it, then ONE aggregation with GROUPING SETS over province ⊃ city ⊃ county ⊃
 * township computes every metric of the dataset at all four levels at once (each metric kind adds
 * its aggregate columns to that one aggregation, so a new metric adds columns, never a scan).
 *
 * <p>The result is long form: one row per evaluation period, level, unit and metric with numerator,
 * denominator and value (SPEC §2 null rules already applied), plus {@code present}: how many of the
 * unit's townships have a row in the completeness window, and {@code data_year} for annual metrics.
 */
public final class MetricRunner {

  /** Columns of the long rows every runner returns. */
  public static final List<String> OUTPUT = List.of("eval_period", "level", "unit_code",
      "metric_id", "numerator", "denominator", "value", "present", "data_year");

  static final String E = "eval_period";
  static final String KEY = "group_key";

  private MetricRunner() {}

  public static Dataset<Row> run(InputDataset dataset, Dataset<Row> accepted,
      List<MetricDefinition> metrics, MetricCatalogue catalogue, EvaluationPeriods periods) {
    if (metrics.isEmpty()) {
      throw new IllegalArgumentException("no metric of " + dataset + " to compute");
    }
    Context ctx = new Context(catalogue);
    Dataset<Row> rows = attachPeriods(dataset, withHierarchy(accepted), metrics, ctx, periods);

    List<Column> aggregates = new ArrayList<>();
    for (int i = 0; i < metrics.size(); i++) {
      MetricDefinition m = metrics.get(i);
      aggregates.addAll(m.kind().aggregates(prefix(i), m.window(), ctx));
    }
    aggregates.add(presentAggregate(dataset).as("present"));
    aggregates.add(lit(3).minus(grouping(col("township"))).minus(grouping(col("county")))
        .minus(grouping(col("city"))).as("level"));

    List<Column> keys = List.of(col(KEY), col("province"), col("city"), col("county"),
        col("township"));
    List<List<Column>> sets = List.of(keys.subList(0, 2), keys.subList(0, 3), keys.subList(0, 4),
        keys);
    Dataset<Row> aggregated = SparkCompat.groupingSets(rows, sets, keys, aggregates)
        .withColumn("unit_code",
            coalesce(col("township"), col("county"), col("city"), col("province")));

    Dataset<Row> byPeriod;
    if (dataset == InputDataset.COLLECTIVE_INCOME) {
      byPeriod = annualToPeriods(aggregated, periods);
    } else {
      byPeriod = aggregated.withColumnRenamed(KEY, E)
          .withColumn("data_year", lit(null).cast(DataTypes.IntegerType));
    }

    List<Column> longRows = new ArrayList<>();
    for (int i = 0; i < metrics.size(); i++) {
      MetricKind kind = metrics.get(i).kind();
      String p = prefix(i);
      longRows.add(struct(lit(metrics.get(i).id()).as("metric_id"),
          kind.numerator(p).as("numerator"), kind.denominator(p).as("denominator"),
          kind.value(p).as("value")));
    }
    return byPeriod
        .select(col(E), col("level"), col("unit_code"), col("present"), col("data_year"),
            explode(array(longRows.toArray(Column[]::new))).as("m"))
        .select(col(E), col("level"), col("unit_code"), col("m.metric_id").as("metric_id"),
            col("m.numerator").as("numerator"), col("m.denominator").as("denominator"),
            col("m.value").as("value"), col("present"), col("data_year"));
  }

  private static String prefix(int i) {
    return "m" + i + "_";
  }

  /** A code's prefix is its parent's code (SPEC §0), so the hierarchy needs no join. */
  private static Dataset<Row> withHierarchy(Dataset<Row> accepted) {
    Column t = col("township_code");
    return accepted
        .withColumn("province", substring(t, 1, 2))
        .withColumn("city", substring(t, 1, 4))
        .withColumn("county", substring(t, 1, 6))
        .withColumn("township", t);
  }

  /**
   * Attaches each row to the evaluation periods that read it, as {@link #KEY}: stock rows to their
   * own period; with a ytd metric, a row of month p to every evaluated E of the same year with
   * E ≥ p ({@code in_stock} marks E = p); collective_income rows keep their year (the year used is
   * chosen after aggregating); a case to every E it counts for as of that E's D.
   */
  private static Dataset<Row> attachPeriods(InputDataset dataset, Dataset<Row> rows,
      List<MetricDefinition> metrics, Context ctx, EvaluationPeriods periods) {
    Set<MetricWindow> windows = metrics.stream().map(MetricDefinition::window)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(MetricWindow.class)));
    switch (dataset) {
      case GRID_COVERAGE:
      case SERVICE_APPEALS: {
        List<String> all = periods.all().stream().map(Period::toString).toList();
        if (!windows.contains(MetricWindow.YTD)) {
          return rows.filter(col("period").isin(all.toArray()))
              .withColumn(KEY, col("period"))
              .withColumn("in_stock", lit(true));
        }
        String literals = all.stream().map(p -> "'" + p + "'").collect(Collectors.joining(", "));
        return rows
            .withColumn(KEY, explode(expr("filter(array(" + literals + "), e -> e >= period AND "
                + "substring(e, 1, 4) = substring(period, 1, 4))")))
            .withColumn("in_stock", col(KEY).equalTo(col("period")));
      }
      case COLLECTIVE_INCOME:
        return rows.filter(col("year").leq(lit(periods.latestYear())))
            .withColumn(KEY, col("year"));
      case RECTIFICATION_CASES: {
        // Every case once per evaluated period, judged as of that period's last day: a small
        // literal table of the periods, no join.
        String asOf = periods.all().stream()
            .map(p -> "named_struct('" + KEY + "', '" + p + "', 'year_start', DATE'" + p.yearStart()
                + "', 'as_of_date', DATE'" + p.lastDay() + "')")
            .collect(Collectors.joining(", "));
        Dataset<Row> judged = rows.select(col("*"), expr("inline(array(" + asOf + "))"));
        Column relevant = lit(false);
        for (MetricDefinition m : metrics) {
          relevant = relevant.or(m.kind().relevant(ctx));
        }
        return judged.filter(coalesce(relevant, lit(false)));
      }
      default:
        throw new IllegalArgumentException("no metrics are computed from " + dataset);
    }
  }

  /**
   * Completeness numerator: townships with a row in the completeness window (SPEC §2): the period
   * itself for monthly datasets (one row per township and period after ingestion), the year for
   * collective_income (distinct townships among the villages); none for cases.
   */
  private static Column presentAggregate(InputDataset dataset) {
    return switch (dataset) {
      case GRID_COVERAGE, SERVICE_APPEALS -> count(when(col("in_stock"), lit(1)));
      case COLLECTIVE_INCOME -> size(collect_set(col("township"))).cast(DataTypes.LongType);
      default -> lit(null).cast(DataTypes.LongType);
    };
  }

  /**
   * SPEC §2 annual: each evaluation period reads the one collective_income year used for its year
   * ({@link IncomeYears}, given with the periods); units that did not deliver that year have no row
   * here and so null values. Works on the small aggregated rows, with no second scan.
   */
  private static Dataset<Row> annualToPeriods(Dataset<Row> aggregated, EvaluationPeriods periods) {
    String used = periods.all().stream()
        .filter(p -> periods.incomeYearUsed().get(p.year()) != null)
        .map(p -> "named_struct('e', '" + p + "', 'y', " + periods.incomeYearUsed().get(p.year()) + ")")
        .collect(Collectors.joining(", "));
    if (used.isEmpty()) {
      return aggregated.withColumn(E, lit(null).cast(DataTypes.StringType)).filter(lit(false))
          .withColumn("data_year", col(KEY));
    }
    return aggregated
        .withColumn(E, explode(expr("transform(filter(array(" + used + "), x -> x.y = " + KEY
            + "), x -> x.e)")))
        .withColumn("data_year", col(KEY));
  }

  /** The rows as metric kinds see them; thresholds resolved per province by the row's code. */
  private static final class Context implements RowContext {
    private final MetricCatalogue catalogue;

    Context(MetricCatalogue catalogue) {
      this.catalogue = catalogue;
    }

    @Override
    public Column inWindow(MetricWindow window) {
      return window == MetricWindow.STOCK ? col("in_stock") : lit(true);
    }

    @Override
    public Column holds(Condition condition) {
      Column all = lit(true);
      for (Comparison c : condition.comparisons()) {
        all = all.and(compare(col(c.column()), c.operator(), threshold(c)));
      }
      for (AsOfPredicate p : condition.predicates()) {
        all = all.and(coalesce(predicate(p), lit(false)));
      }
      return all;
    }

    @Override
    public Column caseTypeIn(List<String> caseTypes) {
      return col("case_type").isin(caseTypes.toArray());
    }

    private Column threshold(Comparison c) {
      if (c.literal() != null) {
        return lit(c.literal());
      }
      BigDecimal fallback = catalogue.thresholds().get(c.thresholdName());
      Map<String, BigDecimal> own = catalogue.thresholdOverrides(c.thresholdName());
      if (own.isEmpty()) {
        return lit(fallback);
      }
      Column chosen = null;
      for (Map.Entry<String, BigDecimal> e : own.entrySet()) {
        Column branch = col("province").equalTo(lit(e.getKey()));
        chosen = chosen == null ? when(branch, lit(e.getValue()))
            : chosen.when(branch, lit(e.getValue()));
      }
      return chosen.otherwise(lit(fallback));
    }

    private static Column compare(Column value, Comparison.Operator op, Column bound) {
      return switch (op) {
        case AT_LEAST -> value.geq(bound);
        case AT_MOST -> value.leq(bound);
        case ABOVE -> value.gt(bound);
        case BELOW -> value.lt(bound);
        case EQUAL -> value.equalTo(bound);
      };
    }

    private static Column predicate(AsOfPredicate p) {
      Column d = col("as_of_date");
      Column start = col("year_start");
      Column identified = col("identified_date");
      Column rectified = col("rectified_date");
      return switch (p) {
        case IDENTIFIED_YTD -> identified.geq(start).and(identified.leq(d));
        case RECTIFIED_YTD -> rectified.geq(start).and(rectified.leq(d));
        case RECTIFIED_BY_D -> rectified.leq(d);
        case OVERDUE -> col("deadline_date").lt(d).and(rectified.isNull().or(rectified.gt(d)));
        case ON_TIME -> rectified.leq(col("deadline_date"));
      };
    }
  }
}
