package com.governancemetrics.jobs;

import com.governancemetrics.export.ExportRequest;
import com.governancemetrics.export.ExportSummary;
import com.governancemetrics.export.Exporter;
import com.governancemetrics.export.MetricPresentations;
import com.governancemetrics.input.InputDataset;
import com.governancemetrics.metrics.MetricEngine;
import com.governancemetrics.metrics.MetricInputs;
import com.governancemetrics.metrics.MetricTables;
import com.governancemetrics.output.PartitionPublisher;
import com.governancemetrics.output.RunManifest;
import com.governancemetrics.periods.Period;
import com.governancemetrics.quality.IngestedDataset;
import com.governancemetrics.rollup.Level;
import com.governancemetrics.rollup.LevelTables;
import com.governancemetrics.spark.SparkSessions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * After the quality gate: computes the metrics of every period of the run in one job, publishes the
 * four tables period by period (atomically), then the exports for people (SPEC §3).
 */
final class PublishTables implements PeriodRun.Step {

  private final boolean exports;

  PublishTables(boolean exports) {
    this.exports = exports;
  }

  @Override
  public void afterGate(PeriodRun.Context c) {
    Map<InputDataset, Dataset<Row>> accepted = new LinkedHashMap<>();
    for (Map.Entry<InputDataset, IngestedDataset> e : c.ingestion().datasets().entrySet()) {
      accepted.put(e.getKey(), e.getValue().accepted());
    }
    Map<Integer, Integer> incomeYears =
        c.ingestion().get(InputDataset.COLLECTIVE_INCOME).incomeYearUsed();
    // All four levels come from one evaluation of the metrics: its narrow rows (codes, numbers,
    // ranks) are persisted while the four tables are written, each joining its names and targets.
    MetricInputs inputs = new MetricInputs(accepted, c.registry().townships(), c.periods(),
        c.config(), incomeYears);
    Dataset<Row> ranked = MetricEngine.computeRanked(c.spark(), inputs)
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      MetricTables tables = LevelTables.split(MetricEngine.withNames(c.spark(), inputs, ranked));
      for (Level level : Level.values()) {
        SparkSessions.describe(c.spark(), "publish " + level.table() + " for " + c.periods());
        Map<Period, Long> written = PartitionPublisher.publish(c.spark(), tables.of(level),
            new Path(c.options().output(), level.table()).toString(), c.periods(), c.runId());
        c.manifest().table(level.table(), written);
      }
    } finally {
      ranked.unpersist();
    }
    if (exports) {
      // The exports' data-quality part reads the manifest: write what is known so far.
      Path manifestPath = c.manifest().write(c.spark().sparkContext().hadoopConfiguration(),
          c.options().output());
      for (Period period : c.periods()) {
        SparkSessions.describe(c.spark(), "exports for " + period);
        ExportSummary summary = Exporter.run(c.spark(), new ExportRequest(c.options().output(),
            period, Optional.empty(), MetricPresentations.of(c.config().catalogue()), c.runId(),
            Version.current(), Optional.of(manifestPath.toString())));
        summary.provinces().forEach(p -> c.manifest().export(p.folder()));
      }
    }
    c.manifest().finish(RunManifest.SUCCEEDED, null);
  }
}
