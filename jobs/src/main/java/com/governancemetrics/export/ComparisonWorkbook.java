package com.governancemetrics.export;

import com.governancemetrics.rollup.Level;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * 县区对比表.xlsx (SPEC §3), written streaming with fastexcel: sheets 县区对比, 市州对比, 乡镇明细, 数据质量 and
 * 数据异常.
 * Values, ranks and rank changes are real numeric cells whose number formats make them read like the
 * CSV (92.3%, 第3名/共24, ↑2), so sorting and formulas work; header rows are frozen; a note row on top
 * states the data period and the run id; cells of units with low completeness have a yellow fill.
 */
final class ComparisonWorkbook {

  static final String FILE_NAME = "县区对比表.xlsx";
  static final String COUNTY_SHEET = "县区对比";
  static final String CITY_SHEET = "市州对比";
  static final String TOWNSHIP_SHEET = "乡镇明细";
  static final String QUALITY_SHEET = "数据质量";
  static final String ANOMALY_SHEET = "数据异常";

  /** Rows above the data: note, legend, metric group header, column header. */
  static final int HEADER_ROWS = 4;

  private static final String HEADER_FILL = "DDEBF7";
  private static final String GROUP_FILL = "BDD7EE";
  private static final String LOW_COMPLETENESS_FILL = "FFF2CC";
  private static final String BELOW_TARGET_FONT = "C00000";
  private static final String MEETS_TARGET_FONT = "2E7D32";
  private static final int TOWNSHIP_FLUSH_ROWS = 500;

  private ComparisonWorkbook() {}

  static void write(OutputStream out, ProvinceSlice slice, List<MetricColumns> plan,
                    Iterator<UnitRow> townships, AnomalyList anomalies, RunInfo run)
      throws IOException {
    Workbook workbook = new Workbook(out, "governance-metrics", "1.0");
    workbook.setGlobalDefaultFont("等线", 11);
    workbook.properties().setTitle(slice.provinceName() + "县区对比表 " + run.period());

    Worksheet counties = workbook.newWorksheet(COUNTY_SHEET);
    writeComparison(counties, slice.provinceName() + "县区对比表", List.of("市州", "县区", "县区代码"),
        unit -> List.of(unit.cityName(), unit.countyName(), unit.countyCode()),
        slice.counties(), slice.totalOrEmpty(), plan, "省内排名", run);
    counties.finish();

    Worksheet cities = workbook.newWorksheet(CITY_SHEET);
    writeComparison(cities, slice.provinceName() + "市州对比表", List.of("市州", "市州代码"),
        unit -> List.of(unit.cityName(), unit.cityCode()),
        slice.cities(), slice.totalOrEmpty(), plan, "省内排名", run);
    cities.finish();

    Worksheet townshipSheet = workbook.newWorksheet(TOWNSHIP_SHEET);
    writeTownships(townshipSheet, slice, plan, townships, run);
    townshipSheet.finish();

    Worksheet quality = workbook.newWorksheet(QUALITY_SHEET);
    DataQualitySheet.write(quality, run);
    quality.finish();

    Worksheet anomalySheet = workbook.newWorksheet(ANOMALY_SHEET);
    AnomalySheet.write(anomalySheet, anomalies, run);
    anomalySheet.finish();

    workbook.finish();
  }

  /** The county or city comparison: one row per unit, then a blank row and 全省合计. */
  private static void writeComparison(Worksheet ws, String title, List<String> unitHeaders,
                                      Function<UnitRow, List<String>> unitCells, List<UnitRow> units,
                                      UnitRow total, List<MetricColumns> plan, String rankHeader,
                                      RunInfo run) {
    ColumnWidths widths = new ColumnWidths();
    int lastCol = writeHeaders(ws, title, unitHeaders, plan, rankHeader, true, run, widths);
    int row = HEADER_ROWS;
    for (UnitRow unit : units) {
      List<String> names = unitCells.apply(unit);
      for (int c = 0; c < names.size(); c++) {
        ws.value(row, c, names.get(c));
        widths.fit(c, names.get(c));
      }
      writeMetricCells(ws, row, unitHeaders.size(), unit, plan, true, true, widths);
      row++;
    }
    int lastDataRow = Math.max(row - 1, HEADER_ROWS);
    row++;
    ws.value(row, 0, "全省合计");
    ws.value(row, 1, total.provinceName());
    widths.fit(0, "全省合计");
    widths.fit(1, total.provinceName());
    for (int c = 0; c <= lastCol; c++) {
      ws.style(row, c).bold().set();
    }
    writeMetricCells(ws, row, unitHeaders.size(), total, plan, false, true, widths);
    widths.apply(ws, lastCol);
    printSetup(ws, unitHeaders.size());
    ws.setAutoFilter(HEADER_ROWS - 1, 0, lastDataRow, lastCol);
  }

  private static void writeTownships(Worksheet ws, ProvinceSlice slice, List<MetricColumns> plan,
                                     Iterator<UnitRow> townships, RunInfo run) throws IOException {
    List<String> unitHeaders = List.of("市州", "县区", "乡镇（街道）", "乡镇代码");
    ColumnWidths widths = new ColumnWidths();
    int lastCol = writeHeaders(ws, slice.provinceName() + "乡镇明细", unitHeaders, plan, "县内排名", false,
        run, widths);
    slice.cities().forEach(city -> widths.fit(0, city.cityName()));
    slice.counties().forEach(county -> widths.fit(1, county.countyName()));
    widths.fit(2, "某某某某某街道");
    for (int c = unitHeaders.size(); c <= lastCol; c++) {
      widths.fit(c, "第100名/共100");
    }
    printSetup(ws, unitHeaders.size());
    int row = HEADER_ROWS;
    boolean flushed = false;
    while (townships.hasNext()) {
      UnitRow township = townships.next();
      List<String> names = List.of(township.cityName(), township.countyName(), township.townshipName(),
          township.townshipCode());
      for (int c = 0; c < names.size(); c++) {
        ws.value(row, c, names.get(c));
        if (!flushed) {
          widths.fit(c, names.get(c));
        }
      }
      writeMetricCells(ws, row, unitHeaders.size(), township, plan, false, false, flushed ? null : widths);
      row++;
      if ((row - HEADER_ROWS) % TOWNSHIP_FLUSH_ROWS == 0) {
        // Column widths go out with the first rows: they fit the first rows (a sample of every city).
        if (!flushed) {
          widths.apply(ws, lastCol);
          flushed = true;
        }
        ws.flush();
      }
    }
    if (!flushed) {
      widths.apply(ws, lastCol);
    }
    ws.setAutoFilter(HEADER_ROWS - 1, 0, Math.max(row - 1, HEADER_ROWS), lastCol);
  }

  /** Printing: landscape, the header rows and unit columns repeated on every page. */
  private static void printSetup(Worksheet ws, int unitColumns) {
    ws.freezePane(unitColumns, HEADER_ROWS);
    ws.pageOrientation("landscape");
    ws.repeatRows(2, HEADER_ROWS - 1);
    ws.repeatCols(0, unitColumns - 1);
  }

  /** Writes rows 0–3 and returns the last column index. */
  private static int writeHeaders(Worksheet ws, String title, List<String> unitHeaders,
                                  List<MetricColumns> plan, String rankHeader, boolean withChange,
                                  RunInfo run, ColumnWidths widths) {
    ws.value(0, 0, title + "　" + run.noteLine());
    ws.style(0, 0).bold().fontSize(12).set();
    ws.value(1, 0, "说明：黄色底色为数据完整度低于要求的单位（部分乡镇未报送），数值仅供参考；空白为无数据；"
        + (withChange ? "排名变化与上月相比（↑上升 ↓下降 –不变）；" : "")
        + "所有数值均为可排序、可计算的数字。");
    ws.style(1, 0).fontColor("595959").set();
    ws.rowHeight(2, 45);
    int col = 0;
    for (String header : unitHeaders) {
      ws.value(2, col, header);
      ws.range(2, col, 3, col).merge();
      ws.range(2, col, 3, col).style().bold().fillColor(HEADER_FILL).horizontalAlignment("center")
          .verticalAlignment("center").borderStyle("thin").set();
      widths.fit(col, header);
      col++;
    }
    for (MetricColumns columns : plan) {
      int first = col;
      List<String> subHeaders = new ArrayList<>(List.of("数值"));
      if (columns.ranked()) {
        subHeaders.add(rankHeader);
        if (withChange) {
          subHeaders.add("排名变化");
        }
      }
      if (columns.targeted()) {
        subHeaders.add("达标情况");
      }
      for (String sub : subHeaders) {
        ws.value(3, col, sub);
        ws.style(3, col).bold().fillColor(HEADER_FILL).horizontalAlignment("center").borderStyle("thin").set();
        widths.fit(col, sub);
        if (sub.equals(rankHeader)) {
          widths.fit(col, "第100名/共100");
        }
        col++;
      }
      String period = Texts.dataPeriod(columns.dataPeriod());
      ws.value(2, first, columns.metric().labelWithUnit() + (period.isEmpty() ? "" : "\n" + period));
      if (col - 1 > first) {
        ws.range(2, first, 2, col - 1).merge();
      }
      ws.range(2, first, 2, col - 1).style().bold().fillColor(GROUP_FILL).wrapText(true)
          .horizontalAlignment("center").verticalAlignment("center").borderStyle("thin").set();
      // A group's label wraps on two lines at most: widen its first column when the group is narrow.
      widths.fitSpan(first, col - 1, Texts.displayWidth(columns.metric().labelWithUnit()) / 2 + 2);
    }
    return col - 1;
  }

  private static void writeMetricCells(Worksheet ws, int row, int firstCol, UnitRow unit,
                                       List<MetricColumns> plan, boolean withRank, boolean withChange,
                                       ColumnWidths widths) {
    int col = firstCol;
    boolean rankCells = withRank || unit.level() == Level.TOWNSHIP;
    for (MetricColumns columns : plan) {
      MetricCell cell = unit.cell(columns.id());
      Double value = cell == null ? null : cell.shownValue();
      if (value != null) {
        ws.value(row, col, value);
        if (widths != null) {
          widths.fit(col, columns.metric().format().text(value));
        }
      }
      var valueStyle = ws.style(row, col).format(columns.metric().format().excelFormat());
      if (cell != null && cell.isLowCompleteness()) {
        valueStyle.fillColor(LOW_COMPLETENESS_FILL);
        if (cell.completeness() != null && unit.level() != Level.TOWNSHIP) {
          ws.comment(row, col, "数据完整度 " + ValueFormat.PERCENT.text(cell.completeness())
              + "，低于要求，数值仅供参考");
        }
      }
      valueStyle.set();
      col++;
      if (columns.ranked()) {
        if (rankCells && cell != null && cell.rank() != null) {
          ws.value(row, col, cell.rank());
          ws.style(row, col).format(Texts.rankExcelFormat(cell.rankedIn())).horizontalAlignment("center").set();
        }
        col++;
        if (withChange) {
          if (rankCells && cell != null && cell.rankChange() != null) {
            ws.value(row, col, cell.rankChange());
            ws.style(row, col).format(Texts.RANK_CHANGE_EXCEL_FORMAT).horizontalAlignment("center").set();
          }
          col++;
        }
      }
      if (columns.targeted()) {
        String meets = cell == null ? "" : Texts.meets(cell.meetsTarget());
        if (!meets.isEmpty()) {
          ws.value(row, col, meets);
          ws.style(row, col).fontColor(cell.meetsTarget() ? MEETS_TARGET_FONT : BELOW_TARGET_FONT)
              .horizontalAlignment("center").set();
        }
        col++;
      }
    }
  }

  /** Column widths that fit Chinese text (a Chinese character counts as two), between 8 and 40. */
  static final class ColumnWidths {
    private final Map<Integer, Double> widths = new java.util.HashMap<>();

    void fit(int col, String text) {
      widths.merge(col, Texts.displayWidth(text) + 2, Math::max);
    }

    void fitSpan(int first, int last, double width) {
      double current = 0;
      for (int c = first; c <= last; c++) {
        current += widths.getOrDefault(c, 8.0);
      }
      if (current < width) {
        widths.merge(first, width - current + widths.getOrDefault(first, 8.0), Math::max);
      }
    }

    void apply(Worksheet ws, int lastCol) {
      for (int c = 0; c <= lastCol; c++) {
        ws.width(c, Math.min(40, Math.max(8, widths.getOrDefault(c, 8.0))));
      }
    }
  }
}
