package com.governancemetrics.generate;

import com.governancemetrics.registry.AdminDivisions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The constants one township's values grow from: its size, its levels and trends, its villages, and the
 * effects of its county (a few counties are systematically weak, so county rankings mean something).
 * Everything is drawn from the seed and the codes alone, so the same township gets the same profile in
 * every task, split and run.
 */
final class TownshipProfile {

  /** Months are counted from here: t = 0 in 2024-01, so levels below are those of early 2024. */
  static final int EPOCH_YEAR = 2024;

  final String code;
  final String countyCode;
  /** 街道, 镇, 乡 or 其他 (SPEC §1, from the code's digits 7–9). */
  final String type;
  final boolean weakCounty;

  // grid_coverage
  final double householdsBase;
  final double householdsGrowth;
  final double coverageLevel;
  final double coverageSlope;
  final double householdsPerLeader;
  final double partyShare;
  final double leadersPerGroup;
  final double groupsPerZone;
  final double householdsPerGrid;
  final double partyOrgLevel;
  final double partyOrgSlope;

  // service_appeals
  final double platformGap;
  final int platformGapCloses;
  final double certifiedBase;
  final double appealsPerThousand;
  final double resolutionLevel;
  final double disputeShare;
  final double settlementLevel;

  // collective_income and rectification_cases
  final double incomeFactor;
  final double hollowShare;
  final double weakOrgRate;
  final double inspectionRate;
  final double lateShare;
  final int communities;
  final int ruralVillages;

  /** Some townships report irregularly: they miss months now and then. */
  final double missingMonthRate;

  private TownshipProfile(long seed, String code) {
    this.code = code;
    this.countyCode = code.substring(0, 6);
    this.type = baseType(AdminDivisions.townshipType(code, ""));

    Rand county = Rand.of(seed, "county", countyCode);
    weakCounty = county.chance(0.08);
    double countyCoverage = weakCounty ? county.normal(0.86, 0.02) : county.normal(0.962, 0.012);
    double countyPartyOrg = weakCounty ? county.normal(0.84, 0.03) : county.normal(0.945, 0.015);
    double countyResolution = weakCounty ? county.normal(0.875, 0.012) : county.normal(0.94, 0.012);
    double countySettlement = weakCounty ? county.normal(0.87, 0.015) : county.normal(0.935, 0.012);
    double countyPartyShare = clamp(county.normal(0.55, 0.05), 0.38, 0.72);
    double countyGapChance = weakCounty ? 0.35 : 0.06;
    double countyIncome = weakCounty ? 0.55 : county.logNormal(1.0, 0.25);

    Rand r = Rand.of(seed, "township", code);
    double medianHouseholds = switch (type) {
      case "街道" -> 12000;
      case "镇" -> 9000;
      case "乡" -> 3500;
      default -> 1500;
    };
    householdsBase = clamp(r.logNormal(medianHouseholds, type.equals("其他") ? 0.8 : 0.5), 80, 250000);
    householdsGrowth = r.normal(0.0008, 0.0010);
    coverageLevel = countyCoverage + r.normal(0, 0.035);
    coverageSlope = r.normal(0.0005, 0.0005);
    householdsPerLeader = clamp(r.logNormal(9.5, 0.22), 3, 30);
    partyShare = clamp(countyPartyShare + r.normal(0, 0.05), 0.2, 0.95);
    leadersPerGroup = r.uniform(4, 8);
    groupsPerZone = r.uniform(3, 6);
    householdsPerGrid = r.uniform(250, 550);
    partyOrgLevel = countyPartyOrg + r.normal(0, 0.04);
    partyOrgSlope = r.normal(0.0008, 0.0008);

    platformGap = r.chance(countyGapChance) ? r.uniform(0.05, 0.4) : 0.0;
    platformGapCloses = r.chance(0.5) ? r.between(6, 36) : Integer.MAX_VALUE;
    certifiedBase = r.uniform(0.3, 0.7);
    appealsPerThousand = r.logNormal(3.0, 0.4);
    resolutionLevel = countyResolution + r.normal(0, 0.02);
    disputeShare = r.uniform(0.2, 0.4);
    settlementLevel = countySettlement + r.normal(0, 0.025);

    incomeFactor = countyIncome * r.logNormal(1.0, 0.2);
    hollowShare = weakCounty ? 0.08 : 0.035;
    weakOrgRate = weakCounty ? 0.025 : 0.009;
    inspectionRate = weakCounty ? 0.10 : 0.05;
    lateShare = weakCounty ? 0.25 : 0.12;
    missingMonthRate = r.chance(0.01) ? 0.2 : 0.002;

    Rand v = Rand.of(seed, "villages", code);
    switch (type) {
      case "街道" -> {
        boolean none = v.chance(0.10);
        communities = none ? 0 : (int) clamp(Math.round(v.logNormal(7, 0.5)), 1, 199);
        ruralVillages = none || !v.chance(0.4) ? 0 : (int) clamp(Math.round(v.logNormal(5, 0.6)), 1, 199);
      }
      case "镇" -> {
        communities = (int) clamp(v.poisson(2.0), 0, 199);
        ruralVillages = (int) clamp(Math.round(v.logNormal(15.5, 0.45)), 2, 199);
      }
      case "乡" -> {
        communities = v.chance(0.4) ? 1 : 0;
        ruralVillages = (int) clamp(Math.round(v.logNormal(11.5, 0.45)), 2, 199);
      }
      default -> {
        boolean none = v.chance(0.55);
        communities = none ? 0 : (int) v.poisson(1.5);
        ruralVillages = none ? 0 : (int) clamp(v.poisson(3.5), 1, 199);
      }
    }
  }

  static TownshipProfile of(long seed, String code) {
    return new TownshipProfile(seed, code);
  }

  /** 民族乡 counts as 乡 here. */
  private static String baseType(String type) {
    return type.equals("民族乡") ? "乡" : type;
  }

  int villageCount() {
    return communities + ruralVillages;
  }

  /** The 12-digit codes of its 村(社区): 社区 (居委会) 001–199, then 村 (村委会) 201–399. */
  List<String> villageCodes() {
    List<String> codes = new ArrayList<>(villageCount());
    for (int i = 1; i <= communities; i++) {
      codes.add(code + String.format(Locale.ROOT, "%03d", i));
    }
    for (int i = 1; i <= ruralVillages; i++) {
      codes.add(code + String.format(Locale.ROOT, "%03d", 200 + i));
    }
    return codes;
  }

  /** 社区 or 村, from the code's last three digits. */
  static String villageType(String villageCode) {
    return Integer.parseInt(villageCode.substring(9)) < 200 ? "社区" : "村";
  }

  /** Months since 2024-01 (negative before). */
  static int monthIndex(int year, int month) {
    return (year - EPOCH_YEAR) * 12 + (month - 1);
  }

  static double clamp(double x, double lo, double hi) {
    return Math.max(lo, Math.min(hi, x));
  }
}
