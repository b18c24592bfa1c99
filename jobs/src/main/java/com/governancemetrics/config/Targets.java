package com.governancemetrics.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.governancemetrics.metrics.Direction;
import com.governancemetrics.metrics.Target;
import java.util.Optional;

/**
 * Reads a metric's target, default or a province's, by its direction (SPEC §2): higher and lower take
 * one number, band takes {min, max} with min ≤ max, none takes no target. Metric values are never
 * negative (negative rows are quarantined), so neither is a target.
 */
final class Targets {

  private Targets() {}

  /**
   * @param node the target as written, null when absent
   * @param path the target's key path ({@code metrics[3].target}, {@code provinces.33.targets.x})
   * @param prefix names the metric in messages ("metric x: ", "province 33, metric x: ")
   */
  static Optional<Target> read(ConfigBinder binder, JsonNode node, String path, Direction direction,
      String prefix) {
    if (node == null || node.isNull()) {
      if (direction == Direction.BAND) {
        throw binder.error(path, prefix + "a band metric needs target: {min: …, max: …}");
      }
      return Optional.empty();
    }
    switch (direction) {
      case NONE:
        throw binder.error(path, prefix + "a metric with direction none has no target; remove target");
      case BAND:
        return Optional.of(band(binder, node, path, prefix));
      default:
        if (node.isObject()) {
          throw binder.error(path, prefix + "a " + direction.configName()
              + " metric's target is one number; only band metrics have min and max");
        }
        if (!node.isNumber()) {
          throw binder.error(path, prefix + "expected a number, got " + ConfigBinder.describe(node));
        }
        return Optional.of(Target.of(bound(binder, node.doubleValue(), path, prefix, "target")));
    }
  }

  private static Target band(ConfigBinder binder, JsonNode node, String path, String prefix) {
    if (!node.isObject()) {
      throw binder.error(path, prefix + "a band target is {min: …, max: …}, got "
          + (node.isNumber() ? "one number" : ConfigBinder.describe(node)));
    }
    ConfigFile.Band band = binder.bind(node, path, ConfigFile.Band.class, prefix, java.util.Set.of());
    if (band.min() == null || band.max() == null) {
      throw binder.error(ConfigBinder.child(path, band.min() == null ? "min" : "max"),
          prefix + "a band target needs both min and max");
    }
    double min = bound(binder, band.min(), ConfigBinder.child(path, "min"), prefix, "band min");
    double max = bound(binder, band.max(), ConfigBinder.child(path, "max"), prefix, "band max");
    if (max < min) {
      throw binder.error(ConfigBinder.child(path, "max"), prefix + "band max " + max
          + " is below min " + min + "; write the smaller bound as min");
    }
    return Target.band(min, max);
  }

  /** A finite, non-negative bound. */
  private static double bound(ConfigBinder binder, double value, String path, String prefix,
      String what) {
    if (!Double.isFinite(value)) {
      throw binder.error(path, prefix + what + " must be a finite number");
    }
    if (value < 0) {
      throw binder.error(path, prefix + what + " must not be negative, got " + value
          + " (metric values never are: negative rows are quarantined)");
    }
    return value;
  }
}
