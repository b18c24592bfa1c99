package com.governancemetrics.jobs;

import com.governancemetrics.config.GovernanceConfig;
import com.governancemetrics.failures.Failure;
import com.governancemetrics.failures.QualityGateBreach;
import com.governancemetrics.input.InputDataset;
import com.governancemetrics.input.ReadScope;
import com.governancemetrics.output.PartitionPublisher;
import com.governancemetrics.output.RunManifest;
import com.governancemetrics.periods.Period;
import com.governancemetrics.quality.DatasetCounts;
import com.governancemetrics.quality.IngestedDataset;
import com.governancemetrics.quality.Ingestion;
import com.governancemetrics.quality.IngestionRequest;
import com.governancemetrics.quality.IngestionResult;
import com.governancemetrics.quality.QualityGate;
import com.governancemetrics.registry.TownshipRegistry;
import com.governancemetrics.spark.SparkSessions;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps every job shares for its periods: load the registry, ingest what the periods need, publish
 * the quarantine, record the counts in the manifest and apply the quality gate. {@link Step} lets
 * nightly and backfill add computing and publishing the tables after the gate.
 */
final class PeriodRun {

  private static final Logger LOG = LoggerFactory.getLogger(PeriodRun.class);

  /** What a job does once the input passed the quality gate. */
  interface Step {
    void afterGate(Context context);
  }

  /** The state of a run, handed to the steps after the gate. */
  record Context(SparkSession spark, GovernanceConfig config, RunOptions options, List<Period> periods,
      TownshipRegistry registry, IngestionResult ingestion, RunManifest manifest, PrintStream out) {

    String runId() {
      return manifest.runId();
    }
  }

  private PeriodRun() {}

  /**
   * Runs the job; writes the manifest at the end (also when the quality gate fails or the run breaks
   * after reading began). Dataset-level faults (exit 4) and configuration errors (exit 2) stop the run
   * before anything is written.
   */
  static RunManifest run(SparkSession spark, GovernanceConfig config, RunOptions options, String job,
      List<Period> periods, PrintStream out, Step afterGate) {
    String runId = RunIds.next(job, periods);
    RunManifest manifest = new RunManifest(runId, job, periods.stream().map(Period::toString).toList(),
        Version.current())
        .config(config.source(), config.sha256())
        .put("input", options.input())
        .put("output", options.output());
    LOG.info("Run {}: {} {} from {} to {}", runId, job, periods.size() == 1 ? periods.get(0)
        : periods.get(0) + " … " + periods.get(periods.size() - 1), options.input(), options.output());
    SparkSessions.applyTo(spark, config.settings());

    TownshipRegistry registry = TownshipRegistry.load(spark, options.input());
    LOG.info("Registry: {}", registry.source());
    manifest.put("registry", registry.source());

    IngestionResult ingestion = Ingestion.run(spark, new IngestionRequest(options.input(),
        new ReadScope(periods), config.settings(), options.skipCorruptFiles(), registry));
    try {
      recordDatasets(manifest, ingestion);
      publishQuarantine(spark, options, periods, ingestion, runId);
      out.print(ValidationSummary.render(ingestion));
      List<String> breaches = QualityGate.breaches(ingestion, config.settings().quarantineTolerance());
      if (!breaches.isEmpty()) {
        String message = "quality gate failed: " + String.join("; ", breaches);
        manifest.finish(RunManifest.QUALITY_GATE_FAILED, message);
        Path written = manifest.write(spark.sparkContext().hadoopConfiguration(), options.output());
        throw new QualityGateBreach(message + " (nothing was published; quarantine and "
            + "manifest written: " + written + ")",
            "Look at the quarantined rows under " + new Path(options.output(), "quarantine")
                + ", have the counties correct and redeliver them, then run again; or raise "
                + "settings.quarantine_tolerance in the configuration if this share is acceptable.");
      }
      Context context = new Context(spark, config, options, periods, registry, ingestion, manifest, out);
      afterGate.afterGate(context);
      if ("running".equals(manifest.get("status"))) {
        manifest.finish(RunManifest.SUCCEEDED, null);
      }
      Path written = manifest.write(spark.sparkContext().hadoopConfiguration(), options.output());
      LOG.info("Run {} {}; manifest {}", runId, manifest.get("status"), written);
      return manifest;
    } catch (Failure f) {
      throw f;
    } catch (RuntimeException e) {
      manifest.finish(RunManifest.FAILED, String.valueOf(e));
      try {
        manifest.write(spark.sparkContext().hadoopConfiguration(), options.output());
      } catch (RuntimeException ignored) {
        LOG.warn("could not write the manifest of the failed run {}", runId);
      }
      throw e;
    } finally {
      ingestion.release();
    }
  }

  private static void recordDatasets(RunManifest manifest, IngestionResult ingestion) {
    for (Map.Entry<InputDataset, IngestedDataset> e : ingestion.datasets().entrySet()) {
      IngestedDataset d = e.getValue();
      DatasetCounts c = d.counts();
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("rows_read", c.rowsRead());
      entry.put("rows_accepted", c.rowsAccepted());
      entry.put("rows_quarantined", c.rowsQuarantined());
      entry.put("duplicates_dropped", c.duplicatesDropped());
      entry.put("quarantined_share", c.rowsRead() == 0 ? 0.0 : (double) c.rowsQuarantined() / c.rowsRead());
      entry.put("quarantined_by_reason", c.quarantinedByReason());
      entry.put("files_read", d.filesRead());
      entry.put("files_skipped", d.filesSkipped().stream()
          .map(s -> Map.of("file", s.file(), "reason", s.reason())).toList());
      entry.put("extra_columns", d.extraColumns());
      if (!d.incomeYearUsed().isEmpty()) {
        entry.put("year_used", d.incomeYearUsed());
      }
      manifest.dataset(e.getKey().folder(), entry);
    }
  }

  /**
   * Quarantine tables {@code quarantine/<dataset>/period=P}: a run's bad rows are published under its
   * (last) period, so rerunning a period replaces its own quarantine and nothing else.
   */
  private static void publishQuarantine(SparkSession spark, RunOptions options, List<Period> periods,
      IngestionResult ingestion, String runId) {
    Period period = periods.get(periods.size() - 1);
    for (Map.Entry<InputDataset, IngestedDataset> e : ingestion.datasets().entrySet()) {
      SparkSessions.describe(spark, "publish quarantine/" + e.getKey().folder() + " for " + period);
      PartitionPublisher.publish(spark,
          e.getValue().quarantine().withColumn(PartitionPublisher.PERIOD_COLUMN,
              functions.lit(period.toString())),
          new Path(options.output(), "quarantine/" + e.getKey().folder()).toString(),
          List.of(period), runId);
    }
  }
}
