package com.governancemetrics.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * 县区对比表.csv (SPEC §3): UTF-8 with a byte-order mark so that Excel on Chinese Windows opens it with
 * the Chinese intact; one row per county by city then county code, one column group per metric, the
 * province row (全省合计) last, then notes. Values are shown as people read them (92.3%, 1,234,
 * 12,345.67); a value of a unit with low completeness carries a "*".
 */
final class ComparisonCsv {

  static final String FILE_NAME = "县区对比表.csv";
  private static final char BOM = '\uFEFF';

  private ComparisonCsv() {}

  static void write(OutputStream out, ProvinceSlice slice, List<MetricColumns> plan, RunInfo run)
      throws IOException {
    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    writer.write(BOM);
    line(writer, header(plan));
    for (UnitRow county : slice.counties()) {
      List<String> cells = new ArrayList<>(List.of(county.cityName(), county.countyName(), county.countyCode()));
      addMetricCells(cells, county, plan);
      line(writer, cells);
    }
    UnitRow total = slice.totalOrEmpty();
    List<String> totalCells = new ArrayList<>(List.of("全省合计", slice.provinceName(), ""));
    for (MetricColumns columns : plan) {
      MetricCell cell = total.cell(columns.id());
      totalCells.add(Texts.valueWithMark(columns.metric(), cell));
      if (columns.ranked()) {
        totalCells.add("");
        totalCells.add("");
      }
      if (columns.targeted()) {
        totalCells.add(cell == null ? "" : Texts.meets(cell.meetsTarget()));
      }
    }
    line(writer, totalCells);
    writer.write("\r\n");
    for (String note : notes(slice, plan, run)) {
      line(writer, List.of("说明", note));
    }
    writer.flush();
  }

  static List<String> header(List<MetricColumns> plan) {
    List<String> header = new ArrayList<>(List.of("市州", "县区", "县区代码"));
    for (MetricColumns columns : plan) {
      String label = columns.metric().label();
      header.add(columns.metric().labelWithUnit());
      if (columns.ranked()) {
        header.add(label + " 省内排名");
        header.add(label + " 排名变化");
      }
      if (columns.targeted()) {
        header.add(label + " 达标情况");
      }
    }
    return header;
  }

  private static void addMetricCells(List<String> cells, UnitRow unit, List<MetricColumns> plan) {
    for (MetricColumns columns : plan) {
      MetricCell cell = unit.cell(columns.id());
      cells.add(Texts.valueWithMark(columns.metric(), cell));
      if (columns.ranked()) {
        cells.add(cell == null ? "" : Texts.rank(cell.rank(), cell.rankedIn()));
        cells.add(cell == null ? "" : Texts.rankChange(cell.rankChange()));
      }
      if (columns.targeted()) {
        cells.add(cell == null ? "" : Texts.meets(cell.meetsTarget()));
      }
    }
  }

  private static List<String> notes(ProvinceSlice slice, List<MetricColumns> plan, RunInfo run) {
    List<String> notes = new ArrayList<>();
    notes.add(slice.provinceName() + "县区对比表　" + run.noteLine());
    Set<String> periods = new LinkedHashSet<>();
    for (MetricColumns columns : plan) {
      String shown = Texts.dataPeriod(columns.dataPeriod());
      if (!shown.isEmpty() && !columns.dataPeriod().equals(run.period().toString())) {
        periods.add(columns.metric().label() + "：" + shown);
      }
    }
    if (!periods.isEmpty()) {
      notes.add("统计区间：" + String.join("；", periods) + "；其余指标：" + run.period() + "月末");
    }
    List<String> targets = new ArrayList<>();
    for (MetricColumns columns : plan) {
      slice.targetSource(columns.id()).ifPresent(cell -> targets.add(columns.metric().label() + " "
          + Texts.target(columns.metric(), cell.target(), cell.targetMax())));
    }
    if (!targets.isEmpty()) {
      notes.add("目标：" + String.join("；", targets));
    }
    notes.add("带 * 的数值：该县区数据完整度低于要求（部分乡镇未报送），仅供参考；无数据：该县区没有可用数据。");
    notes.add("省内排名：第几名/共几个县区参与排名；排名变化与上月相比，↑ 上升，↓ 下降，– 不变，空白为上月无排名。");
    return notes;
  }

  private static void line(Writer writer, List<String> cells) throws IOException {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        writer.write(',');
      }
      writer.write(quote(cells.get(i)));
    }
    writer.write("\r\n");
  }

  /** RFC 4180: a cell with a comma, quote or line break is quoted, quotes doubled. */
  static String quote(String cell) {
    if (cell == null) {
      return "";
    }
    if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0) {
      return '"' + cell.replace("\"", "\"\"") + '"';
    }
    return cell;
  }
}
