package com.governancemetrics.export;

import static com.governancemetrics.export.ValueFormat.COUNT;
import static com.governancemetrics.export.ValueFormat.NUMBER;
import static com.governancemetrics.export.ValueFormat.PERCENT;
import static com.governancemetrics.export.ValueFormat.YUAN;

import java.util.List;
import java.util.Optional;

/**
 * The presentation of the 17 shipped metrics of SPEC §2 (ids, labels and directions as in the
 * catalogue; definitions in one Chinese sentence), for the export of a run on the shipped catalogue.
 */
public final class ShippedPresentations {

  private static final List<MetricPresentation> CATALOGUE = List.of(
      new MetricPresentation("household_coverage", "三长联系户覆盖率",
          "与邻长、组长或片长建立联系的户数占总户数的比例（月末存量）。", PERCENT, "higher"),
      new MetricPresentation("grid_party_org_coverage", "网格党组织覆盖率",
          "建有党组织的网格数占网格总数的比例（月末存量）。", PERCENT, "higher"),
      new MetricPresentation("party_member_leader_share", "党员邻长占比",
          "邻长中党员所占的比例（月末存量）。", PERCENT, "higher"),
      new MetricPresentation("households_per_neighbour_leader", "邻长平均联系户数",
          "已联系户数除以邻长人数，即每名邻长平均联系的户数，以处于合理区间为宜。", NUMBER, "band"),
      new MetricPresentation("platform_coverage", "村级服务平台开通率",
          "已开通村级服务平台的村（社区）占村（社区）总数的比例（月末存量）。", PERCENT, "higher"),
      new MetricPresentation("appeal_resolution_rate", "群众诉求办结率",
          "年初至本月受理的群众诉求中已办结的比例。", PERCENT, "higher"),
      new MetricPresentation("dispute_settlement_rate", "矛盾纠纷调解成功率",
          "年初至本月调解的矛盾纠纷中调解成功的比例。", PERCENT, "higher"),
      new MetricPresentation("income_ge_100k_share", "集体经营性收入10万元以上村占比",
          "村集体经营性收入达到10万元及以上的村占全部村的比例（最近一个年度）。", PERCENT, "higher"),
      new MetricPresentation("income_ge_500k_share", "集体经营性收入50万元以上村占比",
          "村集体经营性收入达到50万元及以上的村占全部村的比例（最近一个年度）。", PERCENT, "higher"),
      new MetricPresentation("hollow_villages", "集体经济空壳村数",
          "村集体经营性收入不高于空壳村标准（默认为0元）的村数（最近一个年度）。", COUNT, "lower"),
      new MetricPresentation("weak_villages", "集体经济薄弱村数",
          "村集体经营性收入高于空壳村标准、低于5万元的村数（最近一个年度）。", COUNT, "lower"),
      new MetricPresentation("median_operating_income", "村集体经营性收入中位数(元)",
          "各村集体经营性收入的中位数，按村级原始数据精确计算（最近一个年度）。", YUAN, "higher"),
      new MetricPresentation("weak_orgs_identified_ytd", "软弱涣散党组织排查数",
          "年初至本月末排查认定的软弱涣散党组织数。", COUNT, "none"),
      new MetricPresentation("weak_orgs_rectified_ytd", "软弱涣散党组织整顿转化数",
          "年初至本月末完成整顿转化的软弱涣散党组织数。", COUNT, "higher"),
      new MetricPresentation("weak_org_rectification_rate", "软弱涣散党组织整顿转化率",
          "年初至本月末排查认定的软弱涣散党组织中，截至本月末已整顿转化的比例。", PERCENT, "higher"),
      new MetricPresentation("overdue_open_cases", "逾期未整改问题数",
          "截至本月末已过整改期限仍未整改到位的问题数（含软弱涣散党组织整顿和巡察反馈问题）。", COUNT, "lower"),
      new MetricPresentation("on_time_rectification_rate", "按期整改率",
          "年初至本月末完成整改的问题中，在整改期限内完成的比例。", PERCENT, "higher"));

  private ShippedPresentations() {}

  /** The 17 shipped metrics in catalogue order. */
  public static List<MetricPresentation> catalogue() {
    return CATALOGUE;
  }

  public static Optional<MetricPresentation> byId(String id) {
    return CATALOGUE.stream().filter(m -> m.id().equals(id)).findFirst();
  }
}
