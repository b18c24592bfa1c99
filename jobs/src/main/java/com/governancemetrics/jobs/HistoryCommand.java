package com.governancemetrics.jobs;

import com.governancemetrics.failures.UsageError;
import com.governancemetrics.output.RunManifest;
import com.governancemetrics.output.Runs;
import com.governancemetrics.periods.Period;
import com.governancemetrics.rollup.Level;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code history --period P [--table T]}: the publications of P, newest first — run, time,
 * configuration, inputs, rows — and where each one's partition of the table is now: published, kept
 * under {@code <table>/_history/}, or pruned (SPEC §3, §4).
 */
@Command(name = "history", mixinStandardHelpOptions = true,
    description = "List the publications of a period: run, time, configuration, inputs, rows.")
public final class HistoryCommand implements Callable<Integer> {

  /** Times are shown in the zone of the reports, labelled. */
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter SHOWN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZONE);

  @Option(names = "--period", paramLabel = "YYYY-MM", description = "The period (required).")
  Period period;

  @Option(names = "--table", paramLabel = "TABLE", defaultValue = "county_metrics",
      description = "Which table's partitions to locate (default: ${DEFAULT-VALUE}).")
  String table;

  @Option(names = "--output", paramLabel = "ROOT",
      defaultValue = "${env:" + RunOptionsMixin.DEFAULT_OUTPUT_ENV + "}",
      description = "The output root the tables are published under.")
  String output;

  @Override
  public Integer call() {
    PeriodOption.require(period);
    String chosen = checkedTable(table);
    if (output == null || output.isBlank()) {
      throw new UsageError("--output is required", "Pass --output, e.g. --output hdfs:///gov/marts.");
    }
    String text = OutputRootAccess.read(JobLauncher.hadoopConfiguration(), output, "history",
        period, (fs, root) -> render(fs, root, period, chosen));
    System.out.print(text);
    return ExitCode.DONE.code();
  }

  /** The table names history and diff accept: the four metric tables and the quarantines. */
  static String checkedTable(String table) {
    List<String> tables = Arrays.stream(Level.values()).map(Level::table).toList();
    if (!tables.contains(table) && !table.matches("quarantine/[a-z_]+")) {
      throw new UsageError("--table " + table + " is no published table",
          "Pass one of " + String.join(", ", tables) + " or quarantine/<dataset>.");
    }
    return table;
  }

  static String render(FileSystem fs, Path root, Period period, String table) {
    List<RunManifest> runs = Runs.publications(fs, root, period);
    StringBuilder s = new StringBuilder();
    if (runs.isEmpty()) {
      return "No publication of " + period + " under " + root + ".\n";
    }
    s.append("Publications of ").append(period).append(" under ").append(root)
        .append(", newest first (times ").append(ZONE).append("):\n");
    s.append(String.format("%-42s %-9s %-20s %-13s %-22s %10s  %s%n", "run", "job",
        "published", "config", "inputs", table.replace("_metrics", "") + " rows", "where"));
    for (RunManifest m : runs) {
      String where = Runs.locate(fs, root, table, period, m.runId())
          .map(l -> l.current() ? "published" : "kept in " + table + "/_history")
          .orElse("pruned");
      long files = m.datasets().values().stream().mapToLong(d -> d.filesRead().size()).sum();
      String inputs = files + " files " + Optional.ofNullable(m.inputsSha256())
          .map(d -> d.substring(0, 8)).orElse("");
      Long rows = Optional.ofNullable(m.tables().get(table))
          .map(t -> t.rowsWrittenPerPeriod().get(period.toString())).orElse(null);
      s.append(String.format("%-42s %-9s %-20s %-13s %-22s %10s  %s%n", m.runId(), m.job(),
          m.endedAt() == null ? "" : SHOWN.format(Instant.parse(m.endedAt())),
          m.config() == null ? "" : m.config().sha256().substring(0, 12), inputs,
          rows == null ? "" : String.format("%,d", rows), where));
      Map<String, String> superseded = m.superseded();
      String replaced = superseded.get(table + "/period=" + period);
      if (replaced != null) {
        s.append("    replaced ").append(replaced).append('\n');
      }
    }
    return s.toString();
  }
}
