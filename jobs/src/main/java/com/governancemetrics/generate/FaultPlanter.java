package com.governancemetrics.generate;

import com.governancemetrics.periods.Period;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a valid row into a bad one of exactly one reason: each change breaks its own rule and nothing
 * that SPEC §1 checks earlier (a reason later in the order may also apply; the first one wins).
 * bad_period is not here: it is a move to a badly named folder, done by {@link ItemGenerator}.
 */
final class FaultPlanter {

  private static final String[] UNKNOWN_CASE_TYPES = {null, "weak_org", "软弱涣散党组织整顿", "audit_finding"};

  private FaultPlanter() {}

  /**
   * Plants {@code reason} in {@code row}.
   *
   * @param unitTownships the registry townships of the row's file (for a village outside its township)
   * @param folderPartition the partition folder's value (for partition_mismatch)
   */
  static void plant(GenDataset ds, GenRow row, Reason reason, Rand r, List<String> unitTownships,
      String folderPartition) {
    Object[] v = row.values;
    switch (reason) {
      case MISSING_KEY -> missingKey(ds, v, r);
      case MALFORMED_CODE -> malformedCode(ds, v, r);
      case PARTITION_MISMATCH -> row.insidePartition = ds.monthly()
          ? Period.parse(folderPartition).minusMonths(1).toString()
          : Integer.toString(Integer.parseInt(folderPartition) - 1);
      case TYPE_MISMATCH -> typeMismatch(ds, row, r);
      case MISSING_VALUE -> v[r.pick(ds.requiredValueColumns())] = null;
      case UNKNOWN_TOWNSHIP -> unknownTownship(ds, v, r);
      case VILLAGE_OUTSIDE_TOWNSHIP -> villageOutside(ds, v, r, unitTownships);
      case NEGATIVE_VALUE -> negative(ds, v, r);
      case PART_EXCEEDS_WHOLE -> partExceedsWhole(ds, v, r);
      case DATE_ORDER -> dateOrder(ds, v, r);
      case UNKNOWN_CASE_TYPE -> v[ds.idx("case_type")] = UNKNOWN_CASE_TYPES[r.nextInt(UNKNOWN_CASE_TYPES.length)];
      default -> throw new IllegalArgumentException("not a row-level fault: " + reason);
    }
  }

  /** Changes one value of a valid row so that it stays valid but differs: the B of a conflicting pair. */
  static void alter(GenDataset ds, GenRow row, Rand r) {
    Object[] v = row.values;
    switch (ds) {
      case GRID_COVERAGE -> add(v, ds.idx("households_total"), r.between(1, 50));
      case SERVICE_APPEALS -> add(v, ds.idx("appeals_received"), r.between(1, 5));
      case COLLECTIVE_INCOME -> {
        int total = ds.idx("total_income_yuan");
        v[total] = ((BigDecimal) v[total]).add(BigDecimal.valueOf(r.between(1, 1_000_000), 2));
      }
      case RECTIFICATION_CASES -> {
        int deadline = ds.idx("deadline_date");
        v[deadline] = ((LocalDate) v[deadline]).plusDays(r.between(1, 20));
      }
    }
  }

  private static void add(Object[] v, int column, long amount) {
    v[column] = (Long) v[column] + amount;
  }

  /** Null or blank key; null township_code (blank township_code is a blank key only where it is the key). */
  private static void missingKey(GenDataset ds, Object[] v, Rand r) {
    String blank = r.chance(0.5) ? "" : "   ";
    switch (ds) {
      case GRID_COVERAGE, SERVICE_APPEALS -> v[ds.idx("township_code")] = r.chance(0.4) ? null : blank;
      case COLLECTIVE_INCOME -> {
        int variant = r.nextInt(3);
        if (variant == 0) {
          v[ds.idx("village_code")] = null;
        } else if (variant == 1) {
          v[ds.idx("village_code")] = blank;
        } else {
          v[ds.idx("township_code")] = null;
        }
      }
      case RECTIFICATION_CASES -> {
        int variant = r.nextInt(3);
        if (variant == 0) {
          v[ds.idx("case_id")] = null;
        } else if (variant == 1) {
          v[ds.idx("case_id")] = blank;
        } else {
          v[ds.idx("township_code")] = null;
        }
      }
    }
  }

  /** Codes are not trimmed (SPEC §1): a leading space, a digit short or long, a letter. */
  private static void malformedCode(GenDataset ds, Object[] v, Rand r) {
    int township = ds.idx("township_code");
    String tc = (String) v[township];
    switch (ds) {
      case GRID_COVERAGE, SERVICE_APPEALS -> v[township] = switch (r.nextInt(4)) {
        case 0 -> " " + tc;
        case 1 -> tc.substring(0, 8);
        case 2 -> tc + "0";
        default -> tc.substring(0, 8) + "X";
      };
      case COLLECTIVE_INCOME -> {
        int village = ds.idx("village_code");
        String vc = (String) v[village];
        switch (r.nextInt(4)) {
          case 0 -> v[village] = vc.substring(0, 11);
          case 1 -> v[village] = vc + "1";
          case 2 -> v[village] = vc.substring(0, 11) + "A";
          default -> v[township] = " " + tc;
        }
      }
      case RECTIFICATION_CASES -> {
        int village = ds.idx("village_code");
        String vc = v[village] != null ? (String) v[village] : tc + "201";
        switch (r.nextInt(4)) {
          case 0 -> v[village] = vc.substring(0, 10);
          case 1 -> v[village] = vc + " ";
          case 2 -> v[township] = tc.substring(0, 8);
          default -> v[township] = tc + "0";
        }
      }
    }
  }

  /** A column of an older export written as a string that does not cast (SPEC §1: never nulled). */
  private static void typeMismatch(GenDataset ds, GenRow row, Rand r) {
    List<Integer> candidates = new ArrayList<>();
    for (int i = 0; i < ds.columns.size(); i++) {
      if (ds.columns.get(i).kind().isValue() && row.values[i] != null) {
        candidates.add(i);
      }
    }
    int column = r.pick(candidates);
    Object value = row.values[column];
    row.rawColumn = column;
    row.rawValue = switch (ds.columns.get(column).kind()) {
      case INT32, INT64 -> {
        String s = value.toString();
        yield switch (r.nextInt(4)) {
          case 0 -> s + "a";
          case 1 -> s.length() >= 2 ? s.charAt(0) + " " + s.substring(1) : s + " 0";
          case 2 -> "";
          default -> s + ".5";
        };
      }
      case DECIMAL -> r.chance(0.6)
          ? ((BigDecimal) value).toPlainString() + "5"
          : ((BigDecimal) value).movePointLeft(4).setScale(1, java.math.RoundingMode.HALF_UP).toPlainString() + "万";
      case DATE -> {
        LocalDate d = (LocalDate) value;
        yield switch (r.nextInt(3)) {
          case 0 -> d.getYear() + "-02-30";
          case 1 -> "待定";
          default -> String.format(java.util.Locale.ROOT, "%04d/%02d/%02d", d.getYear(), d.getMonthValue(),
              d.getDayOfMonth());
        };
      }
      default -> throw new IllegalStateException("not a value column");
    };
  }

  /** A well-formed code of the row's county with serial 9xx: the registry has none above 599. */
  private static void unknownTownship(GenDataset ds, Object[] v, Rand r) {
    int township = ds.idx("township_code");
    String tc = (String) v[township];
    String unknown = tc.substring(0, 6) + "9" + r.between(10, 99);
    v[township] = unknown;
    if (ds == GenDataset.COLLECTIVE_INCOME || ds == GenDataset.RECTIFICATION_CASES) {
      int village = ds.idx("village_code");
      if (v[village] != null) {
        v[village] = unknown + ((String) v[village]).substring(9);
      }
    }
  }

  /** A village code (12 digits) whose first 9 digits are another township's. */
  private static void villageOutside(GenDataset ds, Object[] v, Rand r, List<String> unitTownships) {
    String tc = (String) v[ds.idx("township_code")];
    int village = ds.idx("village_code");
    String suffix = v[village] != null ? ((String) v[village]).substring(9) : "201";
    String other = unitTownships.get(r.nextInt(unitTownships.size()));
    if (other.equals(tc)) {
      int last = tc.charAt(8) - '0';
      other = tc.substring(0, 8) + (char) ('0' + (last + 1) % 10);
    }
    v[village] = other + suffix;
  }

  private static void negative(GenDataset ds, Object[] v, Rand r) {
    List<String> columns = switch (ds) {
      case GRID_COVERAGE -> List.of("households_covered", "zone_leaders", "group_leaders",
          "neighbour_leaders_party", "grids_with_party_org");
      case SERVICE_APPEALS -> List.of("villages_platform_live", "households_certified", "appeals_resolved",
          "disputes_settled");
      case COLLECTIVE_INCOME -> List.of("operating_income_yuan");
      case RECTIFICATION_CASES -> throw new IllegalArgumentException("cases have no numeric column");
    };
    // Parts only: a negative part never exceeds its whole, so nothing else is broken.
    int column = ds.idx(r.pick(columns));
    if (v[column] instanceof BigDecimal d) {
      v[column] = d.signum() > 0 ? d.negate() : BigDecimal.valueOf(-r.between(100, 5_000_000), 2);
    } else {
      long x = (Long) v[column];
      v[column] = x > 0 ? -x : -(long) r.between(1, 20);
    }
  }

  private static void partExceedsWhole(GenDataset ds, Object[] v, Rand r) {
    int[] pair = ds.partWholes.get(r.nextInt(ds.partWholes.size()));
    if (v[pair[1]] instanceof BigDecimal whole) {
      v[pair[0]] = whole.add(BigDecimal.valueOf(r.between(1, 5_000_000), 2));
    } else {
      long whole = (Long) v[pair[1]];
      v[pair[0]] = whole + r.between(1, (int) Math.max(1, Math.min(whole / 10, 1000)));
    }
  }

  private static void dateOrder(GenDataset ds, Object[] v, Rand r) {
    LocalDate identified = (LocalDate) v[ds.idx("identified_date")];
    if (r.chance(0.5)) {
      v[ds.idx("deadline_date")] = identified.minusDays(r.between(1, 30));
    } else {
      v[ds.idx("rectified_date")] = identified.minusDays(r.between(1, 10));
    }
  }
}
