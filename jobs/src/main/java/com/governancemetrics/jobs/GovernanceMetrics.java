package com.governancemetrics.jobs;

import com.governancemetrics.failures.Failure;
import com.governancemetrics.periods.Period;
import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one main class of the jar: parses the subcommand and runs it, exiting with SPEC §4's codes. */
@Command(
    name = "governance-metrics",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Provincial comparison tables of 党建引领基层治理 metrics from township-level Parquet datasets.",
    subcommands = {
        NightlyCommand.class,
        BackfillCommand.class,
        ValidateCommand.class,
        GenerateCommand.class,
        RegistryCommand.class,
        ExportCommand.class,
        CommandLine.HelpCommand.class
    },
    footer = {
        "",
        "Exit codes: 0 done; 2 usage or configuration error; 3 quality gate failed;",
        "            4 input missing or unreadable (or an output root that cannot be written);",
        "            5 another run holds the output root; 1 anything else."
    })
public final class GovernanceMetrics implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(GovernanceMetrics.class);

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "a subcommand is required: nightly, backfill, validate, generate, registry or export");
  }

  public static void main(String[] args) {
    int code = execute(args);
    // Exit only on failure: a cluster-mode driver that calls System.exit(0) confuses YARN's status.
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Runs the command line and returns the exit code (tests call this instead of main). */
  public static int execute(String... args) {
    return commandLine().execute(args);
  }

  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new GovernanceMetrics());
    cl.registerConverter(Period.class, Period::parse);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      PrintWriter err = commandLine.getErr();
      Failure failure = Failure.in(ex).orElse(null);
      if (failure != null) {
        err.println("ERROR " + failure.getMessage());
        err.println("What to do: " + failure.whatToDo());
        err.flush();
        return ExitCode.of(failure).code();
      }
      LOG.error("The run failed unexpectedly", ex);
      err.println("ERROR " + PublishingRun.oneLine(ex));
      err.println("What to do: read the error above and the Spark log; if the input and configuration "
          + "are fine, report it with the run's _runs/<run_id>/manifest.json.");
      err.flush();
      return ExitCode.FAILED.code();
    });
    cl.setParameterExceptionHandler((ex, args) -> {
      CommandLine c = ex.getCommandLine();
      PrintWriter err = c.getErr();
      err.println("ERROR " + ex.getMessage());
      err.println("What to do: see '" + c.getCommandSpec().qualifiedName() + " --help' for the options.");
      err.flush();
      return ExitCode.USAGE.code();
    });
    return cl;
  }
}
