package com.governancemetrics.export;

import static com.governancemetrics.export.HtmlReport.esc;

import com.governancemetrics.output.RunManifest;
import java.util.Map;

/** The report's 数据质量 section: the run's rows read, accepted, quarantined and dropped, from its manifest. */
final class QualitySection {

  private QualitySection() {}

  static void render(StringBuilder html, RunInfo run) {
    html.append("<section class=\"quality\" id=\"data-quality\">\n<h2>数据质量</h2>\n");
    if (run.manifest().manifest().isEmpty()) {
      html.append("<p class=\"bad\">").append(esc("无法列出本次运行的数据质量统计：" + run.manifest().problem()))
          .append("</p>\n</section>\n");
      return;
    }
    RunManifest manifest = run.manifest().manifest().get();
    html.append("<p>").append(esc("本次运行（" + nullToDash(manifest.job()) + "，状态 " + (manifest.status() == null ? "—" : manifest.status().word())
        + "）读取的全部输入数据，涵盖所有省份，不限于本省。读取行数 = 接收行数 + 隔离行数 + 重复丢弃行数；"
        + "被隔离的行未参与计算。")).append("</p>\n");
    html.append("<table class=\"grid\"><thead><tr><th>数据集</th><th class=\"num\">读取行数</th>"
        + "<th class=\"num\">接收行数</th><th class=\"num\">隔离行数</th><th class=\"num\">重复丢弃行数</th>"
        + "<th class=\"num\">隔离占比</th></tr></thead>\n<tbody>\n");
    for (Map.Entry<String, RunManifest.Dataset> e : manifest.datasets().entrySet()) {
      RunManifest.Dataset d = e.getValue();
      html.append("<tr><td>").append(esc(DataQualityLabels.dataset(e.getKey()))).append(" <small>")
          .append(esc(e.getKey())).append("</small></td>");
      count(html, d.rowsRead());
      count(html, d.rowsAccepted());
      count(html, d.rowsQuarantined());
      count(html, d.duplicatesDropped());
      html.append("<td class=\"num\">").append(d.quarantinedShare() == null ? "—"
          : esc(ValueFormat.PERCENT.text(d.quarantinedShare()))).append("</td></tr>\n");
    }
    html.append("</tbody></table>\n");

    html.append("<h3>隔离原因</h3>\n");
    StringBuilder reasons = new StringBuilder();
    for (Map.Entry<String, RunManifest.Dataset> e : manifest.datasets().entrySet()) {
      for (var reason : e.getValue().quarantinedByReason().entrySet()) {
        reasons.append("<tr><td>").append(esc(DataQualityLabels.dataset(e.getKey()))).append("</td><td>")
            .append(esc(DataQualityLabels.reason(reason.getKey()))).append(" <small>").append(esc(reason.getKey()))
            .append("</small></td>");
        count(reasons, reason.getValue());
        reasons.append("</tr>\n");
      }
    }
    if (reasons.length() == 0) {
      html.append("<p>没有被隔离的行。</p>\n");
    } else {
      html.append("<table class=\"grid\"><thead><tr><th>数据集</th><th>原因</th><th class=\"num\">行数</th></tr>"
          + "</thead>\n<tbody>\n").append(reasons).append("</tbody></table>\n");
    }

    StringBuilder skipped = new StringBuilder();
    StringBuilder extra = new StringBuilder();
    for (Map.Entry<String, RunManifest.Dataset> e : manifest.datasets().entrySet()) {
      RunManifest.Dataset d = e.getValue();
      for (RunManifest.SkippedFile file : d.filesSkipped()) {
        skipped.append("<li>").append(esc(DataQualityLabels.dataset(e.getKey()) + "：" + file.file()
            + (file.reason() == null ? "" : "（" + file.reason() + "）"))).append("</li>\n");
      }
      if (!d.extraColumns().isEmpty()) {
        extra.append("<li>").append(esc(DataQualityLabels.dataset(e.getKey()) + "："
            + String.join("、", d.extraColumns()))).append("</li>\n");
      }
    }
    if (skipped.length() > 0) {
      html.append("<h3>跳过的文件</h3>\n<ul>\n").append(skipped).append("</ul>\n");
    }
    if (extra.length() > 0) {
      html.append("<h3>未使用的多余列</h3>\n<ul>\n").append(extra).append("</ul>\n");
    }
    html.append("</section>\n");
  }

  private static void count(StringBuilder html, Long value) {
    html.append("<td class=\"num\">").append(value == null ? "—" : esc(ValueFormat.COUNT.text(value.doubleValue())))
        .append("</td>");
  }

  private static String nullToDash(String text) {
    return text == null ? "—" : text;
  }
}
