package com.governancemetrics.export;

import com.governancemetrics.periods.Period;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** The run an export belongs to, as stated on every file: period, run id, version and times. */
record RunInfo(Period period, String runId, String version, ZonedDateTime generatedAt,
               RunQuality manifest) {

  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  String generatedText() {
    return SHOWN.format(generatedAt);
  }

  /** When the run ended (or started) per its manifest, as written there; empty without a manifest. */
  String runTimeText() {
    return manifest.manifest().map(m -> {
      String start = m.startedAt() == null ? "" : m.startedAt();
      String end = m.endedAt() == null ? "" : m.endedAt();
      return start.isEmpty() || end.isEmpty() ? start + end : start + " 至 " + end;
    }).orElse("");
  }

  /** One line: 数据期 2024-06 ｜ 运行编号 … ｜ 版本 … ｜ 生成时间 …. */
  String noteLine() {
    StringBuilder note = new StringBuilder("数据期：" + period + "　运行编号：" + runId);
    if (!version.isEmpty()) {
      note.append("　版本：").append(version);
    }
    String runTime = runTimeText();
    if (!runTime.isEmpty()) {
      note.append("　运行时间：").append(runTime);
    }
    note.append("　导出时间：").append(generatedText());
    return note.toString();
  }
}
