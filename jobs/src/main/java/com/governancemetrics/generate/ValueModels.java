package com.governancemetrics.generate;

import static com.governancemetrics.generate.TownshipProfile.clamp;
import static com.governancemetrics.generate.TownshipProfile.monthIndex;

import com.governancemetrics.periods.Period;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The valid values of each dataset, shaped like the seed reports: coverage mostly 80–100%, resolution
 * 90–97%, a long-tailed village income with hollow villages, weak organisations identified and
 * rectified (some late, some exactly on the deadline, some still open). Stock values drift smoothly:
 * they are a township's level plus a slow trend in months since 2024-01 plus a little monthly noise, so
 * each month is computed on its own, in any task, yet looks like the month before.
 */
final class ValueModels {

  static final String WEAK_PARTY_ORG = "weak_party_org";
  static final String INSPECTION_FINDING = "inspection_finding";

  private static final List<String> VILLAGE_STEMS = List.of(
      "东风", "红旗", "新华", "胜利", "和平", "团结", "光明", "向阳", "前进", "建设", "幸福", "永安", "长兴",
      "大王", "李家", "张家", "刘家", "陈家", "杨家", "黄家", "赵家", "吴家", "周家", "徐家", "孙家", "马家",
      "朱家", "胡家", "郭家", "何家", "高家", "林家", "罗家", "郑家", "梁家", "谢家", "宋家", "唐家", "石门",
      "青山", "白水", "黄土", "柳树", "桃源", "杏花", "枣林", "金沙", "银河", "龙泉", "凤凰", "双河", "三合",
      "四平", "五里", "六合", "七星", "八角", "九龙", "十里", "高桥", "小河", "大坪", "上庄", "下寨", "中岭");
  private static final List<String> VILLAGE_ENDINGS = List.of(
      "村", "村", "村", "村", "湾村", "坪村", "沟村", "坝村", "岭村", "铺村", "桥村", "寨村", "庄村");
  private static final List<String> COMMUNITY_STEMS = List.of(
      "南门", "北街", "东城", "西关", "新城", "滨江", "金桥", "文化", "花园", "钟楼", "人民路", "解放路",
      "建设路", "中山路", "朝阳", "阳光", "锦绣", "翠苑", "东湖", "西园", "站前", "府前", "学府", "丰收");
  /** Weak party organisations are mostly identified in the spring campaign (排查). */
  private static final double[] CAMPAIGN_MONTH_WEIGHTS = {4, 6, 12, 14, 12, 10, 8, 7, 8, 7, 6, 6};

  private ValueModels() {}

  static double households(TownshipProfile p, int t) {
    return p.householdsBase * Math.max(0.5, 1 + p.householdsGrowth * t);
  }

  /** One township's grid_coverage row for a month (columns of {@link GenDataset#GRID_COVERAGE}). */
  static Object[] gridCoverage(long seed, TownshipProfile p, Period m) {
    GenDataset ds = GenDataset.GRID_COVERAGE;
    Rand r = Rand.of(seed, ds.folder(), p.code, m.toString());
    int t = monthIndex(m.year(), m.month().getMonthValue());
    double h = households(p, t);
    long total = Math.max(30, Math.round(h * (1 + r.normal(0, 0.0015))));
    double coverage = clamp(p.coverageLevel + p.coverageSlope * t + r.normal(0, 0.004), 0.45, 1.0);
    long covered = Math.min(total, Math.round(total * coverage));
    long leaders = Math.max(1, Math.round(covered / p.householdsPerLeader));
    double share = clamp(p.partyShare + r.normal(0, 0.005), 0.2, 0.95);
    long party = Math.min(leaders, Math.round(leaders * share));
    long groups = Math.max(1, Math.round(leaders / p.leadersPerGroup));
    long zones = Math.max(1, Math.round(groups / p.groupsPerZone));
    long grids = Math.max(1, Math.round(h / p.householdsPerGrid));
    double orgShare = clamp(p.partyOrgLevel + p.partyOrgSlope * t + r.normal(0, 0.005), 0.5, 1.0);
    long withOrg = Math.min(grids, Math.round(grids * orgShare));

    Object[] v = ds.newValues();
    v[ds.idx("township_code")] = p.code;
    v[ds.idx("households_total")] = total;
    v[ds.idx("households_covered")] = covered;
    v[ds.idx("zone_leaders")] = zones;
    v[ds.idx("group_leaders")] = groups;
    v[ds.idx("neighbour_leaders")] = leaders;
    v[ds.idx("neighbour_leaders_party")] = party;
    v[ds.idx("grids_total")] = grids;
    v[ds.idx("grids_with_party_org")] = withOrg;
    return v;
  }

  /** One township's service_appeals row for a month. */
  static Object[] serviceAppeals(long seed, TownshipProfile p, Period m) {
    GenDataset ds = GenDataset.SERVICE_APPEALS;
    Rand r = Rand.of(seed, ds.folder(), p.code, m.toString());
    int month = m.month().getMonthValue();
    int t = monthIndex(m.year(), month);
    double h = households(p, t);
    long villages = p.villageCount();
    // Platform gaps: some close over a few months from 2023-01, others persist.
    double gap = p.platformGapCloses == Integer.MAX_VALUE
        ? p.platformGap
        : p.platformGap * clamp(1.0 - (t + 12) / (double) p.platformGapCloses, 0, 1);
    long live = villages - Math.round(villages * gap);
    long certified = Math.round(h * clamp(p.certifiedBase + 0.004 * t, 0.05, 0.98));
    double season = 1 + 0.15 * StrictMath.sin(2 * StrictMath.PI * (month - 1) / 12.0);
    long received = r.poisson(h / 1000.0 * p.appealsPerThousand * season);
    double resolution = clamp(p.resolutionLevel + r.normal(0, 0.02), 0.5, 1.0);
    long resolved = Math.min(received, r.stochasticRound(received * resolution));
    long mediated = r.poisson(received * p.disputeShare);
    double settlement = clamp(p.settlementLevel + r.normal(0, 0.025), 0.5, 1.0);
    long settled = Math.min(mediated, r.stochasticRound(mediated * settlement));

    Object[] v = ds.newValues();
    v[ds.idx("township_code")] = p.code;
    v[ds.idx("villages_total")] = villages;
    v[ds.idx("villages_platform_live")] = live;
    v[ds.idx("households_certified")] = certified;
    v[ds.idx("appeals_received")] = received;
    v[ds.idx("appeals_resolved")] = resolved;
    v[ds.idx("disputes_mediated")] = mediated;
    v[ds.idx("disputes_settled")] = settled;
    return v;
  }

  /**
   * One village's collective_income row for a year: log-normal operating income (median about 22万,
   * a few millions), hollow villages (exactly 0) that mostly stay hollow, total = operating + other
   * income (subsidies, rents), never below operating.
   */
  static Object[] collectiveIncome(long seed, TownshipProfile p, String villageCode, int year) {
    GenDataset ds = GenDataset.COLLECTIVE_INCOME;
    String villageType = TownshipProfile.villageType(villageCode);
    Rand village = Rand.of(seed, "village", villageCode);
    boolean hollowProne = village.chance(p.hollowShare);
    double base = village.logNormal(220000, 0.9) * p.incomeFactor * (villageType.equals("社区") ? 1.2 : 1.0);
    double growth = village.normal(0.06, 0.04);

    Rand r = Rand.of(seed, ds.folder(), villageCode, Integer.toString(year));
    boolean hollow = hollowProne ? r.chance(0.85) : r.chance(0.004);
    long operatingCents;
    long otherCents;
    if (hollow) {
      operatingCents = 0;
      otherCents = Math.round(r.uniform(10000, 100000) * 100);
    } else {
      double yuan = base * StrictMath.exp(growth * (year - TownshipProfile.EPOCH_YEAR) + r.normal(0, 0.12));
      operatingCents = Math.max(1, Math.round(yuan * 100));
      otherCents = Math.round(operatingCents * r.uniform(0.2, 1.2) + r.uniform(20000, 150000) * 100);
    }

    Object[] v = ds.newValues();
    v[ds.idx("village_code")] = villageCode;
    v[ds.idx("village_name")] = villageName(seed, villageCode);
    v[ds.idx("township_code")] = p.code;
    v[ds.idx("village_type")] = villageType;
    v[ds.idx("operating_income_yuan")] = BigDecimal.valueOf(operatingCents, 2);
    v[ds.idx("total_income_yuan")] = BigDecimal.valueOf(operatingCents + otherCents, 2);
    return v;
  }

  static String villageName(long seed, String villageCode) {
    Rand r = Rand.of(seed, "village-name", villageCode);
    if (TownshipProfile.villageType(villageCode).equals("社区")) {
      return r.pick(COMMUNITY_STEMS) + "社区";
    }
    return r.pick(VILLAGE_STEMS) + r.pick(VILLAGE_ENDINGS);
  }

  /**
   * One township's rectification cases identified in {@code year}, only in the months of the run
   * ({@code months}), sorted by identified date, with ids {@code RC-<year>-<township>-<nnn>}.
   * Weak party organisations: a few per hundred villages a year; inspection findings: a few per hundred
   * townships, concerning a village or the township itself. Deadlines 3–6 months later; most
   * rectified in time, some exactly on the deadline day, some late, some open. Nothing is rectified after
   * {@code snapshot} (the last day generated): such cases are still open.
   */
  static List<Object[]> rectificationCases(long seed, TownshipProfile p, int year, Set<Integer> months,
      LocalDate snapshot) {
    GenDataset ds = GenDataset.RECTIFICATION_CASES;
    List<Object[]> cases = new ArrayList<>();
    List<String> villages = p.villageCodes();
    for (String village : villages) {
      Rand r = Rand.of(seed, "case", village, Integer.toString(year));
      if (!r.chance(p.weakOrgRate)) {
        continue;
      }
      int month = campaignMonth(r);
      if (months.contains(month)) {
        cases.add(newCase(ds, r, p, village, WEAK_PARTY_ORG, year, month, snapshot));
      }
    }
    Rand inspections = Rand.of(seed, "inspection", p.code, Integer.toString(year));
    long count = inspections.poisson(p.inspectionRate);
    for (long i = 0; i < count; i++) {
      int month = inspections.between(1, 12);
      String village = !villages.isEmpty() && inspections.chance(0.6) ? inspections.pick(villages) : null;
      if (months.contains(month)) {
        cases.add(newCase(ds, inspections, p, village, INSPECTION_FINDING, year, month, snapshot));
      }
    }
    int identified = ds.idx("identified_date");
    cases.sort(Comparator.comparing((Object[] c) -> (LocalDate) c[identified]));
    int caseId = ds.idx("case_id");
    for (int i = 0; i < cases.size(); i++) {
      cases.get(i)[caseId] = caseId(year, p.code, String.format(Locale.ROOT, "%03d", i + 1));
    }
    return cases;
  }

  /** A valid inspection finding of the township, for a forced fault where a unit had no case. */
  static Object[] extraCase(long seed, TownshipProfile p, int year, int month, String serial,
      LocalDate snapshot) {
    GenDataset ds = GenDataset.RECTIFICATION_CASES;
    Rand r = Rand.of(seed, "extra-case", p.code, Integer.toString(year), serial);
    Object[] c = newCase(ds, r, p, null, INSPECTION_FINDING, year, month, snapshot);
    c[ds.idx("case_id")] = caseId(year, p.code, serial);
    return c;
  }

  static String caseId(int year, String township, String serial) {
    return "RC-" + year + "-" + township + "-" + serial;
  }

  private static Object[] newCase(GenDataset ds, Rand r, TownshipProfile p, String village,
      String type, int year, int month, LocalDate snapshot) {
    LocalDate first = LocalDate.of(year, month, 1);
    LocalDate identified = first.plusDays(r.nextInt(first.lengthOfMonth()));
    if (identified.isAfter(snapshot)) {
      identified = snapshot;
    }
    LocalDate deadline = identified.plusMonths(r.between(3, 6));
    double u = r.nextDouble();
    LocalDate rectified;
    if (u < 0.10) {
      rectified = null;
    } else if (u < 0.10 + p.lateShare) {
      rectified = deadline.plusDays(r.between(1, 90));
    } else if (u < 0.18 + p.lateShare) {
      rectified = deadline;
    } else {
      long days = ChronoUnit.DAYS.between(identified, deadline);
      rectified = identified.plusDays(r.between(10, (int) days - 1));
    }
    if (rectified != null && rectified.isAfter(snapshot)) {
      rectified = null;
    }
    Object[] c = ds.newValues();
    c[ds.idx("township_code")] = p.code;
    c[ds.idx("village_code")] = village;
    c[ds.idx("case_type")] = type;
    c[ds.idx("identified_date")] = identified;
    c[ds.idx("deadline_date")] = deadline;
    c[ds.idx("rectified_date")] = rectified;
    return c;
  }

  private static int campaignMonth(Rand r) {
    double total = 0;
    for (double w : CAMPAIGN_MONTH_WEIGHTS) {
      total += w;
    }
    double u = r.nextDouble() * total;
    for (int i = 0; i < CAMPAIGN_MONTH_WEIGHTS.length; i++) {
      u -= CAMPAIGN_MONTH_WEIGHTS[i];
      if (u < 0) {
        return i + 1;
      }
    }
    return 12;
  }
}
