package com.governancemetrics.export;

import java.util.Map;

/** Chinese names of the datasets and quarantine reasons of SPEC §1, for the data-quality sheet and section. */
final class DataQualityLabels {

  private static final Map<String, String> DATASETS = Map.of(
      "townships", "乡镇区划",
      "grid_coverage", "三长制与网格党组织",
      "service_appeals", "服务平台与诉求纠纷",
      "collective_income", "村集体经济收入",
      "rectification_cases", "整顿整改问题");

  private static final Map<String, String> REASONS = Map.ofEntries(
      Map.entry("missing_key", "缺少主键"),
      Map.entry("malformed_code", "代码格式错误"),
      Map.entry("bad_period", "期别格式错误"),
      Map.entry("partition_mismatch", "与分区目录不一致"),
      Map.entry("type_mismatch", "类型不符"),
      Map.entry("missing_value", "缺少数值"),
      Map.entry("unknown_township", "乡镇不在区划代码中"),
      Map.entry("village_outside_township", "村不属于所填乡镇"),
      Map.entry("negative_value", "数值为负"),
      Map.entry("part_exceeds_whole", "部分大于总数"),
      Map.entry("date_order", "日期先后矛盾"),
      Map.entry("unknown_case_type", "未知问题类型"),
      Map.entry("conflicting_duplicate", "重复且内容矛盾"));

  private DataQualityLabels() {}

  /** The dataset's Chinese name, or its id when it is not one of SPEC §1's. */
  static String dataset(String id) {
    return DATASETS.getOrDefault(id, id);
  }

  /** The reason's Chinese wording, or its id when it is not one of SPEC §1's. */
  static String reason(String id) {
    return REASONS.getOrDefault(id, id);
  }
}
