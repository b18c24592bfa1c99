package com.governancemetrics.export;

import static com.governancemetrics.export.HtmlReport.esc;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * diff.html and diff.xlsx for people (issue 14): what a republication would change — the units whose
 * rank or target status changes, then every change with the old and new value, rank and 达标 status,
 * sorted by how much — so that the team sees it before county leaders do.
 */
public final class DiffReport {

  public static final String HTML = "diff.html";
  public static final String XLSX = "diff.xlsx";
  /** Changes listed in the HTML page (all of them go into the workbook). */
  static final int HTML_ROWS = 500;

  private final Map<String, MetricPresentation> metrics = new HashMap<>();
  private final String title;
  private final String compared;

  /**
   * @param title what was compared, e.g. "2024-06 试运行与已发布对比"
   * @param compared the two sides in words (run ids), shown under the title
   */
  public DiffReport(List<MetricPresentation> presentations, String title, String compared) {
    presentations.forEach(p -> metrics.put(p.id(), p));
    this.title = title;
    this.compared = compared;
  }

  public void writeHtml(OutputStream out, List<Row> changes, Set<String> movedUnits)
      throws IOException {
    StringBuilder html = new StringBuilder(64 * 1024);
    html.append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>").append(esc(title)).append("</title>\n<style>\n")
        .append("body{font-family:").append(HtmlReport.FONT_STACK).append(";margin:24px;}")
        .append("table{border-collapse:collapse;font-size:13px;}td,th{border:1px solid #ccc;")
        .append("padding:3px 6px;}th{background:#ddebf7;}td.num{text-align:right;}")
        .append(".bad{color:#c00000;}.good{color:#2e7d32;}\n</style>\n</head>\n<body>\n")
        .append("<h1>").append(esc(title)).append("</h1>\n<p>").append(esc(compared))
        .append("</p>\n<p>").append(esc("变化 " + changes.size() + " 项；排名或达标情况变化的单位 "
            + movedUnits.size() + " 个。")).append("</p>\n");
    html.append("<h2>排名或达标情况变化的单位</h2>\n");
    if (movedUnits.isEmpty()) {
      html.append("<p>没有单位的排名或达标情况变化。</p>\n");
    } else {
      html.append("<ul>\n");
      for (String unit : movedUnits) {
        String[] parts = unit.split("\\|", -1);
        html.append("<li>").append(esc(parts[2] + "（" + parts[1] + "，" + parts[0] + "）"))
            .append("</li>\n");
      }
      html.append("</ul>\n");
    }
    html.append("<h2>变化明细（按变化幅度排序）</h2>\n<table><thead><tr><th>表</th><th>单位</th>")
        .append("<th>指标</th><th>原值</th><th>新值</th><th>原排名</th><th>新排名</th>")
        .append("<th>原达标</th><th>新达标</th></tr></thead>\n<tbody>\n");
    for (Row r : changes.subList(0, Math.min(HTML_ROWS, changes.size()))) {
      ValueFormat format = format(r);
      html.append("<tr><td>").append(esc(r.getAs("table"))).append("</td><td>")
          .append(esc(name(r))).append("</td><td>").append(esc(label(r))).append("</td>");
      cell(html, text(format, r, "old_value"));
      cell(html, text(format, r, "new_value"));
      cell(html, number(r, "old_rank"));
      cell(html, number(r, "new_rank"));
      html.append("<td>").append(mark(r, "old_meets_target")).append("</td><td>")
          .append(mark(r, "new_meets_target")).append("</td></tr>\n");
    }
    html.append("</tbody></table>\n");
    if (changes.size() > HTML_ROWS) {
      html.append("<p>").append(esc("仅列出前 " + HTML_ROWS + " 项；全部变化见 " + XLSX + "。"))
          .append("</p>\n");
    }
    html.append("</body>\n</html>\n");
    out.write(html.toString().getBytes(StandardCharsets.UTF_8));
  }

  public void writeXlsx(OutputStream out, List<Row> changes, Set<String> movedUnits)
      throws IOException {
    Workbook wb = new Workbook(out, "governance-metrics", "1.0");
    Worksheet ws = wb.newWorksheet("变化明细");
    String[] headers = {"表", "单位代码", "单位", "指标", "原值", "新值", "变化", "原排名", "新排名",
        "原达标", "新达标"};
    ws.value(0, 0, title + "　" + compared);
    for (int c = 0; c < headers.length; c++) {
      ws.value(1, c, headers[c]);
      ws.style(1, c).bold().fillColor("DDEBF7").set();
    }
    int row = 2;
    for (Row r : changes) {
      ws.value(row, 0, r.<String>getAs("table"));
      ws.value(row, 1, r.<String>getAs("unit_code"));
      ws.value(row, 2, name(r));
      ws.value(row, 3, label(r));
      String excel = format(r).excelFormat();
      numberCell(ws, row, 4, r, "old_value", excel);
      numberCell(ws, row, 5, r, "new_value", excel);
      numberCell(ws, row, 6, r, "delta", excel);
      numberCell(ws, row, 7, r, "old_rank", "0");
      numberCell(ws, row, 8, r, "new_rank", "0");
      ws.value(row, 9, mark(r, "old_meets_target"));
      ws.value(row, 10, mark(r, "new_meets_target"));
      row++;
    }
    Worksheet units = wb.newWorksheet("排名或达标变化单位");
    units.value(0, 0, "表");
    units.value(0, 1, "单位代码");
    units.value(0, 2, "单位");
    int u = 1;
    for (String unit : movedUnits) {
      String[] parts = unit.split("\\|", -1);
      units.value(u, 0, parts[0]);
      units.value(u, 1, parts[1]);
      units.value(u, 2, parts[2]);
      u++;
    }
    wb.finish();
  }

  private ValueFormat format(Row r) {
    MetricPresentation p = metrics.get(r.<String>getAs("metric_id"));
    return p == null ? ValueFormat.NUMBER : p.format();
  }

  private String label(Row r) {
    MetricPresentation p = metrics.get(r.<String>getAs("metric_id"));
    return p == null ? r.getAs("metric_id") : p.label();
  }

  private static String name(Row r) {
    String name = r.getAs("unit_name");
    return (name == null ? "" : name) + "（" + r.getAs("unit_code") + "）";
  }

  private static String text(ValueFormat format, Row r, String column) {
    Object v = r.getAs(column);
    return v == null ? "—" : format.text(((Number) v).doubleValue());
  }

  private static String number(Row r, String column) {
    Object v = r.getAs(column);
    return v == null ? "—" : v.toString();
  }

  private static String mark(Row r, String column) {
    Boolean v = r.getAs(column);
    return v == null ? "—" : v ? "达标" : "未达标";
  }

  private static void cell(StringBuilder html, String text) {
    html.append("<td class=\"num\">").append(esc(text)).append("</td>");
  }

  private static void numberCell(Worksheet ws, int row, int col, Row r, String column,
      String excelFormat) {
    Object v = r.getAs(column);
    if (v != null) {
      ws.value(row, col, ((Number) v).doubleValue());
      ws.style(row, col).format(excelFormat).set();
    }
  }
}
