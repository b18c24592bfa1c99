package com.governancemetrics.quality;

import static com.governancemetrics.input.NormalizedColumns.typedRef;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import com.governancemetrics.input.ColumnSpec;
import com.governancemetrics.input.InputDataset;
import com.governancemetrics.input.NormalizedColumns;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The duplicates policy of SPEC §1, among the rows that passed every other rule: copies of a key
 * (township+period, village+year, case_id) that are identical in their contract columns after casting
 * (extra columns and the file ignored) are kept once, the others counted as dropped; when the copies
 * differ, all of them are quarantined as conflicting_duplicate (A, A, B: three quarantined, none
 * dropped). The kept copy is the one from the smallest source_file, so reruns keep the same row; among
 * copies in that same file, the first in the file ({@link NormalizedColumns#ROW_INDEX}).
 *
 * <p>Duplicated keys are rare, so whole rows are never shuffled, and the datasets are handled
 * together: one aggregation over every dataset's keys (narrow: dataset, key, partition) finds the
 * keys seen more than once and counts the rows per reason and partition ({@link #countKeys}); a second
 * one over the copies of those keys only tells identical copies from conflicting ones and picks the
 * kept copy ({@link #summarize}); that small summary is broadcast back to the rows ({@link #resolve}).
 */
public final class Duplicates {

  /** True on an identical copy that is dropped (neither accepted nor quarantined). */
  public static final String DUPLICATE_DROPPED = "duplicate_dropped";

  private static final String DATASET = "_dup_dataset";
  private static final String KIND = "_dup_kind";
  private static final String VALUE = "_dup_value";
  private static final String PARTITION = "_dup_partition";
  private static final String KEY = "_dup_key";
  private static final String VERSION = "_dup_version";
  private static final String POSITION = "_dup_position";
  private static final String COPIES = "_dup_copies";
  private static final String IDENTICAL = "_dup_identical";
  private static final String KEPT = "_dup_kept";
  private static final String FILE = "file";
  private static final String INDEX = "index";
  private static final String KEPT_FILE = "_dup_kept_file";
  private static final String KEPT_INDEX = "_dup_kept_index";
  private static final String SUMMARY = "_dup_summary";
  private static final String KEY_RECORD = "key";
  private static final String REASON_RECORD = "reason";

  /** A key seen more than once among the passed rows of a dataset, in its partition. */
  record DuplicatedKey(String key, String partition, long copies) {}

  /** The rows of a dataset per (reason, partition) before the policy, and its duplicated keys. */
  record KeyCounts(Map<List<String>, Long> byReasonAndPartition, List<DuplicatedKey> duplicated) {}

  /** What the copies of a duplicated key are: how many, whether identical, which one is kept. */
  record Summary(String key, long copies, boolean identical, String keptFile, long keptIndex) {}

  private Duplicates() {}

  /** The key of a row as one string (its columns are digit codes, periods and years). */
  static Column key(InputDataset dataset) {
    List<Column> parts = new ArrayList<>();
    for (String k : dataset.key()) {
      parts.add(typedRef(k).cast(DataTypes.StringType));
    }
    return concat_ws("|", parts.toArray(new Column[0]));
  }

  /** The row's partition value (period or year) as it counts, null for datasets without one. */
  static Column partition(InputDataset dataset) {
    return dataset.partitionColumn().map(p -> typedRef(p).cast(DataTypes.StringType))
        .orElse(lit(null).cast(DataTypes.StringType));
  }

  /**
   * One Spark job over every dataset's rows with their reject reasons: the rows per (reason,
   * partition) — reason null for the rows that passed — and the keys of passed rows seen more than
   * once. Rows are reduced to two narrow records each before the shuffle.
   */
  static Map<InputDataset, KeyCounts> countKeys(SparkSession spark,
      Map<InputDataset, Dataset<Row>> checked) {
    Dataset<Row> records = null;
    for (Map.Entry<InputDataset, Dataset<Row>> e : checked.entrySet()) {
      InputDataset dataset = e.getKey();
      Column passed = col(RowRules.REJECT_REASON).isNull();
      Column reasonRecord = struct(lit(REASON_RECORD).as(KIND),
          col(RowRules.REJECT_REASON).as(VALUE));
      Column keyRecord = struct(lit(KEY_RECORD).as(KIND), key(dataset).as(VALUE));
      Column both = when(passed, array(reasonRecord, keyRecord)).otherwise(array(reasonRecord));
      Dataset<Row> narrow = e.getValue()
          .select(lit(dataset.folder()).as(DATASET), partition(dataset).as(PARTITION),
              explode(both).as("r"))
          .select(col(DATASET), col("r." + KIND).as(KIND), col("r." + VALUE).as(VALUE),
              col(PARTITION));
      records = records == null ? narrow : records.unionAll(narrow);
    }
    List<Row> rows = records.groupBy(col(DATASET), col(KIND), col(VALUE), col(PARTITION)).count()
        .filter(col(KIND).equalTo(REASON_RECORD).or(col("count").gt(1)))
        .collectAsList();
    Map<InputDataset, Map<List<String>, Long>> byReason = new LinkedHashMap<>();
    Map<InputDataset, List<DuplicatedKey>> duplicated = new LinkedHashMap<>();
    for (InputDataset dataset : checked.keySet()) {
      byReason.put(dataset, new LinkedHashMap<>());
      duplicated.put(dataset, new ArrayList<>());
    }
    for (Row r : rows) {
      InputDataset dataset = InputDataset.byFolder(r.getString(0));
      if (REASON_RECORD.equals(r.getString(1))) {
        byReason.get(dataset).put(java.util.Arrays.asList(r.getString(2), r.getString(3)),
            r.getLong(4));
      } else {
        duplicated.get(dataset).add(new DuplicatedKey(r.getString(2), r.getString(3), r.getLong(4)));
      }
    }
    Map<InputDataset, KeyCounts> result = new LinkedHashMap<>();
    for (InputDataset dataset : checked.keySet()) {
      result.put(dataset, new KeyCounts(byReason.get(dataset), duplicated.get(dataset)));
    }
    return result;
  }

  /**
   * One Spark job over the copies of the duplicated keys only, of every dataset that has some:
   * whether each key's copies are identical in their contract columns after casting (compared
   * exactly as JSON of the typed values; nulls equal nulls) and which copy is kept.
   */
  static Map<InputDataset, List<Summary>> summarize(Map<InputDataset, Dataset<Row>> checked,
      Map<InputDataset, KeyCounts> counts) {
    Dataset<Row> copies = null;
    for (Map.Entry<InputDataset, Dataset<Row>> e : checked.entrySet()) {
      InputDataset dataset = e.getKey();
      List<DuplicatedKey> keys = counts.get(dataset).duplicated();
      if (keys.isEmpty()) {
        continue;
      }
      List<Column> contract = new ArrayList<>();
      for (ColumnSpec c : dataset.columns()) {
        contract.add(typedRef(c.name()).as(c.name()));
      }
      Dataset<Row> some = e.getValue()
          .filter(col(RowRules.REJECT_REASON).isNull()
              .and(key(dataset).isin(keys.stream().map(DuplicatedKey::key).toArray())))
          .select(lit(dataset.folder()).as(DATASET), key(dataset).as(KEY),
              to_json(struct(contract.toArray(new Column[0]))).as(VERSION),
              struct(col(NormalizedColumns.SOURCE_FILE).as(FILE),
                  col(NormalizedColumns.ROW_INDEX).as(INDEX)).as(POSITION));
      copies = copies == null ? some : copies.unionAll(some);
    }
    Map<InputDataset, List<Summary>> result = new LinkedHashMap<>();
    for (InputDataset dataset : checked.keySet()) {
      result.put(dataset, new ArrayList<>());
    }
    if (copies == null) {
      return result;
    }
    for (Row r : copies.groupBy(col(DATASET), col(KEY))
        .agg(count(lit(1)).as(COPIES),
            min(col(VERSION)).equalTo(max(col(VERSION))).as(IDENTICAL),
            // The smallest source_file, then the first row of that file: exactly one kept.
            min(col(POSITION)).as(KEPT))
        .collectAsList()) {
      Row kept = r.getStruct(4);
      result.get(InputDataset.byFolder(r.getString(0))).add(new Summary(r.getString(1),
          r.getLong(2), r.getBoolean(3), kept.getString(0), kept.getLong(1)));
    }
    return result;
  }

  /** The whole policy on one dataset's rows ({@link #countKeys}, {@link #summarize}, resolve). */
  static Dataset<Row> resolve(Dataset<Row> checked, InputDataset dataset) {
    Map<InputDataset, Dataset<Row>> one = Map.of(dataset, checked);
    return resolve(checked, dataset,
        summarize(one, countKeys(checked.sparkSession(), one)).get(dataset));
  }

  /**
   * Takes rows with {@link RowRules#REJECT_REASON} and returns the same rows, with conflicting copies
   * given conflicting_duplicate and the column {@link #DUPLICATE_DROPPED}: the summary, small, is
   * looked up in a broadcast variable (no join, so no Spark job to broadcast it).
   */
  static Dataset<Row> resolve(Dataset<Row> checked, InputDataset dataset, List<Summary> summary) {
    if (summary.isEmpty()) {
      return checked.withColumn(DUPLICATE_DROPPED, lit(false));
    }
    HashMap<String, Row> byKey = new HashMap<>();
    for (Summary s : summary) {
      byKey.put(s.key(), RowFactory.create(s.copies(), s.identical(), s.keptFile(), s.keptIndex()));
    }
    StructType info = new StructType()
        .add(COPIES, DataTypes.LongType, false)
        .add(IDENTICAL, DataTypes.BooleanType, false)
        .add(KEPT_FILE, DataTypes.StringType, true)
        .add(KEPT_INDEX, DataTypes.LongType, true);
    Broadcast<HashMap<String, Row>> shared =
        JavaSparkContext.fromSparkContext(checked.sparkSession().sparkContext()).broadcast(byKey);
    UserDefinedFunction lookup = udf((UDF1<String, Row>) k -> shared.value().get(k), info);
    Column passed = col(RowRules.REJECT_REASON).isNull();
    Column found = col(SUMMARY);
    Column duplicate = passed.and(found.isNotNull());
    Column identical = found.getField(IDENTICAL);
    Column kept = col(NormalizedColumns.SOURCE_FILE).equalTo(found.getField(KEPT_FILE))
        .and(col(NormalizedColumns.ROW_INDEX).equalTo(found.getField(KEPT_INDEX)));
    return checked.withColumn(SUMMARY, when(passed, lookup.apply(key(dataset))))
        .withColumn(DUPLICATE_DROPPED, coalesce(duplicate.and(identical).and(kept.unary_$bang()),
            lit(false)))
        .withColumn(RowRules.REJECT_REASON,
            when(duplicate.and(identical.unary_$bang()),
                lit(RejectReason.CONFLICTING_DUPLICATE.code()))
                .otherwise(col(RowRules.REJECT_REASON)))
        .drop(SUMMARY);
  }
}
