package com.governancemetrics.generate;

import static com.governancemetrics.generate.Reason.BAD_PERIOD;
import static com.governancemetrics.generate.Reason.CONFLICTING_DUPLICATE;
import static com.governancemetrics.generate.Reason.DATE_ORDER;
import static com.governancemetrics.generate.Reason.MALFORMED_CODE;
import static com.governancemetrics.generate.Reason.MISSING_KEY;
import static com.governancemetrics.generate.Reason.MISSING_VALUE;
import static com.governancemetrics.generate.Reason.NEGATIVE_VALUE;
import static com.governancemetrics.generate.Reason.PARTITION_MISMATCH;
import static com.governancemetrics.generate.Reason.PART_EXCEEDS_WHOLE;
import static com.governancemetrics.generate.Reason.TYPE_MISMATCH;
import static com.governancemetrics.generate.Reason.UNKNOWN_CASE_TYPE;
import static com.governancemetrics.generate.Reason.UNKNOWN_TOWNSHIP;
import static com.governancemetrics.generate.Reason.VILLAGE_OUTSIDE_TOWNSHIP;

import com.governancemetrics.input.ColumnSpec;
import com.governancemetrics.input.InputDataset;
import com.governancemetrics.input.PartWhole;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The four fact datasets as the generator writes them: the contract columns of {@link InputDataset}
 * without the partition column (it comes from the folder), their physical types, and the reasons of
 * SPEC §1 that can occur in each.
 */
enum GenDataset {
  GRID_COVERAGE(InputDataset.GRID_COVERAGE, List.of(MISSING_KEY, MALFORMED_CODE, BAD_PERIOD,
      PARTITION_MISMATCH, TYPE_MISMATCH, MISSING_VALUE, UNKNOWN_TOWNSHIP, NEGATIVE_VALUE,
      PART_EXCEEDS_WHOLE, CONFLICTING_DUPLICATE)),
  SERVICE_APPEALS(InputDataset.SERVICE_APPEALS, List.of(MISSING_KEY, MALFORMED_CODE, BAD_PERIOD,
      PARTITION_MISMATCH, TYPE_MISMATCH, MISSING_VALUE, UNKNOWN_TOWNSHIP, NEGATIVE_VALUE,
      PART_EXCEEDS_WHOLE, CONFLICTING_DUPLICATE)),
  COLLECTIVE_INCOME(InputDataset.COLLECTIVE_INCOME, List.of(MISSING_KEY, MALFORMED_CODE, BAD_PERIOD,
      PARTITION_MISMATCH, TYPE_MISMATCH, MISSING_VALUE, UNKNOWN_TOWNSHIP, VILLAGE_OUTSIDE_TOWNSHIP,
      NEGATIVE_VALUE, PART_EXCEEDS_WHOLE, CONFLICTING_DUPLICATE)),
  RECTIFICATION_CASES(InputDataset.RECTIFICATION_CASES, List.of(MISSING_KEY, MALFORMED_CODE,
      TYPE_MISMATCH, MISSING_VALUE, UNKNOWN_TOWNSHIP, VILLAGE_OUTSIDE_TOWNSHIP, DATE_ORDER,
      UNKNOWN_CASE_TYPE, CONFLICTING_DUPLICATE));

  final InputDataset contract;
  final List<GenColumn> columns;
  final List<Reason> reasons;
  private final Map<String, Integer> index = new HashMap<>();
  /** Index pairs {part, whole} of the contract's part/whole rules. */
  final List<int[]> partWholes = new ArrayList<>();

  GenDataset(InputDataset contract, List<Reason> reasons) {
    this.contract = contract;
    this.reasons = reasons;
    String partition = contract.partitionColumn().orElse(null);
    List<GenColumn> cols = new ArrayList<>();
    for (ColumnSpec c : contract.columns()) {
      if (c.name().equals(partition)) {
        continue;
      }
      GenColumn.Kind kind = switch (c.kind()) {
        case CODE -> GenColumn.Kind.CODE;
        case TEXT, PERIOD -> GenColumn.Kind.TEXT;
        case YEAR -> GenColumn.Kind.INT32;
        case INTEGER -> Longs.COLUMNS.contains(c.name()) ? GenColumn.Kind.INT64 : GenColumn.Kind.INT32;
        case DECIMAL -> GenColumn.Kind.DECIMAL;
        case DATE -> GenColumn.Kind.DATE;
      };
      index.put(c.name(), cols.size());
      cols.add(new GenColumn(c.name(), kind));
    }
    this.columns = List.copyOf(cols);
    for (PartWhole pw : contract.partWholes()) {
      partWholes.add(new int[] {idx(pw.part()), idx(pw.whole())});
    }
  }

  String folder() {
    return contract.folder();
  }

  /** period=YYYY-MM folders. */
  boolean monthly() {
    return this == GRID_COVERAGE || this == SERVICE_APPEALS;
  }

  /** The partition column ({@code period} or {@code year}), or null for cases. */
  String partitionColumn() {
    return contract.partitionColumn().orElse(null);
  }

  int idx(String column) {
    Integer i = index.get(column);
    if (i == null) {
      throw new IllegalArgumentException(folder() + " has no column " + column);
    }
    return i;
  }

  Object[] newValues() {
    return new Object[columns.size()];
  }

  /** Indexes of the columns where null is missing_value: numeric and dates except rectified_date. */
  List<Integer> requiredValueColumns() {
    List<Integer> result = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      GenColumn c = columns.get(i);
      if (c.kind().isValue() && !c.name().equals("rectified_date")) {
        result.add(i);
      }
    }
    return result;
  }

  static GenDataset of(String folder) {
    for (GenDataset d : values()) {
      if (d.folder().equals(folder)) {
        return d;
      }
    }
    throw new IllegalArgumentException("no generated dataset " + folder);
  }

  /** SPEC §1 says long for these; every other integer column is int. (A holder: enum constructors
   * cannot read the enum's own static fields.) */
  private static final class Longs {
    static final Set<String> COLUMNS =
        Set.of("households_total", "households_covered", "households_certified");
  }
}
