package com.governancemetrics.export;

import com.governancemetrics.output.RunManifest;
import java.util.List;
import java.util.Map;
import org.dhatim.fastexcel.Worksheet;

/**
 * The 数据质量 sheet: per dataset the rows read, accepted, quarantined and dropped as duplicates, the
 * quarantined rows per reason, the skipped files and extra columns, from the run's manifest (SPEC §3).
 * The manifest covers the whole run, every province, and the sheet says so.
 */
final class DataQualitySheet {

  private static final String HEADER_FILL = "DDEBF7";

  private DataQualitySheet() {}

  static void write(Worksheet ws, RunInfo run) {
    ws.value(0, 0, "数据质量　" + run.noteLine());
    ws.style(0, 0).bold().fontSize(12).set();
    ws.width(0, 22);
    ws.width(1, 24);
    for (int c = 2; c <= 6; c++) {
      ws.width(c, 14);
    }
    if (run.manifest().manifest().isEmpty()) {
      ws.value(1, 0, "无法列出本次运行的数据质量统计：" + run.manifest().problem());
      ws.style(1, 0).fontColor("C00000").set();
      ws.freezePane(0, 1);
      return;
    }
    RunManifest manifest = run.manifest().manifest().get();
    ws.value(1, 0, "说明：以下为本次运行（" + nullToEmpty(manifest.job()) + "，状态 "
        + (manifest.status() == null ? "" : manifest.status().word()) + "）读取的全部输入数据的统计，涵盖所有省份，不限于本省。"
        + "读取行数 = 接收行数 + 隔离行数 + 重复丢弃行数。");
    ws.style(1, 0).fontColor("595959").set();

    int row = 2;
    header(ws, row, List.of("数据集", "数据集名称", "读取行数", "接收行数", "隔离行数", "重复丢弃行数", "隔离占比"));
    ws.freezePane(0, row + 1);
    row++;
    for (Map.Entry<String, RunManifest.Dataset> e : manifest.datasets().entrySet()) {
      RunManifest.Dataset d = e.getValue();
      ws.value(row, 0, e.getKey());
      ws.value(row, 1, DataQualityLabels.dataset(e.getKey()));
      count(ws, row, 2, d.rowsRead());
      count(ws, row, 3, d.rowsAccepted());
      count(ws, row, 4, d.rowsQuarantined());
      count(ws, row, 5, d.duplicatesDropped());
      if (d.quarantinedShare() != null) {
        ws.value(row, 6, d.quarantinedShare());
        ws.style(row, 6).format("0.00%").set();
      }
      row++;
    }

    row++;
    header(ws, row++, List.of("数据集", "隔离原因", "原因说明", "隔离行数"));
    boolean anyReason = false;
    for (Map.Entry<String, RunManifest.Dataset> e : manifest.datasets().entrySet()) {
      for (var reason : e.getValue().quarantinedByReason().entrySet()) {
        ws.value(row, 0, e.getKey());
        ws.value(row, 1, reason.getKey());
        ws.value(row, 2, DataQualityLabels.reason(reason.getKey()));
        count(ws, row, 3, reason.getValue());
        row++;
        anyReason = true;
      }
    }
    if (!anyReason) {
      ws.value(row++, 0, "没有被隔离的行。");
    }

    row++;
    header(ws, row++, List.of("数据集", "跳过的文件", "原因"));
    boolean anySkipped = false;
    for (Map.Entry<String, RunManifest.Dataset> e : manifest.datasets().entrySet()) {
      for (RunManifest.SkippedFile file : e.getValue().filesSkipped()) {
        ws.value(row, 0, e.getKey());
        ws.value(row, 1, file.file());
        ws.value(row, 2, nullToEmpty(file.reason()));
        row++;
        anySkipped = true;
      }
    }
    if (!anySkipped) {
      ws.value(row++, 0, "没有跳过的文件。");
    }

    row++;
    header(ws, row++, List.of("数据集", "未使用的多余列"));
    boolean anyExtra = false;
    for (Map.Entry<String, RunManifest.Dataset> e : manifest.datasets().entrySet()) {
      if (!e.getValue().extraColumns().isEmpty()) {
        ws.value(row, 0, e.getKey());
        ws.value(row, 1, String.join("、", e.getValue().extraColumns()));
        row++;
        anyExtra = true;
      }
    }
    if (!anyExtra) {
      ws.value(row, 0, "没有多余列。");
    }
  }

  private static void header(Worksheet ws, int row, List<String> titles) {
    for (int c = 0; c < titles.size(); c++) {
      ws.value(row, c, titles.get(c));
      ws.style(row, c).bold().fillColor(HEADER_FILL).borderStyle("thin").set();
    }
  }

  private static void count(Worksheet ws, int row, int col, Long value) {
    if (value != null) {
      ws.value(row, col, value);
      ws.style(row, col).format("#,##0").set();
    }
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }
}
