package com.governancemetrics.jobs;

import com.governancemetrics.failures.Failure;
import com.governancemetrics.failures.OutOfMemory;
import com.governancemetrics.failures.UsageError;
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
        HistoryCommand.class,
        DiffCommand.class,
        CommandLine.HelpCommand.class
    },
    footer = {
        "",
        "Exit codes: 0 done; 2 usage or configuration error; 3 quality gate failed;",
        "            4 input missing or unreadable (or an output root that cannot be written);",
        "            5 another run holds the output root; 6 changes found (only with --fail-on-change);",
        "            1 anything else."
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
    CommandLine cl = commandLine();
    try {
      return cl.execute(args);
    } catch (OutOfMemoryError e) { // picocli passes Errors on; one thrown by the driver's own code
      LOG.error("The run ran out of memory", e);
      return report(cl.getErr(), OutOfMemory.in(e, "on the driver").orElseThrow());
    }
  }

  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new GovernanceMetrics());
    cl.registerConverter(Period.class, Period::parse);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      Failure failure = Failure.in(ex)
          .or(() -> OutOfMemory.in(ex, "running " + commandLine.getCommandName())).orElse(null);
      if (failure != null) {
        return report(commandLine.getErr(), failure);
      }
      LOG.error("The run failed unexpectedly", ex);
      print(commandLine.getErr(), PublishingRun.oneLine(ex),
          "read the error above and the Spark log; if the input and configuration are fine, report it "
              + "with the run's _runs/<run_id>/manifest.json.");
      return ExitCode.FAILED.code();
    });
    // What picocli cannot parse (an unknown option, a malformed value) is a usage error like any other.
    cl.setParameterExceptionHandler((ex, args) -> {
      CommandLine c = ex.getCommandLine();
      return report(c.getErr(), new UsageError(ex.getMessage(),
          "see '" + c.getCommandSpec().qualifiedName() + " --help' for the options.", ex));
    });
    return cl;
  }

  /** Prints the failure and what to do about it; its exit code is {@link ExitCode#of}'s. */
  private static int report(PrintWriter err, Failure failure) {
    print(err, failure.getMessage(), failure.whatToDo());
    return ExitCode.of(failure).code();
  }

  /** What went wrong, then the one line that says what to do (SPEC §4). */
  private static void print(PrintWriter err, String message, String whatToDo) {
    err.println("ERROR " + message);
    err.println("What to do: " + whatToDo);
    err.flush();
  }
}
