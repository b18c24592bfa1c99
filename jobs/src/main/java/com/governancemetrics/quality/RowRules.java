package com.governancemetrics.quality;

import static com.governancemetrics.input.NormalizedColumns.typedRef;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import com.governancemetrics.config.JobSettings;
import com.governancemetrics.input.ColumnKind;
import com.governancemetrics.input.ColumnSpec;
import com.governancemetrics.input.InputDataset;
import com.governancemetrics.input.NormalizedColumns;
import com.governancemetrics.input.NormalizedReader;
import com.governancemetrics.input.PartWhole;
import com.governancemetrics.registry.TownshipRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * The row rules of SPEC §1 as Spark columns over a normalized frame ({@link NormalizedColumns}): each
 * row gets the first reason that applies, in SPEC order, or null when it passes. Duplicates come after,
 * among the rows that passed ({@link Duplicates}).
 */
public final class RowRules {

  /** The reject reason code of a row; null for a row that passed. */
  public static final String REJECT_REASON = "reject_reason";
  /** Whether the row's township_code is in the registry (added by {@link #withRegistry}). */
  public static final String IN_REGISTRY = "_in_registry";

  /** SPEC §1 date_order: deadline and rectification are not before identification. */
  private record NotBefore(String later, String earlier) {}

  private static final List<NotBefore> DATE_ORDER = List.of(
      new NotBefore("deadline_date", "identified_date"),
      new NotBefore("rectified_date", "identified_date"));
  private static final String TOWNSHIP_CODE = "township_code";
  private static final String VILLAGE_CODE = "village_code";
  private static final String CASE_TYPE = "case_type";

  private RowRules() {}

  /** Normalized rows with their reject reason: the registry lookup, then {@link #rejectReason}. */
  public static Dataset<Row> apply(Dataset<Row> normalized, InputDataset dataset,
      JobSettings settings, TownshipRegistry registry) {
    return withRegistry(normalized, registry)
        .withColumn(REJECT_REASON, rejectReason(dataset, settings));
  }

  /**
   * Adds {@link #IN_REGISTRY}: whether the row's township_code (as it came, not trimmed) is a
   * registry code. A lookup in the registry's broadcast code set, so the row count never changes.
   */
  public static Dataset<Row> withRegistry(Dataset<Row> normalized, TownshipRegistry registry) {
    return normalized.withColumn(IN_REGISTRY,
        registry.contains(normalized.sparkSession(), raw(TOWNSHIP_CODE)));
  }

  /** The first reason that applies to a row (its code, e.g. "missing_key"), or null when it passes. */
  public static Column rejectReason(InputDataset dataset, JobSettings settings) {
    Column reason = null;
    for (Map.Entry<RejectReason, Column> rule : rules(dataset, settings).entrySet()) {
      Column code = lit(rule.getKey().code());
      reason = reason == null ? when(rule.getValue(), code) : reason.when(rule.getValue(), code);
    }
    return reason.cast(DataTypes.StringType);
  }

  /** Each reason's condition, in SPEC order; a reason that cannot apply to the dataset is absent. */
  static Map<RejectReason, Column> rules(InputDataset dataset, JobSettings settings) {
    Map<RejectReason, Column> rules = new LinkedHashMap<>();
    Optional<ColumnSpec> partition = dataset.partitionColumn().flatMap(dataset::column);

    // missing_key: null or blank key, or null township_code.
    Column missingKey = raw(TOWNSHIP_CODE).isNull();
    for (String key : dataset.key()) {
      Column value = partition.isPresent() && partition.get().name().equals(key)
          ? effective(key) : raw(key);
      missingKey = missingKey.or(value.isNull()).or(trim(value).equalTo(""));
    }
    rules.put(RejectReason.MISSING_KEY, missingKey);

    // malformed_code: all digits, exact length, not trimmed; a nullable code only when present.
    Column malformed = null;
    for (ColumnSpec c : dataset.columns()) {
      if (c.kind() == ColumnKind.CODE) {
        Column bad = raw(c.name()).isNotNull()
            .and(raw(c.name()).rlike("^[0-9]{" + c.codeLength() + "}$").unary_$bang());
        malformed = or(malformed, bad);
      }
    }
    put(rules, RejectReason.MALFORMED_CODE, malformed);

    if (partition.isPresent()) {
      String p = partition.get().name();
      // bad_period: the row's period (folder's, else file's) is not a valid YYYY-MM / year.
      rules.put(RejectReason.BAD_PERIOD, typedRef(p).isNull());
      // partition_mismatch: the folder's value wins; a file value that disagrees rejects the row.
      Column folder = col(NormalizedColumns.FOLDER_VALUE);
      Column disagrees = partition.get().kind() == ColumnKind.YEAR
          ? NormalizedReader.yearOf(trim(raw(p))).eqNullSafe(typedRef(p)).unary_$bang()
          : raw(p).eqNullSafe(folder).unary_$bang();
      rules.put(RejectReason.PARTITION_MISMATCH, folder.isNotNull().and(disagrees));
    }

    // type_mismatch: a value that came but does not cast.
    Column typeMismatch = null;
    Column missingValue = null;
    for (ColumnSpec c : dataset.columns()) {
      if (c.kind().isValue()) {
        typeMismatch = or(typeMismatch,
            raw(c.name()).isNotNull().and(typedRef(c.name()).isNull()));
        if (c.required()) {
          missingValue = or(missingValue, raw(c.name()).isNull());
        }
      }
    }
    put(rules, RejectReason.TYPE_MISMATCH, typeMismatch);
    put(rules, RejectReason.MISSING_VALUE, missingValue);

    rules.put(RejectReason.UNKNOWN_TOWNSHIP, col(IN_REGISTRY).unary_$bang());

    if (dataset.column(VILLAGE_CODE).isPresent()) {
      rules.put(RejectReason.VILLAGE_OUTSIDE_TOWNSHIP, raw(VILLAGE_CODE).isNotNull()
          .and(raw(VILLAGE_CODE).startsWith(raw(TOWNSHIP_CODE)).unary_$bang()));
    }

    Column negative = null;
    for (ColumnSpec c : dataset.columns()) {
      if (c.kind() == ColumnKind.INTEGER || c.kind() == ColumnKind.DECIMAL) {
        negative = or(negative, typedRef(c.name()).lt(0));
      }
    }
    put(rules, RejectReason.NEGATIVE_VALUE, negative);

    Column exceeds = null;
    for (PartWhole pw : dataset.partWholes()) {
      exceeds = or(exceeds, typedRef(pw.part()).gt(typedRef(pw.whole())));
    }
    put(rules, RejectReason.PART_EXCEEDS_WHOLE, exceeds);

    Column dateOrder = null;
    for (NotBefore rule : DATE_ORDER) {
      if (dataset.column(rule.later()).isPresent() && dataset.column(rule.earlier()).isPresent()) {
        // A null rectified_date (open case) compares to null: not a violation.
        dateOrder = or(dateOrder,
            coalesce(typedRef(rule.later()).lt(typedRef(rule.earlier())), lit(false)));
      }
    }
    put(rules, RejectReason.DATE_ORDER, dateOrder);

    if (dataset.column(CASE_TYPE).isPresent()) {
      rules.put(RejectReason.UNKNOWN_CASE_TYPE, raw(CASE_TYPE).isNull()
          .or(raw(CASE_TYPE).isin(settings.caseTypes().toArray()).unary_$bang()));
    }
    return rules;
  }

  /** The row's value of the partition column as it counts: the folder's, else the file's. */
  private static Column effective(String partitionColumn) {
    return coalesce(col(NormalizedColumns.FOLDER_VALUE), raw(partitionColumn));
  }

  private static Column raw(String column) {
    return NormalizedColumns.ref(column);
  }


  private static Column or(Column a, Column b) {
    return a == null ? b : a.or(b);
  }

  private static void put(Map<RejectReason, Column> rules, RejectReason reason, Column condition) {
    if (condition != null) {
      rules.put(reason, condition);
    }
  }
}
