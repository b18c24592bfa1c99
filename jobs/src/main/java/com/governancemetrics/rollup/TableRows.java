package com.governancemetrics.rollup;

import com.governancemetrics.metrics.Direction;
import com.governancemetrics.metrics.EvaluationPeriods;
import com.governancemetrics.metrics.MetricCatalogue;
import com.governancemetrics.metrics.MetricDefinition;
import com.governancemetrics.metrics.MetricWindow;
import com.governancemetrics.metrics.Target;
import com.governancemetrics.periods.Period;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One level's table rows (SPEC §3, {@link Level#columns()}) from the ranked rows of that level
 * ({@link ProvinceMetricRanking#OUTPUT}): the unit's names, each province's target, meets_target,
 * data_period, low_completeness and the anomaly flag with its reason, looked up in memory (the units from a broadcast variable, the
 * rest small), so the four tables are written without a join.
 */
final class TableRows implements MapPartitionsFunction<Row, Row> {

  /** How a metric is shown: its window, direction and default target. */
  private record MetricInfo(MetricWindow window, Direction direction, Target target)
      implements Serializable {}

  /** An evaluated period's labels and the collective_income year used for it. */
  private record PeriodInfo(String period, String ytdLabel, String asOfLabel, Integer yearUsed)
      implements Serializable {}

  private final Level level;
  private final Broadcast<HashMap<String, RegistryUnits.Unit>> units;
  private final HashMap<String, MetricInfo> metrics = new HashMap<>();
  private final HashMap<String, Target> overrides = new HashMap<>();
  private final HashMap<Integer, PeriodInfo> periods = new HashMap<>();
  private final double completenessMinimum;

  TableRows(Level level, Broadcast<HashMap<String, RegistryUnits.Unit>> units,
      MetricCatalogue catalogue, EvaluationPeriods evaluated, double completenessMinimum) {
    this.level = level;
    this.units = units;
    for (MetricDefinition m : catalogue.metrics()) {
      metrics.put(m.id(), new MetricInfo(m.window(), m.direction(), m.target().orElse(null)));
    }
    catalogue.provinces().forEach((code, o) ->
        o.targets().forEach((metric, target) -> overrides.put(code + "|" + metric, target)));
    for (Period p : evaluated.all()) {
      periods.put(EvaluationPeriods.monthIndex(p), new PeriodInfo(p.toString(),
          MetricWindow.YTD.label(p), MetricWindow.AS_OF.label(p),
          evaluated.incomeYearUsed().get(p.year())));
    }
    this.completenessMinimum = completenessMinimum;
  }

  /** The units by "level|code", for {@link #units}. */
  static HashMap<String, RegistryUnits.Unit> byLevelAndCode(List<RegistryUnits.Unit> units) {
    HashMap<String, RegistryUnits.Unit> byKey = new HashMap<>();
    units.forEach(u -> byKey.put(u.level() + "|" + u.code(), u));
    return byKey;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> ranked) {
    List<String> columns = level.columns();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return ranked.hasNext();
      }

      @Override
      public Row next() {
        Row r = ranked.next();
        RowLookups lookups = lookups(r);
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = value(columns.get(i), r, lookups);
        }
        return RowFactory.create(values);
      }
    };
  }

  /** What every column of a ranked row's table row is looked up from: found once per row. */
  private record RowLookups(String metric, MetricInfo info, PeriodInfo period,
      RegistryUnits.Unit unit, Target target, Double value) {}

  private RowLookups lookups(Row r) {
    String metric = r.getString(4);
    MetricInfo info = metrics.get(metric);
    return new RowLookups(metric, info, periods.get(r.getInt(0)),
        units.value().get(r.getInt(1) + "|" + r.getString(2)),
        overrides.getOrDefault(r.getString(3) + "|" + metric, info.target()), doubleOrNull(r, 9));
  }

  /** One column of a table row from a ranked row (columns of {@link ProvinceMetricRanking#OUTPUT}). */
  private Object value(String column, Row r, RowLookups c) {
    String metric = c.metric();
    MetricInfo info = c.info();
    PeriodInfo period = c.period();
    RegistryUnits.Unit unit = c.unit();
    Target target = c.target();
    Double value = c.value();
    return switch (column) {
      case "period" -> period.period();
      case "province_code" -> r.getString(3);
      case "province_name" -> unit.provinceName();
      case "city_code" -> unit.cityCode();
      case "city_name" -> unit.cityName();
      case "county_code" -> unit.countyCode();
      case "county_name" -> unit.countyName();
      case "township_code" -> unit.townshipCode();
      case "township_name" -> unit.townshipName();
      case "metric_id" -> metric;
      case "data_period" -> switch (info.window()) {
        case STOCK -> period.period();
        case YTD -> period.ytdLabel();
        case AS_OF -> period.asOfLabel();
        case ANNUAL -> period.yearUsed() != null ? period.yearUsed().toString()
            : r.isNullAt(6) ? null : String.valueOf(r.getInt(6));
      };
      case "numerator" -> doubleOrNull(r, 7);
      case "denominator" -> doubleOrNull(r, 8);
      case "value" -> value;
      case "rank_in_county", "rank_in_province", "rank_in_country" -> intOrNull(r, 12);
      case "ranked_in_county", "ranked_in_province", "ranked_in_country" -> intOrNull(r, 13);
      case "rank_in_city" -> intOrNull(r, 14);
      case "province_value" -> doubleOrNull(r, 11);
      case "target" -> target == null ? null : target.value();
      case "target_max" -> target == null ? null : target.max();
      case "meets_target" -> meetsTarget(info.direction(), value, target);
      case "prev_value" -> doubleOrNull(r, 15);
      case "yoy_value" -> doubleOrNull(r, 17);
      case "prev_rank_in_county", "prev_rank_in_province", "prev_rank_in_country" ->
          intOrNull(r, 16);
      case "rank_change" -> intOrNull(r, 18);
      case "completeness" -> doubleOrNull(r, 10);
      case "low_completeness" -> r.isNullAt(10) ? null : r.getDouble(10) < completenessMinimum;
      case "anomaly" -> !r.isNullAt(19);
      case "anomaly_reason" -> r.isNullAt(19) ? null : r.getString(19);
      default -> throw new IllegalStateException("no value for column " + column);
    };
  }

  /**
   * SPEC §2: ≥ target (higher), ≤ target (lower), min ≤ value ≤ max (band); null without a value or
   * a target, and for metrics of direction none.
   */
  static Boolean meetsTarget(Direction direction, Double value, Target target) {
    if (value == null || target == null) {
      return null;
    }
    return switch (direction) {
      case HIGHER -> value >= target.value();
      case LOWER -> value <= target.value();
      case BAND -> value < target.value() ? Boolean.FALSE
          : target.max() == null ? null : value <= target.max();
      case NONE -> null;
    };
  }

  private static Double doubleOrNull(Row r, int i) {
    return r.isNullAt(i) ? null : r.getDouble(i);
  }

  private static Integer intOrNull(Row r, int i) {
    return r.isNullAt(i) ? null : r.getInt(i);
  }
}
