package com.governancemetrics.metrics;

import java.math.BigDecimal;
import java.util.Map;

/** One province's own targets (by metric id) and thresholds (by name), replacing the defaults. */
public record ProvinceOverrides(Map<String, Target> targets, Map<String, BigDecimal> thresholds) {

  public ProvinceOverrides {
    targets = Map.copyOf(targets);
    thresholds = Map.copyOf(thresholds);
  }
}
