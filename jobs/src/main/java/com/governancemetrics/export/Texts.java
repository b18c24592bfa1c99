package com.governancemetrics.export;

/** The wording shared by the CSV, the workbook and the report: ranks, rank changes, 达标, targets. */
final class Texts {

  static final String NO_DATA = "无数据";
  static final String LOW_COMPLETENESS_MARK = "*";

  private Texts() {}

  /** "第3名/共24": the rank and how many units were ranked; empty without a rank. */
  static String rank(Integer rank, Integer rankedIn) {
    if (rank == null) {
      return "";
    }
    return rankedIn == null ? "第" + rank + "名" : "第" + rank + "名/共" + rankedIn;
  }

  /** The Excel number format that shows a rank cell like {@link #rank} while the cell stays a number. */
  static String rankExcelFormat(Integer rankedIn) {
    return rankedIn == null ? "\"第\"0\"名\"" : "\"第\"0\"名/共" + rankedIn + "\"";
  }

  /** ↑2 (moved up two places), ↓1, – (same place); empty when there is no previous rank. */
  static String rankChange(Integer change) {
    if (change == null) {
      return "";
    }
    if (change > 0) {
      return "↑" + change;
    }
    return change < 0 ? "↓" + (-change) : "–";
  }

  /** The Excel number format that shows a rank change like {@link #rankChange}. */
  static final String RANK_CHANGE_EXCEL_FORMAT = "\"↑\"0;\"↓\"0;\"–\"";

  /** 达标 / 未达标; empty when there is no target or no value (meets_target null). */
  static String meets(Boolean meets) {
    if (meets == null) {
      return "";
    }
    return meets ? "达标" : "未达标";
  }

  /** The target as a person reads it: ≥95.0%, ≤0, 5.0–15.0 (band); empty without a target. */
  static String target(MetricPresentation metric, Double target, Double targetMax) {
    if (target == null) {
      return "";
    }
    ValueFormat format = metric.format();
    return switch (metric.direction()) {
      case "lower" -> "≤" + format.text(target);
      case "band" -> format.text(target) + "–" + (targetMax == null ? "" : format.text(targetMax));
      default -> "≥" + format.text(target);
    };
  }

  /** The value's text, "无数据" when there is none, with the low-completeness mark when flagged. */
  static String valueWithMark(MetricPresentation metric, MetricCell cell) {
    if (cell == null || cell.shownValue() == null) {
      return cell != null && cell.isLowCompleteness() ? NO_DATA + LOW_COMPLETENESS_MARK : NO_DATA;
    }
    return metric.format().text(cell.shownValue()) + (cell.isLowCompleteness() ? LOW_COMPLETENESS_MARK : "");
  }

  /** "2024-06", "2024-01..2024-06", "2023", "as of 2024-06-30" (SPEC §3) in Chinese. */
  static String dataPeriod(String dataPeriod) {
    if (dataPeriod == null || dataPeriod.isBlank()) {
      return "";
    }
    if (dataPeriod.matches("[0-9]{4}")) {
      return dataPeriod + "年度";
    }
    if (dataPeriod.startsWith("as of ")) {
      return "截至" + dataPeriod.substring("as of ".length());
    }
    if (dataPeriod.contains("..")) {
      return dataPeriod.replace("..", "至");
    }
    return dataPeriod;
  }

  /** The width of a text in Excel character units: a Chinese character is about two Latin ones. */
  static double displayWidth(String text) {
    if (text == null) {
      return 0;
    }
    double width = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      width += cp < 0x1100 ? 1.0 : 2.0;
      i += Character.charCount(cp);
    }
    return width;
  }
}
