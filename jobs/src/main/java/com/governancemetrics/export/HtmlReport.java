package com.governancemetrics.export;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * report.html (SPEC §3): one self-contained page a person opens from a shared drive. No network, no
 * script, no external font, image or style sheet: inline CSS and one inline SVG bar chart per metric
 * (counties in rank order, target line or band, province value, counties below target in red), and
 * the 数据异常提示 to ask the counties about. Every text from the data is escaped; every time is in
 * {@link RunInfo#ZONE}.
 */
final class HtmlReport {

  static final String FILE_NAME = "report.html";

  static final String FONT_STACK =
      "\"Microsoft YaHei\", \"PingFang SC\", \"Noto Sans CJK SC\", \"Source Han Sans SC\", "
          + "\"WenQuanYi Micro Hei\", sans-serif";

  private HtmlReport() {}

  static String render(ProvinceSlice slice, List<MetricColumns> plan, AnomalyList anomalies,
      RunInfo run) {
    StringBuilder html = new StringBuilder(64 * 1024);
    String title = slice.provinceName() + "基层治理指标县区对比报告";
    html.append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(esc(title + " " + run.period())).append("</title>\n")
        .append("<style>\n").append(css()).append("</style>\n</head>\n<body>\n");

    html.append("<header class=\"top\"><div class=\"wrap\">\n<h1>").append(esc(title)).append("</h1>\n")
        .append("<dl class=\"run\">");
    runFact(html, "数据期", run.period().toString());
    runFact(html, "运行编号", run.runId());
    if (!run.version().isEmpty()) {
      runFact(html, "版本", run.version());
    }
    if (!run.runTimeText().isEmpty()) {
      runFact(html, "运行时间", run.runTimeText());
    }
    runFact(html, "导出时间", run.generatedText());
    runFact(html, "时区", RunInfo.ZONE_LABEL);
    runFact(html, "县区数", Integer.toString(slice.counties().size()));
    html.append("</dl>\n</div></header>\n<main class=\"wrap\">\n");

    overview(html, slice, plan);
    AnomalySection.render(html, anomalies);
    int number = 1;
    for (MetricColumns columns : plan) {
      metricSection(html, number++, slice, columns);
    }
    QualitySection.render(html, run);
    html.append("<footer><p>说明：红色为未达标县区，绿色为达标县区，蓝色为没有目标的指标；颜色较浅、带 * 的为数据完整度低于要求的县区"
            + "（部分乡镇未报送），数值仅供参考。排名为省内县区排名，相同数值名次相同。</p>\n<p>")
        .append(esc("由 governance-metrics " + run.version() + " 生成，运行编号 " + run.runId()))
        .append("</p></footer>\n</main>\n</body>\n</html>\n");
    return html.toString();
  }

  private static void runFact(StringBuilder html, String name, String value) {
    html.append("<div><dt>").append(esc(name)).append("</dt><dd>").append(esc(value)).append("</dd></div>");
  }

  private static void overview(StringBuilder html, ProvinceSlice slice, List<MetricColumns> plan) {
    html.append("<section class=\"overview\" id=\"overview\">\n<h2>全省概览</h2>\n")
        .append("<table class=\"grid\"><thead><tr><th>指标</th><th>统计区间</th><th class=\"num\">全省数值</th>"
            + "<th>目标</th><th>全省达标</th><th>全国排名</th><th class=\"num\">未达标县区</th>"
            + "<th class=\"num\">数据不全县区</th></tr></thead>\n<tbody>\n");
    for (MetricColumns columns : plan) {
      MetricPresentation metric = columns.metric();
      MetricCell own = slice.provinceCell(metric.id());
      MetricCell targetCell = slice.targetSource(metric.id()).orElse(null);
      long below = slice.counties().stream().map(c -> c.cell(metric.id()))
          .filter(c -> c != null && c.belowTarget()).count();
      long judged = slice.counties().stream().map(c -> c.cell(metric.id()))
          .filter(c -> c != null && c.meetsTarget() != null).count();
      long low = slice.counties().stream().map(c -> c.cell(metric.id()))
          .filter(c -> c != null && c.isLowCompleteness()).count();
      html.append("<tr><td><a href=\"#").append(esc(anchor(metric))).append("\">").append(esc(metric.label()))
          .append("</a></td><td>").append(esc(Texts.dataPeriod(columns.dataPeriod()))).append("</td>")
          .append("<td class=\"num\">").append(esc(own == null ? Texts.NO_DATA : Texts.valueWithMark(metric, own)))
          .append("</td><td>")
          .append(esc(targetCell == null ? "—" : Texts.target(metric, targetCell.target(), targetCell.targetMax())))
          .append("</td>");
      String meets = own == null ? "" : Texts.meets(own.meetsTarget());
      html.append("<td class=\"").append(meets.equals("未达标") ? "bad" : meets.isEmpty() ? "" : "good")
          .append("\">").append(esc(meets.isEmpty() ? "—" : meets)).append("</td>")
          .append("<td>").append(esc(own == null || own.rank() == null ? "—" : Texts.rank(own.rank(), own.rankedIn())))
          .append("</td><td class=\"num").append(below > 0 ? " bad" : "").append("\">")
          .append(judged == 0 ? "—" : below + " / " + judged).append("</td><td class=\"num\">")
          .append(low).append("</td></tr>\n");
    }
    html.append("</tbody></table>\n</section>\n");
  }

  private static void metricSection(StringBuilder html, int number, ProvinceSlice slice, MetricColumns columns) {
    MetricPresentation metric = columns.metric();
    MetricCell own = slice.provinceCell(metric.id());
    MetricCell targetCell = slice.targetSource(metric.id()).orElse(null);
    html.append("<section class=\"metric\" id=\"").append(esc(anchor(metric))).append("\" data-metric-id=\"")
        .append(esc(metric.id())).append("\">\n<h2>").append(number).append(". ").append(esc(metric.label()))
        .append("</h2>\n");
    if (!metric.definition().isEmpty()) {
      html.append("<p class=\"definition\">").append(esc(metric.definition())).append("</p>\n");
    }
    html.append("<p class=\"facts\">");
    fact(html, "统计区间", Texts.dataPeriod(columns.dataPeriod()), "");
    fact(html, metric.format() == ValueFormat.COUNT ? "全省合计" : "全省",
        own == null ? Texts.NO_DATA : Texts.valueWithMark(metric, own), "province");
    if (targetCell != null) {
      fact(html, "目标", Texts.target(metric, targetCell.target(), targetCell.targetMax()), "target");
      long below = slice.counties().stream().map(c -> c.cell(metric.id()))
          .filter(c -> c != null && c.belowTarget()).count();
      long judged = slice.counties().stream().map(c -> c.cell(metric.id()))
          .filter(c -> c != null && c.meetsTarget() != null).count();
      fact(html, "未达标县区", below + " / " + judged, below > 0 ? "bad" : "good");
    }
    fact(html, "排名", metric.ranked()
        ? (metric.direction().equals("higher") ? "数值越高排名越前" : "数值越低排名越前")
        : "不排名", "");
    html.append("</p>\n");
    html.append(BarChart.render(metric, slice, targetCell));
    html.append("</section>\n");
  }

  private static void fact(StringBuilder html, String name, String value, String cssClass) {
    html.append("<span class=\"fact ").append(cssClass).append("\"><b>").append(esc(name)).append("</b> ")
        .append(esc(value)).append("</span>");
  }

  static String anchor(MetricPresentation metric) {
    return "m-" + metric.id().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "-");
  }

  /** Escapes text for HTML element content and quoted attribute values. */
  static String esc(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static String css() {
    return String.join("\n",
        "body { font-family: " + FONT_STACK + "; margin: 0; color: #1f2933; background: #f0f3f7;",
        "  font-size: 15px; line-height: 1.6; }",
        ".wrap { max-width: 1000px; margin: 0 auto; padding: 0 20px; }",
        "header.top { background: #1f4e79; color: #fff; padding: 18px 0 12px; }",
        "header.top h1 { margin: 0 0 8px; font-size: 26px; letter-spacing: 1px; }",
        "dl.run { display: flex; flex-wrap: wrap; gap: 4px 24px; margin: 0; font-size: 14px; }",
        "dl.run div { display: flex; gap: 6px; } dl.run dt { opacity: .75; } dl.run dd { margin: 0; }",
        "section { background: #fff; border-radius: 6px; padding: 14px 20px 18px; margin: 18px 0;",
        "  box-shadow: 0 1px 3px rgba(0,0,0,.08); }",
        "h2 { font-size: 19px; margin: 4px 0 6px; color: #1f4e79; }",
        "h3 { font-size: 16px; margin: 16px 0 6px; }",
        "p.definition { margin: 0 0 6px; color: #3e4c59; }",
        "p.facts { margin: 0 0 8px; display: flex; flex-wrap: wrap; gap: 4px 18px; font-size: 14px; }",
        ".fact b { color: #616e7c; font-weight: normal; }",
        ".fact.province { color: #1f4e79; font-weight: bold; } .fact.target { color: #b3261e; }",
        ".bad { color: #c62828; font-weight: bold; } .good { color: #2e7d32; }",
        "table.grid { border-collapse: collapse; width: 100%; font-size: 14px; }",
        "table.grid th { background: #e8eef5; text-align: left; font-weight: bold; }",
        "table.grid th, table.grid td { border-bottom: 1px solid #e4e7eb; padding: 5px 8px; }",
        "table.grid .num { text-align: right; font-variant-numeric: tabular-nums; }",
        "table.grid a { color: #1f4e79; text-decoration: none; }",
        "svg.chart { display: block; width: 100%; height: auto; max-width: 960px; }",
        "svg.chart text { font-size: 12px; fill: #1f2933; }",
        "svg.chart .axis text { fill: #7b8794; font-size: 11px; }",
        "svg.chart .grid line { stroke: #e4e7eb; stroke-width: 1; }",
        "svg.chart .stripe { fill: #f5f7fa; }",
        "svg.chart .target line { stroke: #c62828; stroke-width: 2; stroke-dasharray: 6 4; }",
        "svg.chart .target text { fill: #c62828; font-weight: bold; }",
        "svg.chart .band rect { fill: #2e7d32; fill-opacity: .12; stroke: #2e7d32; stroke-dasharray: 4 3; }",
        "svg.chart .band text { fill: #2e7d32; font-weight: bold; }",
        "svg.chart .province line { stroke: #1f4e79; stroke-width: 2; }",
        "svg.chart .province text { fill: #1f4e79; font-weight: bold; }",
        "svg.chart rect.bar { fill: #4a7ab7; }",
        "svg.chart .meets rect.bar { fill: #3b8c5a; }",
        "svg.chart .below-target rect.bar { fill: #d64541; }",
        "svg.chart .below-target .name, svg.chart .flag { fill: #c62828; font-weight: bold; }",
        "svg.chart .low-completeness rect.bar { fill-opacity: .45; stroke: #52606d; stroke-dasharray: 3 2; }",
        "svg.chart .values text { paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }",
        "svg.chart .city { fill: #7b8794; font-size: 11px; }",
        "svg.chart .rank { fill: #52606d; }",
        "svg.chart .no-data { fill: #9aa5b1; }",
        ".legend { font-size: 13px; color: #52606d; margin: 0 0 4px; }",
        ".swatch { display: inline-block; width: 12px; height: 12px; vertical-align: -1px; margin: 0 4px 0 12px;",
        "  border-radius: 2px; }",
        ".swatch.meets { background: #3b8c5a; } .swatch.below { background: #d64541; }",
        ".swatch.neutral { background: #4a7ab7; } .swatch.low { background: #4a7ab7; opacity: .45; }",
        ".swatch.line-target { height: 0; border-top: 2px dashed #c62828; border-radius: 0; }",
        ".swatch.line-province { height: 0; border-top: 2px solid #1f4e79; border-radius: 0; }",
        "footer { font-size: 13px; color: #616e7c; padding: 4px 0 24px; }",
        "@media print { body { background: #fff; } section { box-shadow: none; break-inside: avoid-page; }",
        "  header.top { background: #fff; color: #000; } }",
        "");
  }

  /** The counties of a chart in display order: by rank (ranked metrics) or value, no value last. */
  static List<UnitRow> chartOrder(MetricPresentation metric, List<UnitRow> counties) {
    List<UnitRow> ordered = new ArrayList<>(counties);
    Comparator<UnitRow> byCode = Comparator.comparing(UnitRow::countyCode);
    if (metric.ranked()) {
      ordered.sort(Comparator.<UnitRow, Integer>comparing(u -> rankOf(metric, u),
          Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(byCode));
    } else {
      ordered.sort(Comparator.<UnitRow, Double>comparing(u -> valueOf(metric, u),
          Comparator.nullsLast(Comparator.reverseOrder())).thenComparing(byCode));
    }
    return ordered;
  }

  private static Integer rankOf(MetricPresentation metric, UnitRow unit) {
    MetricCell cell = unit.cell(metric.id());
    return cell == null ? null : cell.rank();
  }

  private static Double valueOf(MetricPresentation metric, UnitRow unit) {
    MetricCell cell = unit.cell(metric.id());
    return cell == null ? null : cell.shownValue();
  }
}
