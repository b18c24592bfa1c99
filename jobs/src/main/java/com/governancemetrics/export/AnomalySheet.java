package com.governancemetrics.export;

import java.util.List;
import org.dhatim.fastexcel.Worksheet;

/** The workbook's 数据异常 sheet: every flagged value of the province with its reason (SPEC §3). */
final class AnomalySheet {

  private static final String HEADER_FILL = "DDEBF7";
  private static final List<String> HEADERS = List.of("层级", "单位", "单位代码", "指标", "指标代码",
      "统计区间", "本期数值", "上月数值", "异常原因");

  private AnomalySheet() {}

  static void write(Worksheet ws, AnomalyList anomalies, RunInfo run) {
    ws.value(0, 0, "数据异常提示　" + run.noteLine());
    ws.style(0, 0).bold().fontSize(12).set();
    ws.value(1, 0, anomalies.isEmpty() ? "本期未发现与本单位历史或同级单位相比明显异常的数值。"
        : "说明：以下数值与本单位上月、近12期或同级单位相比明显异常，发布前请向报送单位核实；"
            + "异常提示不改变数值、排名和达标判断。");
    ws.style(1, 0).fontColor("595959").set();
    int[] widths = {12, 30, 12, 28, 26, 18, 12, 12, 70};
    for (int c = 0; c < HEADERS.size(); c++) {
      ws.value(2, c, HEADERS.get(c));
      ws.style(2, c).bold().fillColor(HEADER_FILL).set();
      ws.width(c, widths[c]);
    }
    ws.freezePane(0, 3);
    int row = 3;
    for (AnomalyList.Entry e : anomalies.entries()) {
      ws.value(row, 0, e.levelName());
      ws.value(row, 1, e.unitName());
      ws.value(row, 2, e.unitCode());
      ws.value(row, 3, e.metric().label());
      ws.value(row, 4, e.metric().id());
      ws.value(row, 5, Texts.dataPeriod(e.cell().dataPeriod()));
      ws.value(row, 6, AnomalyList.shown(e.metric(), e.cell().value()));
      ws.value(row, 7, AnomalyList.shown(e.metric(), e.cell().prevValue()));
      ws.value(row, 8, e.cell().anomalyReason());
      ws.style(row, 8).fontColor("C00000").set();
      row++;
    }
    if (!anomalies.isEmpty()) {
      ws.setAutoFilter(2, 0, row - 1, HEADERS.size() - 1);
    }
  }
}
