package com.governancemetrics.export;

import com.governancemetrics.rollup.Level;
import java.util.ArrayList;
import java.util.List;

/**
 * A province's anomaly flags (SPEC §3 anomaly, anomaly_reason) as people read them: one entry per
 * flagged unit and metric, the province first, then its cities, counties and townships, each in code
 * order and the metrics in report order.
 */
record AnomalyList(List<Entry> entries) {

  /** One flagged value: the unit, the metric and its cell (value, P-1 value, reason). */
  record Entry(UnitRow unit, MetricPresentation metric, MetricCell cell) {

    /** 全省, 市州, 县区, 乡镇（街道）. */
    String levelName() {
      return switch (unit.level()) {
        case PROVINCE -> "全省";
        case CITY -> "市州";
        case COUNTY -> "县区";
        case TOWNSHIP -> "乡镇（街道）";
      };
    }

    /** The unit with its parents below the province: 长沙市 芙蓉区 文艺路街道. */
    String unitName() {
      List<String> names = new ArrayList<>();
      if (unit.level() == Level.PROVINCE) {
        names.add(unit.provinceName());
      }
      for (String name : new String[] {unit.cityName(), unit.countyName(), unit.townshipName()}) {
        if (name != null) {
          names.add(name);
        }
      }
      return String.join(" ", names);
    }

    /** The unit's own code. */
    String unitCode() {
      return switch (unit.level()) {
        case PROVINCE -> unit.provinceCode();
        case CITY -> unit.cityCode();
        case COUNTY -> unit.countyCode();
        case TOWNSHIP -> unit.townshipCode();
      };
    }
  }

  AnomalyList {
    entries = List.copyOf(entries);
  }

  /**
   * The flags of a province's slice and of its flagged townships ({@link
   * MetricTables#flaggedTownships}), for the metrics of the plan.
   */
  static AnomalyList of(ProvinceSlice slice, List<UnitRow> flaggedTownships,
      List<MetricColumns> plan) {
    List<UnitRow> units = new ArrayList<>();
    slice.total().ifPresent(units::add);
    units.addAll(slice.cities());
    units.addAll(slice.counties());
    units.addAll(flaggedTownships);
    List<Entry> entries = new ArrayList<>();
    for (UnitRow unit : units) {
      for (MetricColumns columns : plan) {
        MetricCell cell = unit.cell(columns.metric().id());
        if (cell != null && cell.isAnomaly()) {
          entries.add(new Entry(unit, columns.metric(), cell));
        }
      }
    }
    return new AnomalyList(entries);
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  /** How many entries are at a level. */
  long count(Level level) {
    return entries.stream().filter(e -> e.unit().level() == level).count();
  }

  /** A value as the report shows it ("无数据" without one). */
  static String shown(MetricPresentation metric, Double value) {
    return value == null || value.isNaN() || value.isInfinite() ? Texts.NO_DATA
        : metric.format().text(value);
  }
}
