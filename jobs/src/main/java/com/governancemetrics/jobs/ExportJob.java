package com.governancemetrics.jobs;

import com.governancemetrics.config.GovernanceConfig;
import com.governancemetrics.export.ExportDestination;
import com.governancemetrics.export.ExportRequest;
import com.governancemetrics.export.ExportSummary;
import com.governancemetrics.export.Exporter;
import com.governancemetrics.export.MetricPresentations;
import com.governancemetrics.export.RunQuality;
import com.governancemetrics.failures.InputFault;
import com.governancemetrics.failures.UsageError;
import com.governancemetrics.output.Publication;
import com.governancemetrics.output.RunManifest;
import com.governancemetrics.output.Runs;
import com.governancemetrics.periods.Period;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * {@code export --period P [--province CODE]}: the CSV, XLSX and HTML exports again from the tables
 * already published for P, without recomputing; the data-quality part comes from the latest run that
 * published P. Published like any run's output: staged, then committed under the lock.
 */
public final class ExportJob {

  /** Validated options of an export run. */
  public record Options(Period period, Optional<String> province, RunOptions run) {
    public Options {
      PeriodOption.require(period);
      province = province == null ? Optional.empty() : province;
      province.ifPresent(code -> {
        if (!code.matches("[0-9]{2}")) {
          throw new UsageError("--province " + code + " is not a 2-digit province code",
              "Pass a province code such as 43 (湖南省) or 62 (甘肃省).");
        }
      });
    }
  }

  private ExportJob() {}

  /** Runs the export, opening the output root's publication itself. */
  public static RunManifest run(SparkSession spark, GovernanceConfig config, Options options,
      PrintStream out) {
    try (Publication publication = PublishingRun.open(spark.sparkContext().hadoopConfiguration(),
        options.run(), config.settings(), "export", List.of(options.period()))) {
      return run(spark, config, options, out, publication);
    }
  }

  /** Runs the export in a publication the caller opened (the command line, before Spark starts). */
  static RunManifest run(SparkSession spark, GovernanceConfig config, Options options,
      PrintStream out, Publication open) {
    RunManifest manifest = RunManifest.start(open.runId(), "export",
        List.of(options.period().toString()), Version.current())
        .config(config.source(), config.sha256()).roots(null, options.run().output());
    PublishingRun.execute(open, manifest,
        publication -> {
          Runs.Published run = Runs.latestPublishing(publication.fileSystem(), publication.root(),
              options.period()).orElseThrow(() -> new InputFault("no run under "
                  + new Path(publication.root(), Runs.FOLDER) + " published " + options.period(),
                  "Publish the period first: governance-metrics nightly --period "
                      + options.period() + "."));
          ExportSummary summary = Exporter.run(spark, new ExportRequest(options.run().output(),
              options.period(), options.province(), MetricPresentations.of(config.catalogue()),
              run.runId(), Version.current(),
              RunQuality.load(spark.sparkContext().hadoopConfiguration(),
                  new Path(run.manifestPath()))),
              ExportDestination.staged(publication, options.period(), options.province()));
          String target = ExportDestination.target(options.period(), options.province());
          summary.provinces().forEach(p -> {
            manifest.export(ExportDestination.target(options.period(), Optional.of(p.provinceCode())));
            out.println("exported " + p.provinceCode() + " " + p.provinceName());
          });
          publication.include(target);
          manifest.finish(RunManifest.Status.SUCCEEDED, null);
          return Optional.empty();
        });
    return manifest;
  }
}
