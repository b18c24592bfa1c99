package com.governancemetrics.metrics;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.governancemetrics.input.InputDataset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys each metric kind adds to a catalogue entry (SPEC §2), one record per kind that the
 * configuration binds them to, so a key of another kind is unknown; and the checks each kind makes of
 * its keys before it builds itself, as a Deequ analyzer checks its preconditions.
 */
public sealed interface KindKeys {

  /** The kinds by their name in the configuration, in the order the configuration documents them. */
  Map<String, Class<? extends KindKeys>> BY_NAME = byName();

  private static Map<String, Class<? extends KindKeys>> byName() {
    Map<String, Class<? extends KindKeys>> kinds = new LinkedHashMap<>();
    kinds.put("ratio", Ratio.class);
    kinds.put("share", Share.class);
    kinds.put("count", Count.class);
    kinds.put("median", Median.class);
    kinds.put("case_count", CaseCount.class);
    kinds.put("case_ratio", CaseRatio.class);
    return Collections.unmodifiableMap(kinds);
  }

  /**
   * The record a kind's keys bind to, once the kind is known to fit the dataset: the case kinds are
   * computed on rectification_cases, the others on the other datasets.
   *
   * @throws InvalidMetricKey on the key {@code kind}
   */
  static Class<? extends KindKeys> of(String kind, InputDataset dataset) {
    Class<? extends KindKeys> keys = BY_NAME.get(kind);
    if (keys == null) {
      throw new InvalidMetricKey("kind", "unknown kind '" + kind + "'; known kinds: "
          + BY_NAME.keySet());
    }
    boolean cases = dataset == InputDataset.RECTIFICATION_CASES;
    if (kind.startsWith("case_") != cases) {
      throw new InvalidMetricKey("kind", "kind " + kind + (cases
          ? " does not apply to rectification_cases; use case_count or case_ratio"
          : " applies only to rectification_cases"));
    }
    return keys;
  }

  /**
   * Checks the keys against the dataset, thresholds and case types, and builds the kind.
   *
   * @throws InvalidMetricKey naming the key that fails
   */
  MetricKind toKind(KindPreconditions check);

  /** ratio: Σnumerator / Σdenominator of two numeric columns. */
  record Ratio(String numerator, String denominator) implements KindKeys {
    @Override
    public MetricKind toKind(KindPreconditions check) {
      return new MetricKind.Ratio(check.numericColumn("numerator", numerator),
          check.numericColumn("denominator", denominator));
    }
  }

  /** share: #rows(among and filter) / #rows(among); among is optional (every row). */
  record Share(String filter, String among) implements KindKeys {
    @Override
    public MetricKind toKind(KindPreconditions check) {
      return new MetricKind.Share(check.condition("filter", filter, true),
          check.condition("among", among, false));
    }
  }

  /** count: #rows meeting the filter. */
  record Count(String filter) implements KindKeys {
    @Override
    public MetricKind toKind(KindPreconditions check) {
      return new MetricKind.FilteredCount(check.condition("filter", filter, true));
    }
  }

  /** median: the exact median of a numeric column over the base rows. */
  record Median(String column) implements KindKeys {
    @Override
    public MetricKind toKind(KindPreconditions check) {
      String checked = check.numericColumn("column", column);
      return new MetricKind.Median(checked, check.decimalPlaces(checked));
    }
  }

  /** case_count: #cases of the listed types (all when none listed) meeting the filter. */
  record CaseCount(@JsonProperty("case_types") List<String> caseTypes, String filter)
      implements KindKeys {
    @Override
    public MetricKind toKind(KindPreconditions check) {
      return new MetricKind.CaseCount(check.caseTypes("case_types", caseTypes),
          check.condition("filter", filter, true));
    }
  }

  /** case_ratio: #cases(among and filter) / #cases(among), of the listed types (all when none). */
  record CaseRatio(@JsonProperty("case_types") List<String> caseTypes, String among, String filter)
      implements KindKeys {
    @Override
    public MetricKind toKind(KindPreconditions check) {
      return new MetricKind.CaseRatio(check.caseTypes("case_types", caseTypes),
          check.condition("among", among, true), check.condition("filter", filter, true));
    }
  }
}
