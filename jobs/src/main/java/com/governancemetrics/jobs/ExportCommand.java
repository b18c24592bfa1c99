package com.governancemetrics.jobs;

import com.governancemetrics.failures.InputFault;
import com.governancemetrics.failures.UsageError;
import com.governancemetrics.export.ExportRequest;
import com.governancemetrics.export.ExportSummary;
import com.governancemetrics.export.Exporter;
import com.governancemetrics.export.MetricPresentations;
import com.governancemetrics.output.RunManifest;
import com.governancemetrics.periods.Period;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code export --period P [--province CODE]}: the CSV, XLSX and HTML exports from tables already
 * published for P, without recomputing; the data-quality part comes from the latest run that
 * published P.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Write the exports (CSV, XLSX, HTML) of a published period again, without recomputing.")
public final class ExportCommand implements Callable<Integer> {

  @Option(names = "--period", required = true, paramLabel = "YYYY-MM", description = "A published period.")
  Period period;

  @Option(names = "--province", paramLabel = "CODE",
      description = "Only this province (2 digits), e.g. 43; default: every province of the tables.")
  String province;

  @Mixin
  RunOptionsMixin runOptions;

  @Override
  public Integer call() {
    if (province != null && !province.matches("[0-9]{2}")) {
      throw new UsageError("--province " + province + " is not a 2-digit province code",
          "Pass a province code such as 43 (湖南省) or 62 (甘肃省).");
    }
    RunOptions options = runOptions.toRunOptions();
    return JobLauncher.launch("export " + period, options, (spark, config) -> {
      Optional<RunManifest.Published> run = RunManifest.latestPublishing(
          spark.sparkContext().hadoopConfiguration(), options.output(), period);
      if (run.isEmpty()) {
        throw new InputFault("no run under " + options.output() + "/_runs published " + period,
            "Publish the period first: governance-metrics nightly --period " + period + ".");
      }
      ExportSummary summary = Exporter.run(spark, new ExportRequest(options.output(), period,
          Optional.ofNullable(province), MetricPresentations.of(config.catalogue()),
          run.get().runId(), Version.current(), Optional.of(run.get().manifestPath())));
      summary.provinces().forEach(p -> System.out.println("exported " + p.folder()));
    });
  }
}
