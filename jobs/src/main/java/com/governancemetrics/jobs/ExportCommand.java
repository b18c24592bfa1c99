package com.governancemetrics.jobs;

import com.governancemetrics.periods.Period;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** CLI of {@link ExportJob}. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Write the exports (CSV, XLSX, HTML) of a published period again, without recomputing.")
public final class ExportCommand implements Callable<Integer> {

  @Option(names = "--period", paramLabel = "YYYY-MM", description = "A published period (required).")
  Period period;

  @Option(names = "--province", paramLabel = "CODE",
      description = "Only this province (2 digits), e.g. 43; default: every province of the tables.")
  String province;

  @Mixin
  PublishedOptionsMixin runOptions;

  @Override
  public Integer call() {
    ExportJob.Options options = new ExportJob.Options(period, Optional.ofNullable(province),
        runOptions.toRunOptions());
    return JobLauncher.launch("export " + period, "export", List.of(period), options.run(),
        JobLauncher::alwaysRun,
        (spark, config, publication) -> ExportJob.run(spark, config, options, System.out,
            publication));
  }
}
