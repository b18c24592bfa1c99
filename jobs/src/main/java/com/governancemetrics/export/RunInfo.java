package com.governancemetrics.export;

import com.governancemetrics.periods.Period;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The run an export belongs to, as stated on every file: period, run id, version and times, every
 * time in {@link #ZONE} (the manifest's, written in UTC, converted) and labelled so.
 */
record RunInfo(Period period, String runId, String version, ZonedDateTime generatedAt,
               RunQuality manifest) {

  /** The one zone the exports show times in. */
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  /** How the exports name {@link #ZONE}. */
  static final String ZONE_LABEL = "北京时间（Asia/Shanghai）";

  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  String generatedText() {
    return SHOWN.format(generatedAt.withZoneSameInstant(ZONE));
  }

  /**
   * When the run started and ended per its manifest, in {@link #ZONE}; empty without a manifest (a
   * time that does not parse is shown as written).
   */
  String runTimeText() {
    return manifest.manifest().map(m -> {
      String start = shown(m.startedAt());
      String end = shown(m.endedAt());
      return start.isEmpty() || end.isEmpty() ? start + end : start + " 至 " + end;
    }).orElse("");
  }

  private static String shown(String written) {
    if (written == null || written.isEmpty()) {
      return "";
    }
    try {
      return SHOWN.format(OffsetDateTime.parse(written).atZoneSameInstant(ZONE));
    } catch (DateTimeParseException e) {
      return written;
    }
  }

  /** One line: 数据期 2024-06 ｜ 运行编号 … ｜ 版本 … ｜ 运行时间 … ｜ 导出时间 …（北京时间）. */
  String noteLine() {
    StringBuilder note = new StringBuilder("数据期：" + period + "　运行编号：" + runId);
    if (!version.isEmpty()) {
      note.append("　版本：").append(version);
    }
    String runTime = runTimeText();
    if (!runTime.isEmpty()) {
      note.append("　运行时间：").append(runTime);
    }
    note.append("　导出时间：").append(generatedText()).append("（").append(ZONE_LABEL)
        .append("）");
    return note.toString();
  }
}
