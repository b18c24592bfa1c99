package com.governancemetrics.metrics;

import com.governancemetrics.input.ColumnKind;
import com.governancemetrics.input.ColumnSpec;
import com.governancemetrics.input.InputDataset;
import java.io.Serializable;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The anomaly rules of a metric family or of one metric (SPEC §3 anomaly, anomaly_reason; issue 14):
 * checks that mark a value as implausible against the unit's own history or its peers, so that the
 * team asks the county before it publishes. A rule that is null (growing stocks: null or empty) does
 * not judge. As written in the configuration, a family's rules ({@code anomaly_rules:}) and a metric's
 * own ({@code anomaly:}, which may also switch a family rule off); {@link #forMetric} gives the rules
 * that judge one metric. Every threshold is in the metric's own units: 0.15 of a rate is 15 points.
 *
 * @param jump |value − prev_value| above {@code maxChange}
 * @param outsideRange the value outside the unit's own last-12-periods range by more than k × MAD
 * @param growingStocks stock columns that should only grow: a stock ratio whose denominator is one of
 *     them is flagged when its Σdenominator falls below P-1's; null when not written
 * @param fullWhilePeersSpread a share of exactly 100% while the level's units are spread
 * @param switchedOff the rules a metric's block switched off ({@code jump: false}), by YAML name
 */
public record AnomalyRules(Jump jump, OutsideRange outsideRange, List<String> growingStocks,
    FullWhilePeersSpread fullWhilePeersSpread, Set<String> switchedOff) implements Serializable {

  public static final String JUMP = "jump";
  public static final String OUTSIDE_RANGE = "outside_range";
  public static final String GROWING_STOCKS = "growing_stocks";
  public static final String FULL_WHILE_PEERS_SPREAD = "full_while_peers_spread";
  /** The rules' names in the configuration, in the order their reasons are given. */
  public static final List<String> NAMES =
      List.of(JUMP, OUTSIDE_RANGE, GROWING_STOCKS, FULL_WHILE_PEERS_SPREAD);

  /** No rule. */
  public static final AnomalyRules NONE = new AnomalyRules(null, null, null, null, Set.of());

  /** How many earlier periods the range rule looks at: P-12 … P-1 (issue 14). */
  public static final int HISTORY_PERIODS = 12;

  public AnomalyRules {
    growingStocks = growingStocks == null ? null : List.copyOf(growingStocks);
    switchedOff = Set.copyOf(switchedOff);
    if (!NAMES.containsAll(switchedOff)) {
      throw new IllegalArgumentException("unknown anomaly rules " + switchedOff + "; known: " + NAMES);
    }
  }

  /**
   * Flags a change against P-1 of more than {@code maxChange}.
   *
   * @param maxChange in the value's units (0.15 = 15 percentage points of a rate); at least 0
   */
  public record Jump(double maxChange) implements Serializable {
    public static final double DEFAULT_MAX_CHANGE = 0.15;

    public Jump {
      notNegative("max_change", maxChange);
    }
  }

  /**
   * Flags a value below the lowest or above the highest of the unit's own values of the last 12
   * periods by more than max(k × MAD, minMargin), MAD being the median absolute deviation of those
   * values from their median; judged only with at least {@code minHistory} of them.
   */
  public record OutsideRange(double k, int minHistory, double minMargin) implements Serializable {
    public static final double DEFAULT_K = 3;
    public static final int DEFAULT_MIN_HISTORY = 6;
    public static final double DEFAULT_MIN_MARGIN = 0;

    public OutsideRange {
      notNegative("k", k);
      notNegative("min_margin", minMargin);
      if (minHistory < 1 || minHistory > HISTORY_PERIODS) {
        throw new IllegalArgumentException("min_history must be between 1 and " + HISTORY_PERIODS
            + ", got " + minHistory);
      }
    }
  }

  /**
   * Flags a share of exactly 1.0 (100%) while the values of the units of its level in its province
   * (provinces: of every province) have an interquartile range above {@code minSpread}, counted over
   * at least {@code minUnits} units with a value.
   */
  public record FullWhilePeersSpread(double minSpread, int minUnits) implements Serializable {
    public static final double DEFAULT_MIN_SPREAD = 0.15;
    public static final int DEFAULT_MIN_UNITS = 5;

    public FullWhilePeersSpread {
      notNegative("min_spread", minSpread);
      if (minSpread > 1) {
        throw new IllegalArgumentException("min_spread is a spread of shares, at most 1, got "
            + minSpread);
      }
      if (minUnits < 2) {
        throw new IllegalArgumentException("min_units must be at least 2, got " + minUnits);
      }
    }
  }

  /** The rules set, none switched off. */
  public static AnomalyRules of(Jump jump, OutsideRange outsideRange, List<String> growingStocks,
      FullWhilePeersSpread fullWhilePeersSpread) {
    return new AnomalyRules(jump, outsideRange, growingStocks, fullWhilePeersSpread, Set.of());
  }

  /** Whether any rule judges. */
  public boolean any() {
    return jump != null || outsideRange != null || fullWhilePeersSpread != null
        || (growingStocks != null && !growingStocks.isEmpty());
  }

  /**
   * The rules that judge {@code metric}, this being its own block: a rule it sets, else, unless it
   * switched it off, its family's — for jump, outside_range and full_while_peers_spread only when the
   * metric is a share ({@link #isShare}: the family's thresholds are in points of a rate); growing
   * stocks when the metric is a stock ratio whose denominator is listed (its own list, else its
   * family's). A result's growing stocks hold that denominator or nothing.
   */
  public AnomalyRules forMetric(MetricDefinition metric, AnomalyRules family) {
    AnomalyRules inherited = family == null ? NONE : family;
    boolean share = isShare(metric);
    Jump j = pick(jump, JUMP, share ? inherited.jump : null);
    OutsideRange r = pick(outsideRange, OUTSIDE_RANGE, share ? inherited.outsideRange : null);
    FullWhilePeersSpread f = pick(fullWhilePeersSpread, FULL_WHILE_PEERS_SPREAD,
        share ? inherited.fullWhilePeersSpread : null);
    List<String> stocks = growingStocks != null ? growingStocks
        : inherited.growingStocks == null ? List.of() : inherited.growingStocks;
    String denominator = stockDenominator(metric);
    List<String> judged = denominator != null && stocks.contains(denominator)
        ? List.of(denominator) : List.of();
    return of(j, r, judged, f);
  }

  private <T> T pick(T own, String name, T inherited) {
    return own != null ? own : switchedOff.contains(name) ? null : inherited;
  }

  /**
   * Whether a metric's value is a share between 0 and 1 by construction: a share, a case ratio, or a
   * ratio of a part to its whole (SPEC §1 part_exceeds_whole: households_covered ≤ households_total).
   */
  public static boolean isShare(MetricDefinition metric) {
    MetricKind kind = metric.kind();
    if (kind instanceof MetricKind.Share || kind instanceof MetricKind.CaseRatio) {
      return true;
    }
    return kind instanceof MetricKind.Ratio ratio && metric.dataset().partWholes().stream()
        .anyMatch(pw -> pw.part().equals(ratio.numeratorColumn())
            && pw.whole().equals(ratio.denominatorColumn()));
  }

  /** The denominator column of a ratio of window stock (a stock at month end), else null. */
  public static String stockDenominator(MetricDefinition metric) {
    return metric.kind() instanceof MetricKind.Ratio ratio && metric.window() == MetricWindow.STOCK
        ? ratio.denominatorColumn() : null;
  }

  /** The monthly stock columns a growing_stocks list may name: the integer columns of those datasets. */
  public static List<String> stockColumns() {
    return Stream.of(InputDataset.GRID_COVERAGE, InputDataset.SERVICE_APPEALS)
        .flatMap(d -> d.columns().stream()).filter(c -> c.kind() == ColumnKind.INTEGER)
        .map(ColumnSpec::name).toList();
  }

  private static void notNegative(String key, double value) {
    if (!Double.isFinite(value) || value < 0) {
      throw new IllegalArgumentException(key + " must be a finite number of at least 0, got "
          + value);
    }
  }
}
