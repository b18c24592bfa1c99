package com.governancemetrics.jobs;

import com.governancemetrics.registry.RegistryBuild;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code registry}: builds data/registry/townships (Parquet) from the 统计用区划代码 CSVs, reproducibly. */
@Command(name = "registry", mixinStandardHelpOptions = true,
    description = "Build the township registry (Parquet, SPEC §1 townships) from the admin-division CSVs.")
public final class RegistryCommand implements Callable<Integer> {

  @Option(names = "--source", paramLabel = "DIR",
      defaultValue = "${env:GOVERNANCE_METRICS_HOME:-.}/data/admin-divisions",
      description = "Folder with provinces.csv, cities.csv, areas.csv, streets.csv (default: ${DEFAULT-VALUE}).")
  String source;

  @Option(names = "--output", paramLabel = "DIR",
      defaultValue = "${env:GOVERNANCE_METRICS_HOME:-.}/data/registry/townships",
      description = "The registry folder to (re)write (default: ${DEFAULT-VALUE}).")
  String output;

  @Override
  public Integer call() {
    RegistryBuild.run(new RegistryBuild.Options(source, output));
    return ExitCode.DONE.code();
  }
}
