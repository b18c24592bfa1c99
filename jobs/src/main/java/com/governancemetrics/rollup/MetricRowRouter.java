package com.governancemetrics.rollup;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Sends each aggregated metric row to the province groups of {@link ProvinceMetricRanking} that need
 * it, in one pass over the rows: a row at levels 1–3 to its own province; a province's own row
 * (level 0) to every province, for the national ranking; and, the first time a province is seen in
 * a partition, a seed saying it has data to every province group.
 */
final class MetricRowRouter implements MapPartitionsFunction<Row, Row> {

  /**
   * The provincial-level codes of GB/T 2260 (统计用区划代码's first two digits), the groups a
   * province's row is sent to for the national ranking. A registry province outside this list
   * still gets its own rows, ranked among the listed provinces it sees.
   */
  static final List<String> PROVINCE_CODES = List.of("11", "12", "13", "14", "15", "21", "22",
      "23", "31", "32", "33", "34", "35", "36", "37", "41", "42", "43", "44", "45", "46", "50",
      "51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81", "82");

  /**
   * @param rows eval_period, level, unit_code, metric_id, numerator, denominator, value, present,
   *     data_year
   * @return rows of {@link ProvinceMetricRanking#INPUT}
   */
  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    Set<String> seeded = new HashSet<>();
    return new Iterator<>() {
      private final List<Row> pending = new ArrayList<>();
      private int next;

      @Override
      public boolean hasNext() {
        while (next == pending.size() && rows.hasNext()) {
          pending.clear();
          next = 0;
          route(rows.next());
        }
        return next < pending.size();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException();
        }
        return pending.get(next++);
      }

      private void route(Row r) {
        String code = r.getString(2);
        String province = code.substring(0, 2);
        if (r.getInt(1) != 0) {
          pending.add(valueRow(province, r));
          return;
        }
        Set<String> targets = new LinkedHashSet<>(PROVINCE_CODES);
        targets.add(province);
        for (String target : targets) {
          pending.add(valueRow(target, r));
        }
        if (seeded.add(province)) {
          for (String target : targets) {
            pending.add(RowFactory.create(target, ProvinceMetricRanking.SEED, null, null, province,
                null, null, null, null, null, null));
          }
        }
      }
    };
  }

  private static Row valueRow(String target, Row r) {
    return RowFactory.create(target, ProvinceMetricRanking.VALUE, r.get(0), r.get(1), r.get(2),
        r.get(3), r.get(4), r.get(5), r.get(6), r.get(7), r.get(8));
  }
}
