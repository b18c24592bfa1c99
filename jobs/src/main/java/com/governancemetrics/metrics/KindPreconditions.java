package com.governancemetrics.metrics;

import com.governancemetrics.input.ColumnKind;
import com.governancemetrics.input.ColumnSpec;
import com.governancemetrics.input.InputDataset;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a metric kind checks its keys against before any data is read, as a Deequ analyzer checks its
 * preconditions against the schema: the contract columns of the metric's dataset, the named
 * thresholds and the configured case types. Each check names the key it failed on ({@link
 * InvalidMetricKey}).
 *
 * @param thresholdNames the thresholds a condition may name, in the configuration's order
 * @param caseTypes the configured rectification case types (a case kind without case_types: all)
 */
public record KindPreconditions(InputDataset dataset, List<String> thresholdNames,
    List<String> caseTypes) {

  private static final Pattern COMPARISON =
      Pattern.compile("([a-z_][a-z0-9_]*)\\s*(>=|<=|>|<|=)\\s*([A-Za-z0-9_.+-]+)");
  private static final Pattern NUMBER = Pattern.compile("[+-]?[0-9]+(\\.[0-9]+)?");

  public KindPreconditions {
    thresholdNames = List.copyOf(thresholdNames);
    caseTypes = List.copyOf(caseTypes);
  }

  /** The named column, which must be a numeric (integer or decimal) column of the dataset. */
  public String numericColumn(String key, String name) {
    if (name == null || name.isBlank()) {
      throw new InvalidMetricKey(key, "needs a column of " + dataset);
    }
    Optional<ColumnSpec> column = dataset.column(name);
    if (column.isEmpty()) {
      throw new InvalidMetricKey(key, "unknown column '" + name + "' of " + dataset
          + "; its numeric columns: " + numericColumns());
    }
    if (!isNumeric(column.get())) {
      throw new InvalidMetricKey(key, "column '" + name + "' of " + dataset
          + " is not numeric; numeric: " + numericColumns());
    }
    return name;
  }

  /** The decimal places of a numeric column: 2 for yuan, 0 for integer columns. */
  public int decimalPlaces(String column) {
    return dataset.column(column).orElseThrow().kind() == ColumnKind.DECIMAL ? 2 : 0;
  }

  /**
   * A condition: terms joined by "and". For data datasets each term is {@code column op threshold}
   * (op one of >=, <=, >, <, =; threshold a name under thresholds: or a number); for
   * rectification_cases each term is an as-of predicate name. An absent optional condition holds for
   * every row.
   */
  public Condition condition(String key, String text, boolean required) {
    if (text == null || text.isBlank()) {
      if (required) {
        throw new InvalidMetricKey(key, "needs a condition, e.g. "
            + (isCases() ? "identified_ytd" : "operating_income_yuan >= income_100k"));
      }
      return Condition.ALWAYS;
    }
    List<Comparison> comparisons = new ArrayList<>();
    List<AsOfPredicate> predicates = new ArrayList<>();
    for (String term : text.trim().split("\\s+and\\s+")) {
      if (isCases()) {
        predicates.add(predicate(key, term.trim()));
      } else {
        comparisons.add(comparison(key, term.trim()));
      }
    }
    return new Condition(comparisons, predicates);
  }

  /** The case types a case kind counts: those listed (each configured), or all when none is listed. */
  public List<String> caseTypes(String key, List<String> listed) {
    if (listed == null) {
      return caseTypes;
    }
    if (listed.isEmpty()) {
      throw new InvalidMetricKey(key, "lists no case type; leave it out for all types");
    }
    for (String type : listed) {
      if (!caseTypes.contains(type)) {
        throw new InvalidMetricKey(key, "unknown case type '" + type + "'; configured case_types: "
            + caseTypes);
      }
    }
    return listed;
  }

  private AsOfPredicate predicate(String key, String term) {
    return AsOfPredicate.fromConfig(term).orElseThrow(() -> new InvalidMetricKey(key,
        "unknown case condition '" + term + "'; known: "
            + Arrays.stream(AsOfPredicate.values()).map(AsOfPredicate::configName).toList()));
  }

  private Comparison comparison(String key, String term) {
    Matcher parts = COMPARISON.matcher(term);
    if (!parts.matches()) {
      throw new InvalidMetricKey(key, "cannot read condition '" + term
          + "'; write column >= threshold, terms joined by 'and'");
    }
    String column = parts.group(1);
    Optional<ColumnSpec> spec = dataset.column(column);
    if (spec.isEmpty() || !isNumeric(spec.get())) {
      throw new InvalidMetricKey(key, "unknown numeric column '" + column + "' of " + dataset
          + " in '" + term + "'; numeric columns: " + numericColumns());
    }
    Comparison.Operator operator = Comparison.Operator.fromSymbol(parts.group(2)).orElseThrow();
    String bound = parts.group(3);
    if (NUMBER.matcher(bound).matches()) {
      return new Comparison(column, operator, null, new BigDecimal(bound));
    }
    if (thresholdNames.contains(bound)) {
      return new Comparison(column, operator, bound, null);
    }
    throw new InvalidMetricKey(key, "unknown threshold '" + bound + "' in '" + term
        + "'; thresholds: " + thresholdNames);
  }

  private boolean isCases() {
    return dataset == InputDataset.RECTIFICATION_CASES;
  }

  private static boolean isNumeric(ColumnSpec column) {
    return column.kind() == ColumnKind.INTEGER || column.kind() == ColumnKind.DECIMAL;
  }

  private List<String> numericColumns() {
    return dataset.columns().stream().filter(KindPreconditions::isNumeric)
        .map(ColumnSpec::name).toList();
  }
}
