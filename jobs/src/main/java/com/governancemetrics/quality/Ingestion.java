package com.governancemetrics.quality;

import com.governancemetrics.input.DatasetFiles;
import com.governancemetrics.input.InputDataset;
import java.util.EnumMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * Ingestion that loses nothing (SPEC §1): for each fact dataset the files the run needs are listed
 * and checked by their footers ({@link DatasetFiles}; dataset-level faults stop the run with an
 * input fault before any row is read, {@link RequiredData}), then read, judged and counted
 * ({@link Validation}) and split into accepted rows and quarantine ({@link IngestedDataset}). Every
 * row read ends up accepted, quarantined with its reason, or counted as a dropped identical
 * duplicate. collective_income reads older year folders when needed ({@link IncomeYearReading}).
 */
public final class Ingestion {

  private Ingestion() {}

  /** Ingests the four fact datasets; throws an {@link com.governancemetrics.failures.InputFault}. */
  public static IngestionResult run(SparkSession spark, IngestionRequest request) {
    return run(spark, request, select(spark.sparkContext().hadoopConfiguration(), request));
  }

  /**
   * The files of every fact dataset the run reads, checked by their footers before any is read (a
   * fault anywhere stops the run early); no Spark job.
   */
  public static Map<InputDataset, DatasetFiles> select(Configuration conf, IngestionRequest request) {
    Map<InputDataset, DatasetFiles> checked = new EnumMap<>(InputDataset.class);
    for (InputDataset dataset : InputDataset.facts()) {
      checked.put(dataset, check(conf, request, dataset));
    }
    return checked;
  }

  /** Ingests the files {@link #select} chose. */
  public static IngestionResult run(SparkSession spark, IngestionRequest request,
      Map<InputDataset, DatasetFiles> files) {
    return new IngestionResult(ingest(spark, request, files));
  }

  /** Ingests one fact dataset on its own (the same steps as {@link #run} for that dataset). */
  public static IngestedDataset runDataset(SparkSession spark, IngestionRequest request,
      InputDataset dataset) {
    if (!InputDataset.facts().contains(dataset)) {
      throw new IllegalArgumentException(dataset + " is not a fact dataset");
    }
    return ingest(spark, request,
        Map.of(dataset, check(spark.sparkContext().hadoopConfiguration(), request, dataset)))
        .get(dataset);
  }

  private static DatasetFiles check(Configuration conf, IngestionRequest request,
      InputDataset dataset) {
    DatasetFiles files = DatasetFiles.select(conf, request.inputRoot(), dataset, request.scope(),
        request.skipCorruptFiles());
    RequiredData.requireFiles(request.inputRoot(), request.scope(), files);
    return files;
  }

  private static Map<InputDataset, IngestedDataset> ingest(SparkSession spark,
      IngestionRequest request, Map<InputDataset, DatasetFiles> files) {
    Map<InputDataset, Validation.Validated> validated =
        new EnumMap<>(Validation.validate(spark, request, files));
    try {
      // collective_income: older year folders when the latest ones read have no accepted row.
      DatasetFiles income = files.get(InputDataset.COLLECTIVE_INCOME);
      SortedSet<Integer> evaluationYears = new TreeSet<>(request.scope().incomeEvaluationYears());
      while (income != null) {
        Validation.Validated v = validated.get(InputDataset.COLLECTIVE_INCOME);
        SortedSet<Integer> more = IncomeYearReading.moreYears(income, v.tally(), evaluationYears);
        if (more.isEmpty()) {
          break;
        }
        v.persisted().unpersist(false);
        validated.remove(InputDataset.COLLECTIVE_INCOME);
        income.inspect(IncomeYearReading.filesOf(income, more));
        validated.putAll(Validation.validate(spark, request,
            Map.of(InputDataset.COLLECTIVE_INCOME, income)));
      }
      Map<InputDataset, IngestedDataset> result = new EnumMap<>(InputDataset.class);
      for (Map.Entry<InputDataset, Validation.Validated> e : validated.entrySet()) {
        DatasetFiles f = files.get(e.getKey());
        RequiredData.requireRows(request.inputRoot(), request.scope(), f,
            e.getValue().tally().readPartitionValues());
        result.put(e.getKey(), IngestedDataset.of(f, e.getValue(),
            e.getKey() == InputDataset.COLLECTIVE_INCOME
                ? IncomeYearReading.used(e.getValue().tally(), evaluationYears) : Map.of()));
      }
      return result;
    } catch (RuntimeException e) {
      validated.values().forEach(v -> v.persisted().unpersist(false));
      throw e;
    }
  }
}
