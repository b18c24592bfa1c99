package com.governancemetrics.rollup;

import com.governancemetrics.metrics.AnomalyRules;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies one metric's anomaly rules ({@link AnomalyRules}, SPEC §3 anomaly; issue 14) to one unit's
 * figures of one period and says why the value looks implausible, in words for people
 * ("较上月上升18.2个百分点，超过15个百分点"); null when no rule flags it, also when no rule can judge it
 * (no value, no P-1 value, too few earlier values). "More than" a threshold is strictly more, with a
 * margin of 1e-9 so that 0.90 − 0.75 is not more than 0.15.
 */
final class AnomalyJudge implements Serializable {

  /** Joins several reasons of one row. */
  static final String SEPARATOR = "；";

  private static final double EPSILON = 1e-9;

  /** The peers of each level, as the full-while-peers-spread reason names them (by depth). */
  private static final String[] PEERS = {"全国各省", "全省市州", "全省县区", "全省乡镇"};

  /** The stock columns a growing_stocks rule names, as people call them (SPEC §1). */
  private static final Map<String, String> STOCK_LABELS = Map.ofEntries(
      Map.entry("households_total", "户数"), Map.entry("households_covered", "已联系户数"),
      Map.entry("zone_leaders", "片长人数"), Map.entry("group_leaders", "组长人数"),
      Map.entry("neighbour_leaders", "邻长人数"),
      Map.entry("neighbour_leaders_party", "党员邻长人数"), Map.entry("grids_total", "网格数"),
      Map.entry("grids_with_party_org", "建立党组织的网格数"),
      Map.entry("villages_total", "村(社区)数"),
      Map.entry("villages_platform_live", "已开通服务平台的村(社区)数"),
      Map.entry("households_certified", "平台认证户数"), Map.entry("appeals_received", "受理诉求数"),
      Map.entry("appeals_resolved", "办结诉求数"), Map.entry("disputes_mediated", "调解纠纷数"),
      Map.entry("disputes_settled", "调解成功纠纷数"));

  private final AnomalyRules rules;
  private final boolean share;

  /**
   * @param rules the rules that judge the metric ({@link
   *     com.governancemetrics.metrics.MetricCatalogue#anomalyRules})
   * @param share whether its values are shares (shown as 92.3%, differences in 个百分点)
   */
  AnomalyJudge(AnomalyRules rules, boolean share) {
    this.rules = rules;
    this.share = share;
  }

  /** Whether the full-while-peers-spread rule needs the spread of the level's values. */
  boolean needsSpread() {
    return rules.fullWhilePeersSpread() != null;
  }

  /** Whether the range rule needs the unit's earlier values. */
  boolean needsHistory() {
    return rules.outsideRange() != null;
  }

  /**
   * The interquartile range (P75 − P25, linear between ranks as Excel's QUARTILE.INC) of the
   * non-null values of a level's units; null with fewer than the rule's min_units values.
   */
  Double spread(Double[] values) {
    if (rules.fullWhilePeersSpread() == null) {
      return null;
    }
    double[] present = Arrays.stream(values).filter(v -> v != null).mapToDouble(Double::doubleValue)
        .sorted().toArray();
    if (present.length < rules.fullWhilePeersSpread().minUnits()) {
      return null;
    }
    return quantile(present, 0.75) - quantile(present, 0.25);
  }

  /**
   * Why a unit's value looks implausible, or null.
   *
   * @param depth the unit's level (0 province … 3 township)
   * @param history the unit's values of the last 12 periods that have one, in any order
   * @param denominator Σdenominator in P and P-1 (stock ratios), present the townships that
   *     delivered in P and P-1 (null when unknown)
   * @param levelSpread {@link #spread} of the unit's level in its province (null: not judged)
   */
  String reasons(int depth, Double value, Double prevValue, double[] history, Double denominator,
      Double prevDenominator, Long present, Long prevPresent, Double levelSpread) {
    if (value == null) {
      return null;
    }
    List<String> reasons = new ArrayList<>(2);
    AnomalyRules.Jump jump = rules.jump();
    if (jump != null && prevValue != null
        && Math.abs(value - prevValue) > jump.maxChange() + EPSILON) {
      double change = value - prevValue;
      reasons.add("较上月" + (change > 0 ? "上升" : "下降")
          + difference(Math.abs(change), jump.maxChange()) + "，超过" + threshold(jump.maxChange()));
    }
    AnomalyRules.OutsideRange range = rules.outsideRange();
    if (range != null && history.length >= range.minHistory()) {
      outsideRange(range, value, history).ifPresent(reasons::add);
    }
    if (!rules.growingStocks().isEmpty() && denominator != null && prevDenominator != null
        && denominator < prevDenominator
        && (present == null || prevPresent == null || present >= prevPresent)) {
      String column = rules.growingStocks().get(0);
      reasons.add(STOCK_LABELS.getOrDefault(column, column) + "较上月减少"
          + plain(prevDenominator - denominator) + "（由" + plain(prevDenominator) + "减至"
          + plain(denominator) + "），应只增不减");
    }
    AnomalyRules.FullWhilePeersSpread full = rules.fullWhilePeersSpread();
    if (full != null && value == 1.0 && levelSpread != null
        && levelSpread > full.minSpread() + EPSILON) {
      reasons.add("恰为100%，而" + PEERS[depth] + "数值分散（四分位距" + difference(levelSpread,
          full.minSpread()) + "，超过" + threshold(full.minSpread()) + "）");
    }
    return reasons.isEmpty() ? null : String.join(SEPARATOR, reasons);
  }

  private Optional<String> outsideRange(AnomalyRules.OutsideRange range, double value,
      double[] history) {
    double[] sorted = history.clone();
    Arrays.sort(sorted);
    double min = sorted[0];
    double max = sorted[sorted.length - 1];
    double median = median(sorted);
    double[] deviations = new double[sorted.length];
    for (int i = 0; i < sorted.length; i++) {
      deviations[i] = Math.abs(sorted[i] - median);
    }
    Arrays.sort(deviations);
    double mad = median(deviations);
    double byMad = range.k() * mad;
    double margin = Math.max(byMad, range.minMargin());
    boolean above = value > max + margin + EPSILON;
    boolean below = value < min - margin - EPSILON;
    if (!above && !below) {
      return Optional.empty();
    }
    double beyond = above ? value - max : min - value;
    String why = byMad >= range.minMargin()
        ? "（中位数绝对偏差" + deviation(mad) + "的" + plain(range.k()) + "倍）"
        : "（最小允许偏差；" + plain(range.k()) + "倍中位数绝对偏差为" + deviation(byMad) + "）";
    return Optional.of((above ? "高于" : "低于") + "本单位近"
        + AnomalyRules.HISTORY_PERIODS + "期（有数" + history.length + "期）"
        + (above ? "最高值" : "最低值") + value(above ? max : min) + "达"
        + difference(beyond, margin) + "，超过允许偏差" + deviation(margin) + why);
  }

  /** A value as people read it: 92.3% for shares, else a number with up to two decimals. */
  private String value(double v) {
    return share ? BigDecimal.valueOf(v).movePointRight(2).setScale(1, RoundingMode.HALF_UP)
        .toPlainString() + "%" : plain(v);
  }

  /**
   * A difference of values: 18.2个百分点 for shares (one decimal; two when one would not show that it
   * exceeds {@code limit}), else a plain number.
   */
  private String difference(double d, double limit) {
    if (!share) {
      return plain(d);
    }
    BigDecimal points = BigDecimal.valueOf(d).movePointRight(2);
    BigDecimal oneDecimal = points.setScale(1, RoundingMode.HALF_UP);
    BigDecimal shownPoints = oneDecimal.compareTo(BigDecimal.valueOf(limit).movePointRight(2)) > 0
        ? oneDecimal : points.setScale(2, RoundingMode.HALF_UP);
    return shownPoints.toPlainString() + "个百分点";
  }

  /** A difference or deviation: in 个百分点 (one decimal) for shares, else a plain number. */
  private String deviation(double d) {
    return share ? BigDecimal.valueOf(d).movePointRight(2).setScale(1, RoundingMode.HALF_UP)
        .toPlainString() + "个百分点" : plain(d);
  }

  /** A configured threshold: 15个百分点 for shares, else as written. */
  private String threshold(double t) {
    return share ? BigDecimal.valueOf(t).movePointRight(2).stripTrailingZeros().toPlainString()
        + "个百分点" : plain(t);
  }

  /** A number with at most two decimals, without trailing zeros: 3, 3.5, 12.35. */
  static String plain(double v) {
    return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros()
        .toPlainString();
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** Linear between ranks: position (n − 1) × p of the sorted values. */
  static double quantile(double[] sorted, double p) {
    double h = (sorted.length - 1) * p;
    int lower = (int) Math.floor(h);
    int upper = Math.min(lower + 1, sorted.length - 1);
    return sorted[lower] + (h - lower) * (sorted[upper] - sorted[lower]);
  }
}
