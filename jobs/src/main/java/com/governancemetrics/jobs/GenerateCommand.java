package com.governancemetrics.jobs;

import com.governancemetrics.config.JobSettings;
import com.governancemetrics.generate.FileSplit;
import com.governancemetrics.generate.GenerateOptions;
import com.governancemetrics.generate.GenerateSummary;
import com.governancemetrics.generate.SyntheticDataGenerator;
import com.governancemetrics.periods.Period;
import com.governancemetrics.spark.SparkSessions;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code generate}: writes a synthetic input root over the real registry (SPEC §4), deterministically. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Write a synthetic input root over the real registry: all five datasets, planted bad "
        + "rows and duplicates, and a ledger of them (_ledger/planted.csv). Deterministic for a seed.")
public final class GenerateCommand implements Callable<Integer> {

  @Option(names = "--output", paramLabel = "ROOT",
      description = "The input root to write (replaced; required).")
  String output;

  @Option(names = "--scale-factor", defaultValue = "1", paramLabel = "N",
      description = "N years of months of the chosen provinces (1 = one year of the whole country). "
          + "Default: ${DEFAULT-VALUE}.")
  int scaleFactor;

  @Option(names = "--seed", defaultValue = "" + GenerateOptions.DEFAULT_SEED, description = "Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--provinces", split = ",", paramLabel = "CODE",
      description = "Province codes, e.g. 43,62 (default: all 31).")
  List<String> provinces;

  @Option(names = "--start", defaultValue = "2024-01", paramLabel = "YYYY-MM",
      description = "First month. Default: ${DEFAULT-VALUE}.")
  Period start;

  @Option(names = "--bad-row-rate", defaultValue = "" + GenerateOptions.DEFAULT_BAD_ROW_RATE, paramLabel = "SHARE",
      description = "Share of rows planted bad, spread over every reject reason. Default: ${DEFAULT-VALUE}.")
  double badRowRate;

  @Option(names = "--duplicate-rate", defaultValue = "" + GenerateOptions.DEFAULT_DUPLICATE_RATE, paramLabel = "SHARE",
      description = "Share of rows delivered twice (identical or conflicting). Default: ${DEFAULT-VALUE}.")
  double duplicateRate;

  @Option(names = "--split", defaultValue = "PROVINCE", paramLabel = "PROVINCE|COUNTY",
      description = "One file per province (default) or per county (many small files).")
  FileSplit split;

  @Override
  public Integer call() {
    GenerateOptions options = new GenerateOptions(output, scaleFactor, seed,
        provinces == null ? Set.of() : new LinkedHashSet<>(provinces), start, badRowRate,
        duplicateRate, split);
    SparkSession spark = SparkSessions.create("governance-metrics generate",
        JobSettings.defaults().shufflePartitions());
    try {
      GenerateSummary summary = SyntheticDataGenerator.run(spark, options);
      System.out.println(summary);
    } finally {
      spark.stop();
    }
    return ExitCode.DONE.code();
  }
}
