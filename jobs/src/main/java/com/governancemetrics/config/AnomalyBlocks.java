package com.governancemetrics.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.governancemetrics.metrics.AnomalyRules;
import com.governancemetrics.metrics.MetricDefinition;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads anomaly rules as written (SPEC §3 anomaly; issue 14): a family's under {@code anomaly_rules:}
 * and a metric's own {@code anomaly:} block. Each rule's keys are bound and checked here, and a
 * metric's rules against what it measures; every mistake names the file and the key's path
 * ({@code anomaly_rules.三长制.jump.max_change}, {@code metrics[3].anomaly.growing_stocks[0]}).
 */
final class AnomalyBlocks {

  private final ConfigBinder binder;

  AnomalyBlocks(ConfigBinder binder) {
    this.binder = binder;
  }

  /** The rules of the family written at {@code anomaly_rules.<family>}. */
  AnomalyRules family(JsonNode node, String path, String family) {
    if (node == null || node.isNull()) {
      throw binder.error(path, "family " + family + ": expected a mapping of rules ("
          + String.join(", ", AnomalyRules.NAMES) + "), got nothing");
    }
    return read(node, path, "family " + family + ": ", false);
  }

  /**
   * A metric's own block at {@code path} ({@code metrics[3].anomaly}), checked against the metric:
   * full_while_peers_spread judges shares only, growing_stocks only a stock ratio's denominator.
   * Absent: no rule of its own.
   */
  AnomalyRules metric(JsonNode node, String path, MetricDefinition metric, String where) {
    if (node == null || node.isNull()) {
      return AnomalyRules.NONE;
    }
    AnomalyRules own = read(node, path, where, true);
    if (own.fullWhilePeersSpread() != null && !AnomalyRules.isShare(metric)) {
      throw binder.error(ConfigBinder.child(path, AnomalyRules.FULL_WHILE_PEERS_SPREAD), where
          + "full_while_peers_spread judges a value of exactly 100%, so only shares and rates of a "
          + "part to its whole; this metric is a " + metric.kind().configName() + " of other "
          + "quantities");
    }
    List<String> stocks = own.growingStocks();
    if (stocks != null && !stocks.isEmpty()) {
      String at = ConfigBinder.child(path, AnomalyRules.GROWING_STOCKS);
      String denominator = AnomalyRules.stockDenominator(metric);
      if (denominator == null) {
        throw binder.error(at, where + "growing_stocks judges the denominator of a ratio of window "
            + "stock; this metric is a " + metric.kind().configName() + " of window "
            + metric.window().configName());
      }
      for (int i = 0; i < stocks.size(); i++) {
        if (!stocks.get(i).equals(denominator)) {
          throw binder.error(ConfigBinder.item(at, i), where + "'" + stocks.get(i)
              + "' is not this metric's denominator (" + denominator + "); list only it, or [] to "
              + "switch the family's rule off");
        }
      }
    }
    return own;
  }

  private AnomalyRules read(JsonNode node, String path, String where, boolean mayBeSwitchedOff) {
    if (!node.isObject()) {
      throw binder.error(path, where + "expected a mapping of keys, got " + ConfigBinder.describe(node));
    }
    ConfigFile.AnomalyBlock block = binder.bind(node, path, ConfigFile.AnomalyBlock.class, where,
        Set.of());
    Set<String> off = new HashSet<>();
    AnomalyRules.Jump jump = rule(block.jump(), path, AnomalyRules.JUMP, where, mayBeSwitchedOff,
        off, at -> {
          ConfigFile.JumpKeys keys = binder.bind(block.jump(), at, ConfigFile.JumpKeys.class, where,
              Set.of());
          return new AnomalyRules.Jump(notNegative(keys.maxChange(),
              AnomalyRules.Jump.DEFAULT_MAX_CHANGE, ConfigBinder.child(at, "max_change"), where));
        });
    AnomalyRules.OutsideRange range = rule(block.outsideRange(), path, AnomalyRules.OUTSIDE_RANGE,
        where, mayBeSwitchedOff, off, at -> {
          ConfigFile.OutsideRangeKeys keys = binder.bind(block.outsideRange(), at,
              ConfigFile.OutsideRangeKeys.class, where, Set.of());
          int minHistory = keys.minHistory() == null ? AnomalyRules.OutsideRange.DEFAULT_MIN_HISTORY
              : keys.minHistory();
          if (minHistory < 1 || minHistory > AnomalyRules.HISTORY_PERIODS) {
            throw binder.error(ConfigBinder.child(at, "min_history"), where + "min_history counts "
                + "earlier periods among the last " + AnomalyRules.HISTORY_PERIODS
                + ": between 1 and " + AnomalyRules.HISTORY_PERIODS + ", got " + minHistory);
          }
          return new AnomalyRules.OutsideRange(
              notNegative(keys.k(), AnomalyRules.OutsideRange.DEFAULT_K,
                  ConfigBinder.child(at, "k"), where),
              minHistory,
              notNegative(keys.minMargin(), AnomalyRules.OutsideRange.DEFAULT_MIN_MARGIN,
                  ConfigBinder.child(at, "min_margin"), where));
        });
    AnomalyRules.FullWhilePeersSpread full = rule(block.fullWhilePeersSpread(), path,
        AnomalyRules.FULL_WHILE_PEERS_SPREAD, where, mayBeSwitchedOff, off, at -> {
          ConfigFile.FullWhilePeersSpreadKeys keys = binder.bind(block.fullWhilePeersSpread(), at,
              ConfigFile.FullWhilePeersSpreadKeys.class, where, Set.of());
          double minSpread = notNegative(keys.minSpread(),
              AnomalyRules.FullWhilePeersSpread.DEFAULT_MIN_SPREAD,
              ConfigBinder.child(at, "min_spread"), where);
          if (minSpread > 1) {
            throw binder.error(ConfigBinder.child(at, "min_spread"), where + "min_spread is a "
                + "spread of shares (0.15 = 15 percentage points), at most 1, got " + minSpread);
          }
          int minUnits = keys.minUnits() == null ? AnomalyRules.FullWhilePeersSpread.DEFAULT_MIN_UNITS
              : keys.minUnits();
          if (minUnits < 2) {
            throw binder.error(ConfigBinder.child(at, "min_units"), where + "min_units must be at "
                + "least 2 (a spread needs several units), got " + minUnits);
          }
          return new AnomalyRules.FullWhilePeersSpread(minSpread, minUnits);
        });
    List<String> stocks = block.growingStocks();
    if (stocks != null) {
      String at = ConfigBinder.child(path, AnomalyRules.GROWING_STOCKS);
      List<String> known = AnomalyRules.stockColumns();
      for (int i = 0; i < stocks.size(); i++) {
        if (stocks.get(i) == null || !known.contains(stocks.get(i))) {
          throw binder.error(ConfigBinder.item(at, i), where + (stocks.get(i) == null
              ? "expected a column, got nothing" : "'" + stocks.get(i) + "' is not a stock column "
                  + "of grid_coverage or service_appeals") + "; known: " + known);
        }
      }
    }
    return new AnomalyRules(jump, range, stocks, full, off);
  }

  /**
   * One rule of a block: not written (null), switched off ({@code false}, in a metric's block) or a
   * mapping of its keys, read by {@code keys} at the rule's path.
   */
  private <T> T rule(JsonNode node, String path, String name, String where, boolean mayBeSwitchedOff,
      Set<String> off, Function<String, T> keys) {
    String at = ConfigBinder.child(path, name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isBoolean() && !node.booleanValue() && mayBeSwitchedOff) {
      off.add(name);
      return null;
    }
    if (!node.isObject()) {
      throw binder.error(at, where + "expected a mapping of " + name + "'s keys ({} for its "
          + "defaults)" + (mayBeSwitchedOff ? " or false to switch the family's rule off" : "")
          + ", got " + ConfigBinder.describe(node));
    }
    return keys.apply(at);
  }

  /** A threshold as written, or its default when absent: finite and not negative. */
  private double notNegative(Double value, double fallback, String path, String where) {
    if (value == null) {
      return fallback;
    }
    if (!Double.isFinite(value) || value < 0) {
      throw binder.error(path, where + "must be a finite number, not negative, got " + value);
    }
    return value;
  }
}
