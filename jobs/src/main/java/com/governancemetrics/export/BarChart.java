package com.governancemetrics.export;

import static com.governancemetrics.export.HtmlReport.esc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One metric's inline SVG bar chart: a horizontal bar per county in rank order, the target as a dashed
 * line (or the band as a shaded area), the province value as a solid line (not for counts, whose
 * province value is a sum), counties below target in red with 未达标, low completeness faded with *.
 */
final class BarChart {

  private static final int WIDTH = 960;
  private static final int RANK_X = 34;
  private static final int NAME_X = 42;
  private static final int BAR_X0 = 252;
  private static final int BAR_X1 = 828;
  private static final int ROW = 22;
  private static final int BAR = 14;

  private BarChart() {}

  static String render(MetricPresentation metric, ProvinceSlice slice, MetricCell targetCell) {
    List<UnitRow> counties = HtmlReport.chartOrder(metric, slice.counties());
    ValueFormat format = metric.format();
    MetricCell own = slice.provinceCell(metric.id());
    Double provinceValue = own == null || format == ValueFormat.COUNT ? null : own.shownValue();
    Double target = targetCell == null ? null : targetCell.target();
    Double targetMax = targetCell == null ? null : targetCell.targetMax();
    boolean band = metric.direction().equals("band") && target != null && targetMax != null;

    double max = format == ValueFormat.PERCENT ? 1.0 : 0.0;
    for (UnitRow county : counties) {
      MetricCell cell = county.cell(metric.id());
      if (cell != null && cell.shownValue() != null) {
        max = Math.max(max, cell.shownValue());
      }
    }
    for (Double marker : new Double[] {provinceValue, target, targetMax}) {
      if (marker != null) {
        max = Math.max(max, marker);
      }
    }
    double step = niceStep(max <= 0 ? 1 : max / 4, format);
    double domain = Math.max(step, Math.ceil(max / step - 1e-9) * step);

    // Marker labels take one line each above the axis labels: target (or band), then province.
    boolean targetLine = band || target != null;
    int targetLabelY = 14;
    int provinceLabelY = targetLine ? 30 : 14;
    int top = 30 + (targetLine ? 16 : 0) + (provinceValue != null ? 16 : 0);
    int height = top + counties.size() * ROW + 10;
    int bottom = height - 6;
    StringBuilder svg = new StringBuilder(8 * 1024);
    String titleId = "t-" + HtmlReport.anchor(metric);
    svg.append("<p class=\"legend\">");
    if (target != null || band) {
      svg.append("<span class=\"swatch meets\"></span>达标<span class=\"swatch below\"></span>未达标");
    } else {
      svg.append("<span class=\"swatch neutral\"></span>县区数值");
    }
    svg.append("<span class=\"swatch low\"></span>数据不全 *");
    if (band) {
      svg.append("<span class=\"swatch meets\" style=\"opacity:.25\"></span>合理区间");
    } else if (target != null) {
      svg.append("<span class=\"swatch line-target\"></span>目标");
    }
    if (provinceValue != null) {
      svg.append("<span class=\"swatch line-province\"></span>全省");
    }
    svg.append("</p>\n");
    svg.append("<svg class=\"chart ").append(metric.ranked() ? "ranked" : "unranked")
        .append("\" data-metric-id=\"").append(esc(metric.id())).append("\" width=\"").append(WIDTH)
        .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
        .append(height).append("\" role=\"img\" aria-labelledby=\"").append(esc(titleId)).append("\">\n")
        .append("<title id=\"").append(esc(titleId)).append("\">")
        .append(esc(metric.label() + "：各县区" + (metric.ranked() ? "排名" : "数值"))).append("</title>\n");

    // Zebra stripes, then the grid and axis labels.
    for (int i = 0; i < counties.size(); i += 2) {
      svg.append("<rect class=\"stripe\" x=\"0\" y=\"").append(top + i * ROW).append("\" width=\"")
          .append(WIDTH).append("\" height=\"").append(ROW).append("\"/>");
    }
    svg.append("\n<g class=\"grid axis\">");
    for (int i = 0; i * step <= domain + step / 2; i++) {
      double tick = i * step;
      double x = x(tick, domain);
      svg.append("<line x1=\"").append(fmt(x)).append("\" y1=\"").append(top - 6).append("\" x2=\"")
          .append(fmt(x)).append("\" y2=\"").append(bottom).append("\"/>")
          .append("<text x=\"").append(fmt(x)).append("\" y=\"").append(top - 10)
          .append("\" text-anchor=\"middle\">").append(esc(format.axisText(tick))).append("</text>");
    }
    svg.append("</g>\n");

    if (band) {
      double x0 = x(target, domain);
      double x1 = x(targetMax, domain);
      svg.append("<g class=\"band\"><rect x=\"").append(fmt(x0)).append("\" y=\"").append(top - 4)
          .append("\" width=\"").append(fmt(Math.max(1, x1 - x0))).append("\" height=\"")
          .append(bottom - top + 4).append("\"/>");
      label(svg, (x0 + x1) / 2, targetLabelY, "合理区间 " + Texts.target(metric, target, targetMax));
      svg.append("</g>\n");
    }

    // Bars first, then the province and target lines over them, then the value labels on top of all.
    StringBuilder values = new StringBuilder();
    int y = top;
    for (UnitRow county : counties) {
      bar(svg, values, metric, county, y, domain);
      y += ROW;
    }
    if (provinceValue != null) {
      double x = x(provinceValue, domain);
      svg.append("<g class=\"province\"><line x1=\"").append(fmt(x)).append("\" y1=\"").append(top - 6)
          .append("\" x2=\"").append(fmt(x)).append("\" y2=\"").append(bottom).append("\"/>");
      label(svg, x, provinceLabelY, "全省 " + format.text(provinceValue));
      svg.append("</g>\n");
    }
    if (target != null && !band) {
      double x = x(target, domain);
      svg.append("<g class=\"target\"><line x1=\"").append(fmt(x)).append("\" y1=\"").append(top - 6)
          .append("\" x2=\"").append(fmt(x)).append("\" y2=\"").append(bottom).append("\"/>");
      label(svg, x, targetLabelY, "目标 " + Texts.target(metric, target, targetMax));
      svg.append("</g>\n");
    }
    svg.append("<g class=\"values\">").append(values).append("</g>\n</svg>\n");
    return svg.toString();
  }

  private static void bar(StringBuilder svg, StringBuilder values, MetricPresentation metric, UnitRow county, int y,
                          double domain) {
    MetricCell cell = county.cell(metric.id());
    Double value = cell == null ? null : cell.shownValue();
    List<String> classes = new ArrayList<>(List.of("bar-row"));
    if (cell != null && cell.belowTarget()) {
      classes.add("below-target");
    } else if (cell != null && Boolean.TRUE.equals(cell.meetsTarget())) {
      classes.add("meets");
    }
    if (cell != null && cell.isLowCompleteness()) {
      classes.add("low-completeness");
    }
    if (value == null) {
      classes.add("no-value");
    }
    Integer rank = cell == null ? null : cell.rank();
    int textY = y + ROW / 2 + 4;
    svg.append("<g class=\"").append(String.join(" ", classes)).append("\" data-county-code=\"")
        .append(esc(county.countyCode())).append('"');
    if (rank != null) {
      svg.append(" data-rank=\"").append(rank).append('"');
    }
    svg.append(">");
    svg.append("<title>").append(esc(tooltip(metric, county, cell))).append("</title>");
    if (metric.ranked()) {
      svg.append("<text class=\"rank\" x=\"").append(RANK_X).append("\" y=\"").append(textY)
          .append("\" text-anchor=\"end\">").append(rank == null ? "–" : rank).append("</text>");
    }
    name(svg, county, textY);
    if (value == null) {
      svg.append("<text class=\"no-data\" x=\"").append(BAR_X0 + 4).append("\" y=\"").append(textY).append("\">")
          .append(Texts.NO_DATA).append(cell != null && cell.isLowCompleteness() ? "（未报送）" : "")
          .append("</text>");
    } else {
      double width = Math.max(0, x(value, domain) - BAR_X0);
      if (value > 0) {
        width = Math.max(width, 1.5);
      }
      svg.append("<rect class=\"bar\" x=\"").append(BAR_X0).append("\" y=\"").append(y + (ROW - BAR) / 2)
          .append("\" width=\"").append(fmt(width)).append("\" height=\"").append(BAR).append("\" rx=\"2\"/>");
      values.append("<text class=\"value\" x=\"").append(fmt(BAR_X0 + width + 6)).append("\" y=\"").append(textY)
          .append("\">").append(esc(metric.format().text(value)));
      if (cell.belowTarget()) {
        values.append("<tspan class=\"flag\" dx=\"6\">未达标</tspan>");
      }
      if (cell.isLowCompleteness()) {
        values.append("<tspan dx=\"4\">").append(Texts.LOW_COMPLETENESS_MARK).append("</tspan>");
      }
      values.append("</text>");
    }
    svg.append("</g>\n");
  }

  /** County name, then its city in grey when both fit before the bars; squeezed when the name alone is long. */
  private static void name(StringBuilder svg, UnitRow county, int textY) {
    double room = BAR_X0 - NAME_X - 8;
    double nameWidth = pixels(county.countyName(), 12);
    double cityWidth = pixels(county.cityName(), 11) + 6;
    svg.append("<text class=\"name\" x=\"").append(NAME_X).append("\" y=\"").append(textY).append('"');
    if (nameWidth > room) {
      svg.append(" textLength=\"").append(fmt(room)).append("\" lengthAdjust=\"spacingAndGlyphs\"");
    }
    svg.append(">").append(esc(county.countyName()));
    if (nameWidth + cityWidth <= room) {
      svg.append("<tspan class=\"city\" dx=\"6\">").append(esc(county.cityName())).append("</tspan>");
    }
    svg.append("</text>");
  }

  private static String tooltip(MetricPresentation metric, UnitRow county, MetricCell cell) {
    StringBuilder tip = new StringBuilder(county.cityName() + " " + county.countyName() + "：");
    tip.append(Texts.valueWithMark(metric, cell));
    if (cell != null && cell.rank() != null) {
      tip.append("，").append(Texts.rank(cell.rank(), cell.rankedIn()));
    }
    if (cell != null && cell.rankChange() != null) {
      tip.append("，较上月 ").append(Texts.rankChange(cell.rankChange()));
    }
    if (cell != null && cell.meetsTarget() != null) {
      tip.append("，").append(Texts.meets(cell.meetsTarget()));
    }
    if (cell != null && cell.isLowCompleteness() && cell.completeness() != null) {
      tip.append("，数据完整度 ").append(ValueFormat.PERCENT.text(cell.completeness()));
    }
    return tip.toString();
  }

  /** A label centred on x at the top of the chart, kept inside the drawing. */
  private static void label(StringBuilder svg, double x, int y, String text) {
    double half = pixels(text, 12) / 2;
    double centre = Math.min(Math.max(x, half + 4), WIDTH - half - 4);
    svg.append("<text x=\"").append(fmt(centre)).append("\" y=\"").append(y).append("\" text-anchor=\"middle\">")
        .append(esc(text)).append("</text>");
  }

  private static double x(double value, double domain) {
    return BAR_X0 + Math.max(0, Math.min(value, domain)) / domain * (BAR_X1 - BAR_X0);
  }

  /** A step of 1, 2, 2.5 or 5 × 10^n near raw; whole numbers for counts. */
  static double niceStep(double raw, ValueFormat format) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double fraction = raw / magnitude;
    double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
    double step = nice * magnitude;
    return format == ValueFormat.COUNT ? Math.max(1, Math.ceil(step)) : step;
  }

  /** Approximate text width in pixels: Chinese characters a full em, others about half. */
  private static double pixels(String text, int fontSize) {
    return Texts.displayWidth(text) * fontSize * 0.55;
  }

  private static String fmt(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }
}
