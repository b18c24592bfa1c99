package com.governancemetrics.export;

import static com.governancemetrics.export.HtmlReport.esc;

import com.governancemetrics.rollup.Level;

/** The report's 数据异常提示 section: the province's flagged values with their reasons, to ask about. */
final class AnomalySection {

  /** At most this many entries on the page; the workbook's sheet lists them all. */
  static final int SHOWN = 200;

  private AnomalySection() {}

  static void render(StringBuilder html, AnomalyList anomalies) {
    html.append("<section class=\"anomalies\" id=\"anomalies\">\n<h2>数据异常提示</h2>\n");
    if (anomalies.isEmpty()) {
      html.append("<p class=\"good\">本期未发现与本单位历史或同级单位相比明显异常的数值。</p>\n</section>\n");
      return;
    }
    html.append("<p>").append(esc("以下数值与本单位上月、近12期或同级单位相比明显异常（全省 "
        + anomalies.count(Level.PROVINCE) + " 项，市州 " + anomalies.count(Level.CITY) + " 项，县区 "
        + anomalies.count(Level.COUNTY) + " 项，乡镇（街道） " + anomalies.count(Level.TOWNSHIP)
        + " 项）。发布前请向报送单位核实；异常提示不改变数值、排名和达标判断。"))
        .append("</p>\n");
    html.append("<table class=\"grid\"><thead><tr><th>层级</th><th>单位</th><th>指标</th>"
        + "<th class=\"num\">本期数值</th><th class=\"num\">上月数值</th><th>异常原因</th>"
        + "</tr></thead>\n<tbody>\n");
    int shown = 0;
    for (AnomalyList.Entry e : anomalies.entries()) {
      if (shown++ == SHOWN) {
        break;
      }
      html.append("<tr data-unit-code=\"").append(esc(e.unitCode())).append("\" data-metric-id=\"")
          .append(esc(e.metric().id())).append("\"><td>").append(esc(e.levelName()))
          .append("</td><td>").append(esc(e.unitName())).append(" <small>")
          .append(esc(e.unitCode())).append("</small></td><td>").append(esc(e.metric().label()))
          .append("</td><td class=\"num\">")
          .append(esc(AnomalyList.shown(e.metric(), e.cell().value())))
          .append("</td><td class=\"num\">")
          .append(esc(AnomalyList.shown(e.metric(), e.cell().prevValue())))
          .append("</td><td class=\"bad\">").append(esc(e.cell().anomalyReason()))
          .append("</td></tr>\n");
    }
    html.append("</tbody></table>\n");
    if (anomalies.entries().size() > SHOWN) {
      html.append("<p>").append(esc("另有 " + (anomalies.entries().size() - SHOWN)
          + " 项未列出，见县区对比表.xlsx 的“" + ComparisonWorkbook.ANOMALY_SHEET + "”工作表。"))
          .append("</p>\n");
    }
    html.append("</section>\n");
  }
}
