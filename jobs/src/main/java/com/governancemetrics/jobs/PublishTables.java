package com.governancemetrics.jobs;

import com.governancemetrics.export.ExportDestination;
import com.governancemetrics.export.ExportRequest;
import com.governancemetrics.export.ExportSummary;
import com.governancemetrics.export.Exporter;
import com.governancemetrics.export.MetricPresentations;
import com.governancemetrics.export.RunQuality;
import com.governancemetrics.input.InputDataset;
import com.governancemetrics.periods.Period;
import com.governancemetrics.quality.IngestedDataset;
import com.governancemetrics.rollup.ComparisonTables;
import com.governancemetrics.rollup.Level;
import com.governancemetrics.rollup.MetricTables;
import com.governancemetrics.rollup.PublishedHistory;
import com.governancemetrics.spark.SparkSessions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * After the quality gate: computes the metrics of every period of the run in one job, stages the
 * four tables and then the exports for people (SPEC §3); the run publishes them all together.
 */
final class PublishTables implements PeriodRun.Step {

  private final boolean exports;

  PublishTables(boolean exports) {
    this.exports = exports;
  }

  @Override
  public boolean exports() {
    return exports;
  }

  @Override
  public void afterGate(PeriodRun.Context c) {
    Map<InputDataset, Dataset<Row>> accepted = new LinkedHashMap<>();
    for (Map.Entry<InputDataset, IngestedDataset> e : c.ingestion().datasets().entrySet()) {
      accepted.put(e.getKey(), e.getValue().accepted());
    }
    Map<Integer, Integer> incomeYears =
        c.ingestion().get(InputDataset.COLLECTIVE_INCOME).incomeYearUsed();
    MetricTables tables = ComparisonTables.compute(c.spark(), new ComparisonTables.Inputs(accepted,
        c.registry().townships(), c.periods(), c.config().catalogue(),
        c.config().settings().completenessMinimum(), incomeYears,
        PublishedHistory.under(c.publication().root().toString())));
    // All four levels come from one evaluation of the metrics: its narrow rows (codes, numbers,
    // ranks) are persisted while the four tables are written, each joining its names and targets.
    tables.ranked().persist(StorageLevel.MEMORY_AND_DISK());
    try {
      for (Level level : Level.values()) {
        SparkSessions.describe(c.spark(), "stage " + level.table() + " for " + c.periods());
        Map<Period, Long> written = c.publication().stagePartitions(tables.of(level),
            level.table(), c.periods());
        Map<String, Long> perPeriod = new LinkedHashMap<>();
        written.forEach((p, n) -> perPeriod.put(p.toString(), n));
        c.manifest().table(level.table(), perPeriod);
      }
    } finally {
      tables.ranked().unpersist();
    }
    if (exports) {
      for (Period period : c.periods()) {
        SparkSessions.describe(c.spark(), "exports for " + period);
        String target = ExportDestination.target(period, Optional.empty());
        // The exports are made from the tables just staged (published together with them).
        ExportSummary summary = Exporter.run(c.spark(), new ExportRequest(
            c.publication().stagingRoot().toString(),
            period, Optional.empty(), MetricPresentations.of(c.config().catalogue()), c.runId(),
            Version.current(), RunQuality.of(c.manifest())),
            ExportDestination.staged(c.publication(), period, Optional.empty()));
        summary.provinces().forEach(p -> c.manifest().export(target + "/" + p.provinceCode()));
        c.publication().include(target);
      }
    }
  }
}
