package com.governancemetrics.quality;

import com.governancemetrics.input.DatasetFiles;
import com.governancemetrics.input.InputDataset;
import java.util.EnumMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
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
    // Every dataset's files are checked before any is read: a fault anywhere stops the run early.
    Map<InputDataset, DatasetFiles> checked = new EnumMap<>(InputDataset.class);
    for (InputDataset dataset : InputDataset.facts()) {
      checked.put(dataset, check(spark, request, dataset));
    }
    Map<InputDataset, IngestedDataset> result = new EnumMap<>(InputDataset.class);
    try {
      for (InputDataset dataset : InputDataset.facts()) {
        result.put(dataset, ingest(spark, request, checked.get(dataset)));
      }
    } catch (RuntimeException e) {
      result.values().forEach(IngestedDataset::release);
      throw e;
    }
    return new IngestionResult(result);
  }

  /** Ingests one fact dataset on its own (the same steps as {@link #run} for that dataset). */
  public static IngestedDataset runDataset(SparkSession spark, IngestionRequest request,
      InputDataset dataset) {
    if (!InputDataset.facts().contains(dataset)) {
      throw new IllegalArgumentException(dataset + " is not a fact dataset");
    }
    return ingest(spark, request, check(spark, request, dataset));
  }

  private static DatasetFiles check(SparkSession spark, IngestionRequest request,
      InputDataset dataset) {
    DatasetFiles files = DatasetFiles.select(spark.sparkContext().hadoopConfiguration(),
        request.inputRoot(), dataset, request.scope(), request.skipCorruptFiles());
    RequiredData.requireFiles(request.inputRoot(), request.scope(), files);
    return files;
  }

  private static IngestedDataset ingest(SparkSession spark, IngestionRequest request,
      DatasetFiles files) {
    if (files.dataset() != InputDataset.COLLECTIVE_INCOME) {
      Validation.Validated v = Validation.validate(spark, request, files);
      RequiredData.requireRows(request.inputRoot(), request.scope(), files,
          v.tally().readPartitionValues());
      return IngestedDataset.of(files, v, Map.of());
    }
    SortedSet<Integer> evaluationYears = new TreeSet<>(request.scope().incomeEvaluationYears());
    while (true) {
      Validation.Validated v = Validation.validate(spark, request, files);
      SortedSet<Integer> more = IncomeYearReading.moreYears(files, v.tally(), evaluationYears);
      if (more.isEmpty()) {
        RequiredData.requireRows(request.inputRoot(), request.scope(), files,
            v.tally().readPartitionValues());
        return IngestedDataset.of(files, v, IncomeYearReading.used(v.tally(), evaluationYears));
      }
      v.persisted().unpersist(false);
      files.inspect(IncomeYearReading.filesOf(files, more));
    }
  }
}
