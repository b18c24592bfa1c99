package com.governancemetrics.rollup;

import com.governancemetrics.metrics.AnomalyRules;
import com.governancemetrics.metrics.EvaluationPeriods;
import com.governancemetrics.periods.Period;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeSet;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One province, every metric and every evaluated period, in memory: fills the units without rows,
 * ranks (SPEC §2, Ranks and comparisons), looks up P-1 and P-12 by month and judges each value with
 * its metric's anomaly rules ({@link AnomalyJudge}), so the long rows are
 * shuffled once (grouped by province) instead of sorted once per window. All rows of a province
 * come out of one group, so each table's rows of a province are written by one task (the exports
 * read them province by province).
 *
 * <p>A group receives, as {@link #INPUT} rows: the aggregated rows of its province at levels 1–3 and
 * of every province at level 0 ({@code value}); and one {@code seed} per province with data (SPEC §2:
 * only provinces with at least one accepted row get rows; the seeds also fill the provinces absent
 * from the national ranking); and its units' published values of earlier periods ({@code history},
 * {@link PublishedHistory}). The province's registry units come from a broadcast variable. It
 * returns the rows of the requested periods for its own province at the four levels.
 */
final class ProvinceMetricRanking implements FlatMapGroupsFunction<String, Row, Row> {

  static final String VALUE = "value";
  static final String SEED = "seed";
  /** A unit's value as published for an earlier period ({@link PublishedHistory}). */
  static final String HISTORY = "history";

  /** The rows grouped by {@code group_key}, a province code. */
  static final StructType INPUT = new StructType()
      .add("group_key", DataTypes.StringType, false)
      .add("row_kind", DataTypes.StringType, false)
      .add("eval_period", DataTypes.StringType, true)
      .add("level", DataTypes.IntegerType, true)
      .add("unit_code", DataTypes.StringType, true)
      .add("metric_id", DataTypes.StringType, true)
      .add("numerator", DataTypes.DoubleType, true)
      .add("denominator", DataTypes.DoubleType, true)
      .add("value", DataTypes.DoubleType, true)
      .add("present", DataTypes.LongType, true)
      .add("data_year", DataTypes.IntegerType, true);

  /** The rows returned: one per requested period, unit of the province (four levels) and metric. */
  static final StructType OUTPUT = new StructType()
      .add("month_idx", DataTypes.IntegerType, false)
      .add("level", DataTypes.IntegerType, false)
      .add("unit_code", DataTypes.StringType, false)
      .add("province_code", DataTypes.StringType, false)
      .add("metric_id", DataTypes.StringType, false)
      .add("data_year", DataTypes.IntegerType, true)
      .add("year_seen", DataTypes.IntegerType, true)
      .add("numerator", DataTypes.DoubleType, true)
      .add("denominator", DataTypes.DoubleType, true)
      .add("value", DataTypes.DoubleType, true)
      .add("completeness", DataTypes.DoubleType, true)
      .add("province_value", DataTypes.DoubleType, true)
      .add("rank_own", DataTypes.IntegerType, true)
      .add("ranked_own", DataTypes.IntegerType, true)
      .add("rank_in_city", DataTypes.IntegerType, true)
      .add("prev_value", DataTypes.DoubleType, true)
      .add("prev_rank", DataTypes.IntegerType, true)
      .add("yoy_value", DataTypes.DoubleType, true)
      .add("rank_change", DataTypes.IntegerType, true)
      .add("anomaly_reason", DataTypes.StringType, true);

  /** How a metric ranks and what a unit without rows shows. */
  record MetricRule(boolean ranked, boolean higher, boolean hasCompleteness, Double absentNumerator,
      Double absentDenominator, Double absentValue) implements Serializable {}

  private final List<String> metricIds;
  private final Map<String, MetricRule> rules;
  private final Map<String, AnomalyJudge> judges;
  private final String[] periods;
  private final int[] monthIdx;
  private final boolean[] requested;
  /** The index of each requested period, by month index. */
  private final HashMap<Integer, Integer> requestedByMonth = new HashMap<>();
  private final Broadcast<HashMap<String, ArrayList<RegistryUnits.Unit>>> units;

  /**
   * @param metricIds every metric, in catalogue order (the order of the rows returned)
   * @param rules per metric id
   * @param judges the anomaly rules of each metric id
   * @param periods the evaluated periods (requested, P-1, P-12), sorted, with their month index and
   *     whether each is requested
   * @param units the registry units of each province
   */
  ProvinceMetricRanking(List<String> metricIds, Map<String, MetricRule> rules,
      Map<String, AnomalyJudge> judges, List<String> periods, List<Integer> monthIdx,
      List<Boolean> requested, Broadcast<HashMap<String, ArrayList<RegistryUnits.Unit>>> units) {
    this.metricIds = List.copyOf(metricIds);
    this.rules = new HashMap<>(rules);
    this.judges = new HashMap<>(judges);
    this.periods = periods.toArray(String[]::new);
    this.monthIdx = monthIdx.stream().mapToInt(Integer::intValue).toArray();
    this.requested = new boolean[requested.size()];
    for (int i = 0; i < this.requested.length; i++) {
      this.requested[i] = requested.get(i);
    }
    this.units = units;
    for (int t = 0; t < this.requested.length; t++) {
      if (this.requested[t]) {
        requestedByMonth.put(this.monthIdx[t], t);
      }
    }
  }

  /** A unit of the province (level 0 is the province itself). */
  private record Unit(int level, String code, String city, String ownGroup, long townships) {}

  /** An aggregated row of a unit in one period. */
  private record Aggregated(Double numerator, Double denominator, Double value, Long present,
      Integer dataYear) {}

  @Override
  public Iterator<Row> call(String province, Iterator<Row> rows) {
    int periodCount = periods.length;
    Map<String, Integer> periodIndex = new HashMap<>();
    for (int t = 0; t < periodCount; t++) {
      periodIndex.put(periods[t], t);
    }
    TreeSet<String> withData = new TreeSet<>();
    Map<String, Map<String, Aggregated[]>> byMetric = new HashMap<>();
    Map<String, Map<String, Map<Integer, Double>>> published = new HashMap<>();
    while (rows.hasNext()) {
      Row r = rows.next();
      if (SEED.equals(r.getString(1))) {
        withData.add(r.getString(4));
        continue;
      }
      if (HISTORY.equals(r.getString(1))) {
        if (!r.isNullAt(8)) {
          published.computeIfAbsent(r.getString(5), m -> new HashMap<>())
              .computeIfAbsent(r.getInt(3) + "|" + r.getString(4), u -> new HashMap<>())
              .put(EvaluationPeriods.monthIndex(Period.parse(r.getString(2))), r.getDouble(8));
        }
        continue;
      }
      Integer t = periodIndex.get(r.getString(2));
      if (t != null) {
        byMetric.computeIfAbsent(r.getString(5), m -> new HashMap<>())
            .computeIfAbsent(r.getString(4), c -> new Aggregated[periodCount])[t] =
            new Aggregated(nullableDouble(r, 6), nullableDouble(r, 7), nullableDouble(r, 8),
                r.isNullAt(9) ? null : r.getLong(9), r.isNullAt(10) ? null : r.getInt(10));
      }
    }
    if (!withData.contains(province)) {
      return Collections.emptyIterator();
    }
    List<Unit> provinceUnits = new ArrayList<>();
    for (RegistryUnits.Unit u : units.value().getOrDefault(province, new ArrayList<>())) {
      provinceUnits.add(new Unit(u.level(), u.code(), u.cityCode(), u.ownGroup(),
          u.registryTownships()));
    }
    provinceUnits.sort((a, b) -> a.level() != b.level() ? Integer.compare(a.level(), b.level())
        : a.code().compareTo(b.code()));
    // One metric's rows at a time, each metric's input released once ranked: a backfill's province
    // holds 12 periods × 17 metrics × its units, too many rows to keep at once in a small heap.
    return new Iterator<>() {
      private int next;
      private Iterator<Row> current = Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && next < metricIds.size()) {
          String metric = metricIds.get(next++);
          Map<String, Aggregated[]> ofMetric = byMetric.remove(metric);
          Map<String, Map<Integer, Double>> publishedOfMetric = published.remove(metric);
          List<Row> out = new ArrayList<>();
          rankMetric(province, metric, rules.get(metric), judges.get(metric), withData,
              provinceUnits, ofMetric == null ? Map.of() : ofMetric,
              publishedOfMetric == null ? Map.of() : publishedOfMetric, out);
          current = out.iterator();
        }
        return current.hasNext();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
  }

  /**
   * One metric of the province: fills, ranks, compares and judges its units, adding their rows to
   * out.
   *
   * @param published the units' published values of earlier periods, by "level|code" and month index
   */
  private void rankMetric(String province, String metric, MetricRule rule, AnomalyJudge judge,
      TreeSet<String> withData, List<Unit> units, Map<String, Aggregated[]> aggregated,
      Map<String, Map<Integer, Double>> published, List<Row> out) {
    int periodCount = periods.length;
    Map<Integer, Integer> byMonth = new HashMap<>();
    for (int t = 0; t < periodCount; t++) {
      byMonth.put(monthIdx[t], t);
    }
    // The national ranking of the provinces with data (their own rows, or the absent values).
    List<String> provinces = new ArrayList<>(withData);
    Double[][] nationalValues = new Double[periodCount][provinces.size()];
    Integer[] yearSeen = new Integer[periodCount];
    for (int p = 0; p < provinces.size(); p++) {
      Aggregated[] own = aggregated.get(provinces.get(p));
      for (int t = 0; t < periodCount; t++) {
        Aggregated a = own == null ? null : own[t];
        nationalValues[t][p] = a == null ? rule.absentValue() : a.value();
        if (a != null && a.dataYear() != null
            && (yearSeen[t] == null || a.dataYear() > yearSeen[t])) {
          yearSeen[t] = a.dataYear();
        }
      }
    }
    int self = provinces.indexOf(province);
    Integer[] nationalRank = new Integer[periodCount];
    Integer[] nationalRanked = new Integer[periodCount];
    for (int t = 0; t < periodCount; t++) {
      if (rule.ranked()) {
        nationalRank[t] = ranks(nationalValues[t], rule.higher())[self];
        nationalRanked[t] = countNonNull(nationalValues[t]);
      }
    }

    // The province's own units, filled, then ranked in their groups.
    int n = units.size();
    Double[][] value = new Double[periodCount][n];
    Integer[][] rankOwn = new Integer[periodCount][n];
    Integer[][] rankedOwn = new Integer[periodCount][n];
    Integer[][] rankInCity = new Integer[periodCount][n];
    Map<String, List<Integer>> ownGroups = new LinkedHashMap<>();
    Map<String, List<Integer>> cityGroups = new LinkedHashMap<>();
    int provinceUnit = -1;
    for (int u = 0; u < n; u++) {
      Unit unit = units.get(u);
      if (unit.level() == 0) {
        provinceUnit = u;
        continue;
      }
      ownGroups.computeIfAbsent(unit.level() + "|" + unit.ownGroup(), g -> new ArrayList<>()).add(u);
      if (unit.level() == 2) {
        cityGroups.computeIfAbsent(unit.city(), g -> new ArrayList<>()).add(u);
      }
    }
    for (int u = 0; u < n; u++) {
      Aggregated[] own = aggregated.get(units.get(u).code());
      for (int t = 0; t < periodCount; t++) {
        Aggregated a = own == null ? null : own[t];
        value[t][u] = a == null ? rule.absentValue() : a.value();
      }
    }
    for (int t = 0; t < periodCount; t++) {
      if (!rule.ranked()) {
        break;
      }
      for (List<Integer> group : ownGroups.values()) {
        Integer[] r = ranks(pick(value[t], group), rule.higher());
        int ranked = countNonNull(pick(value[t], group));
        for (int i = 0; i < group.size(); i++) {
          rankOwn[t][group.get(i)] = r[i];
          rankedOwn[t][group.get(i)] = ranked;
        }
      }
      for (List<Integer> group : cityGroups.values()) {
        Integer[] r = ranks(pick(value[t], group), rule.higher());
        for (int i = 0; i < group.size(); i++) {
          rankInCity[t][group.get(i)] = r[i];
        }
      }
      if (provinceUnit >= 0) {
        rankOwn[t][provinceUnit] = nationalRank[t];
        rankedOwn[t][provinceUnit] = nationalRanked[t];
      }
    }

    for (int t = 0; t < periodCount; t++) {
      if (!requested[t]) {
        continue;
      }
      Integer prev = byMonth.get(monthIdx[t] - 1);
      Integer yoy = byMonth.get(monthIdx[t] - 12);
      Double provinceValue = provinceUnit >= 0 ? value[t][provinceUnit] : null;
      Double[] levelSpread = judge.needsSpread() ? levelSpreads(judge, value[t], units,
          nationalValues[t]) : new Double[4];
      for (int u = 0; u < n; u++) {
        Unit unit = units.get(u);
        Aggregated[] own = aggregated.get(unit.code());
        Aggregated a = own == null ? null : own[t];
        Double numerator = a == null ? rule.absentNumerator() : a.numerator();
        Double denominator = a == null ? rule.absentDenominator() : a.denominator();
        Double completeness = null;
        if (rule.hasCompleteness()) {
          long present = a == null || a.present() == null ? 0L : a.present();
          completeness = (double) present / (double) unit.townships();
        }
        Integer prevRank = prev == null ? null : rankOwn[prev][u];
        Integer rank = rankOwn[t][u];
        Aggregated p = prev == null || own == null ? null : own[prev];
        String anomaly = judge.reasons(unit.level(), value[t][u],
            prev == null ? null : value[prev][u],
            judge.needsHistory() ? history(t, u, unit, value, published) : new double[0],
            a == null ? null : a.denominator(), p == null ? null : p.denominator(),
            a == null ? null : a.present(), p == null ? null : p.present(),
            levelSpread[unit.level()]);
        out.add(RowFactory.create(monthIdx[t], unit.level(), unit.code(), province, metric,
            a == null ? null : a.dataYear(), yearSeen[t], numerator, denominator, value[t][u],
            completeness, provinceValue, rank, rankedOwn[t][u], rankInCity[t][u],
            prev == null ? null : value[prev][u], prevRank, yoy == null ? null : value[yoy][u],
            prevRank == null || rank == null ? null : prevRank - rank, anomaly));
      }
    }
  }

  /**
   * The unit's values of P-12 … P-1 of requested period {@code t} that have one: of a period the run
   * publishes itself, its value in this run; of any other, the published one (issue 14: so that a
   * backfill and a nightly judge against the same values).
   */
  private double[] history(int t, int u, Unit unit, Double[][] value,
      Map<String, Map<Integer, Double>> published) {
    Map<Integer, Double> own = published.isEmpty() ? Map.of()
        : published.getOrDefault(unit.level() + "|" + unit.code(), Map.of());
    double[] found = new double[AnomalyRules.HISTORY_PERIODS];
    int n = 0;
    for (int k = 1; k <= AnomalyRules.HISTORY_PERIODS; k++) {
      int month = monthIdx[t] - k;
      Integer inRun = requestedByMonth.get(month);
      Double v = inRun != null ? value[inRun][u] : own.get(month);
      if (v != null) {
        found[n++] = v;
      }
    }
    return Arrays.copyOf(found, n);
  }

  /**
   * The spread of each level's values ({@link AnomalyJudge#spread}), by depth: the province's units
   * of levels 1–3, and for level 0 the provinces of the national ranking.
   */
  private static Double[] levelSpreads(AnomalyJudge judge, Double[] values, List<Unit> units,
      Double[] national) {
    Double[] spreads = new Double[4];
    spreads[0] = judge.spread(national);
    for (int level = 1; level <= 3; level++) {
      List<Double> ofLevel = new ArrayList<>();
      for (int u = 0; u < units.size(); u++) {
        if (units.get(u).level() == level) {
          ofLevel.add(values[u]);
        }
      }
      spreads[level] = judge.spread(ofLevel.toArray(Double[]::new));
    }
    return spreads;
  }

  /**
   * Standard competition ranking (1, 2, 2, 4) of the non-null values, largest first when
   * {@code higher}; null values get no rank. Equal means {@code ==}, as Spark compares doubles.
   */
  static Integer[] ranks(Double[] values, boolean higher) {
    Integer[] order = new Integer[values.length];
    int m = 0;
    for (int i = 0; i < values.length; i++) {
      if (values[i] != null) {
        order[m++] = i;
      }
    }
    Integer[] present = Arrays.copyOf(order, m);
    Arrays.sort(present, (a, b) -> higher ? Double.compare(values[b], values[a])
        : Double.compare(values[a], values[b]));
    Integer[] rank = new Integer[values.length];
    for (int k = 0; k < m; k++) {
      int i = present[k];
      boolean tie = k > 0 && values[present[k - 1]].doubleValue() == values[i].doubleValue();
      rank[i] = tie ? rank[present[k - 1]] : k + 1;
    }
    return rank;
  }

  private static Double[] pick(Double[] values, List<Integer> indexes) {
    Double[] picked = new Double[indexes.size()];
    for (int i = 0; i < picked.length; i++) {
      picked[i] = values[indexes.get(i)];
    }
    return picked;
  }

  private static int countNonNull(Double[] values) {
    int count = 0;
    for (Double v : values) {
      if (v != null) {
        count++;
      }
    }
    return count;
  }

  private static Double nullableDouble(Row r, int i) {
    return r.isNullAt(i) ? null : r.getDouble(i);
  }
}
