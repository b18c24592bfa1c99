package com.governancemetrics.jobs;

import com.governancemetrics.config.GovernanceConfig;
import com.governancemetrics.diff.PublicationDiff;
import com.governancemetrics.export.MetricPresentations;
import com.governancemetrics.failures.ChangesFound;
import com.governancemetrics.failures.Failure;
import com.governancemetrics.failures.QualityGateBreach;
import com.governancemetrics.input.DatasetFiles;
import com.governancemetrics.input.InputDataset;
import com.governancemetrics.input.ReadScope;
import com.governancemetrics.metrics.MetricWindow;
import com.governancemetrics.output.Publication;
import com.governancemetrics.output.RunManifest;
import com.governancemetrics.output.Runs;
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
import java.util.Optional;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps every job shares for its periods: load the registry, ingest what the periods need, stage
 * the quarantine, record the counts in the manifest and apply the quality gate; {@link Step} lets
 * nightly and backfill stage the tables and exports after the gate. What is staged is published
 * together at the end ({@link PublishingRun}).
 */
final class PeriodRun {

  private static final Logger LOG = LoggerFactory.getLogger(PeriodRun.class);

  /** What a job does once the input passed the quality gate. */
  interface Step {
    void afterGate(Context context);

    /** Whether the step writes the exports (part of what the result depends on). */
    default boolean exports() {
      return false;
    }
  }

  /** The state of a run, handed to the steps after the gate. */
  record Context(SparkSession spark, GovernanceConfig config, RunOptions options, List<Period> periods,
      TownshipRegistry registry, IngestionResult ingestion, RunManifest manifest,
      Publication publication, PrintStream out) {

    String runId() {
      return manifest.runId();
    }
  }

  private PeriodRun() {}

  /**
   * Runs the job and returns its manifest, committed with everything the run publishes (also when
   * the quality gate fails: quarantine and manifest, no table). A failure records the manifest as
   * failed and publishes nothing.
   */
  static RunManifest run(SparkSession spark, GovernanceConfig config, RunOptions options, String job,
      List<Period> periods, PrintStream out, Step afterGate, Optional<DryRun> dryRun) {
    try (Publication publication = PublishingRun.open(spark.sparkContext().hadoopConfiguration(),
        options, config.settings(), job, periods)) {
      return run(spark, config, options, job, periods, out, afterGate, publication, dryRun);
    }
  }

  /** What a run reads for its periods with the configuration's metrics (SPEC §1). */
  static ReadScope scope(List<Period> periods, GovernanceConfig config) {
    return new ReadScope(periods, config.catalogue().datasetsWith(MetricWindow.YTD));
  }

  /**
   * {@link #run} with the publication the caller opened (the command line opens it first). A dry
   * run stages everything, then compares it with what is published instead of committing it.
   */
  static RunManifest run(SparkSession spark, GovernanceConfig config, RunOptions options, String job,
      List<Period> periods, PrintStream out, Step afterGate, Publication publication,
      Optional<DryRun> dryRun) {
    String runId = publication.runId();
    RunManifest manifest = RunManifest.start(runId, job,
        periods.stream().map(Period::toString).toList(), Version.current())
        .config(config.source(), config.sha256())
        .roots(options.inputRoot(), options.output());
    LOG.info("Run {}: {} {} from {} to {}", runId, job, periods.size() == 1 ? periods.get(0)
        : periods.get(0) + " … " + periods.get(periods.size() - 1), options.inputRoot(), options.output());
    SparkSessions.applyTo(spark, config.settings().shufflePartitions());
    PublishingRun.Finish finish = dryRun.<PublishingRun.Finish>map(d -> (p, m) -> compare(spark,
        config, periods, out, d, p, m)).orElse(PublishingRun.COMMIT);
    PublishingRun.execute(publication, manifest,
        p -> stage(spark, config, options, periods, out, afterGate, manifest, p), finish);
    return manifest;
  }

  /**
   * A dry run's end: what it staged compared with what is published (or with run --against), the
   * comparison written, the manifest recorded as a dry run, nothing published.
   */
  private static Optional<Failure> compare(SparkSession spark, GovernanceConfig config,
      List<Period> periods, PrintStream out, DryRun dryRun, Publication publication,
      RunManifest manifest) {
    Map<Period, PublicationDiff.Side[]> sides = new LinkedHashMap<>();
    if (manifest.status() == RunManifest.Status.SUCCEEDED) {
      for (Period p : periods) {
        sides.put(p, new PublicationDiff.Side[] {
            Comparison.published(publication.fileSystem(), publication.root(), p,
                dryRun.against()),
            Comparison.staged(publication, p)});
      }
      Comparison.Outcome outcome = Comparison.report(spark, publication.fileSystem(),
          publication.root(), publication.runId(), sides,
          MetricPresentations.of(config.catalogue()), out);
      manifest.finish(RunManifest.Status.DRY_RUN, "dry run: " + outcome.changes()
          + " change(s), " + outcome.unitsMoved() + " unit(s) whose rank or target status "
          + "changes; comparison " + outcome.folder() + "; nothing published");
      publication.writeManifest(manifest);
      publication.abandon();
      if (dryRun.failOnChange() && outcome.changes() > 0) {
        return Optional.of(new ChangesFound("the dry run found "
            + outcome.changes() + " change(s) against what is published (" + outcome.folder()
            + ")", "Read the comparison, then publish with the same command without --dry-run."));
      }
      return Optional.empty();
    }
    // the quality gate failed: nothing to compare, nothing published
    publication.writeManifest(manifest);
    publication.abandon();
    return Optional.empty();
  }

  private static Optional<Failure> stage(SparkSession spark, GovernanceConfig config,
      RunOptions options, List<Period> periods, PrintStream out, Step afterGate, RunManifest manifest,
      Publication publication) {
    TownshipRegistry registry = TownshipRegistry.load(spark, options.inputRoot());
    LOG.info("Registry: {}", registry.source());
    manifest.registry(registry.source());

    ReadScope scope = scope(periods, config);
    IngestionRequest request = new IngestionRequest(options.inputRoot(), scope, config.settings(),
        options.skipCorruptFiles(), registry);
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    Map<InputDataset, DatasetFiles> files = Ingestion.select(conf, request);
    manifest.inputsSha256(RunInputs.digest(conf, options.inputRoot(), options.output(), scope, files,
        config, afterGate.exports()));
    IngestionResult ingestion = Ingestion.run(spark, request, files);
    try {
      recordDatasets(manifest, ingestion);
      stageQuarantine(periods, ingestion, publication);
      out.print(ValidationSummary.render(ingestion));
      List<String> breaches = QualityGate.breaches(ingestion, config.settings().quarantineTolerance());
      if (!breaches.isEmpty()) {
        String message = "quality gate failed: " + String.join("; ", breaches);
        manifest.finish(RunManifest.Status.QUALITY_GATE_FAILED, message);
        Path written = Runs.manifestPath(publication.root(), manifest.runId());
        return Optional.of(new QualityGateBreach(message + " (nothing was published but the "
            + "quarantine and the manifest " + written + ")",
            "Look at the quarantined rows under " + new Path(publication.root(), "quarantine")
                + ", have the counties correct and redeliver them, then run again; or raise "
                + "settings.quarantine_tolerance in the configuration if this share is acceptable."));
      }
      afterGate.afterGate(new Context(spark, config, options, periods, registry, ingestion, manifest,
          publication, out));
      if (manifest.status() == RunManifest.Status.RUNNING) {
        manifest.finish(RunManifest.Status.SUCCEEDED, null);
      }
      return Optional.empty();
    } finally {
      ingestion.release();
    }
  }

  private static void recordDatasets(RunManifest manifest, IngestionResult ingestion) {
    for (Map.Entry<InputDataset, IngestedDataset> e : ingestion.datasets().entrySet()) {
      IngestedDataset d = e.getValue();
      DatasetCounts c = d.counts();
      manifest.dataset(e.getKey().folder(), new RunManifest.Dataset(c.rowsRead(), c.rowsAccepted(),
          c.rowsQuarantined(), c.duplicatesDropped(),
          c.rowsRead() == 0 ? null : (double) c.rowsQuarantined() / c.rowsRead(),
          c.quarantinedByReason(), d.partitionsRead(), d.filesRead(),
          d.filesSkipped().stream().map(s -> new RunManifest.SkippedFile(s.file(), s.reason())).toList(),
          d.extraColumns(), new TreeMap<>(d.incomeYearUsed())));
    }
  }

  /**
   * Quarantine tables {@code quarantine/<dataset>/period=P}: a run's bad rows are published under its
   * (last) period, so rerunning a period replaces its own quarantine and nothing else.
   */
  private static void stageQuarantine(List<Period> periods, IngestionResult ingestion,
      Publication publication) {
    Period period = periods.get(periods.size() - 1);
    Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
    for (Map.Entry<InputDataset, IngestedDataset> e : ingestion.datasets().entrySet()) {
      tables.put("quarantine/" + e.getKey().folder(), e.getValue().quarantine()
          .withColumn(Publication.PERIOD_COLUMN, functions.lit(period.toString())));
    }
    publication.stagePartitionsTogether(tables, List.of(period));
  }
}
