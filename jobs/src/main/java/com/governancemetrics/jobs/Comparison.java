package com.governancemetrics.jobs;

import com.governancemetrics.diff.PublicationDiff;
import com.governancemetrics.export.DiffReport;
import com.governancemetrics.export.MetricPresentation;
import com.governancemetrics.failures.InputFault;
import com.governancemetrics.output.Publication;
import com.governancemetrics.output.Runs;
import com.governancemetrics.periods.Period;
import com.governancemetrics.rollup.Level;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Compares two publications of some periods and reports what changes (issue 14): the changes as a
 * table {@code _diffs/<id>/changes/} (Parquet, by period), {@code diff.html} and {@code diff.xlsx}
 * beside it, and the top changes in the terminal. Used by a dry run (what it would publish against
 * what is published) and by {@code diff} (two publications).
 */
final class Comparison {

  /** Where the comparisons are written, under the output root (not data: its name starts with _). */
  static final String FOLDER = "_diffs";
  private static final int SHOWN = 20;
  /** Changes the people's reports list at most (the table holds them all). */
  private static final int REPORTED = 100_000;

  /** What was found: how many changes, and how many units change rank or target status. */
  record Outcome(long changes, int unitsMoved, Path folder) {}

  private Comparison() {}

  /** The published side of a period: the current partitions, or those {@code runId} published. */
  static PublicationDiff.Side published(FileSystem fs, Path root, Period period,
      Optional<String> runId) {
    Map<Level, Path> partitions = new EnumMap<>(Level.class);
    for (Level level : Level.values()) {
      if (runId.isEmpty()) {
        partitions.put(level, new Path(root, level.table() + "/" + Publication.partitionName(period)));
      } else {
        Runs.locate(fs, root, level.table(), period, runId.get())
            .ifPresent(l -> partitions.put(level, l.folder()));
      }
    }
    if (runId.isPresent() && partitions.isEmpty()) {
      throw new InputFault("run " + runId.get() + " has no publication of " + period + " under "
          + root + " (not a run that published it, or pruned from the history)",
          "Pick a run from 'governance-metrics history --period " + period + "'.");
    }
    String name = runId.orElseGet(() -> Publication.marker(fs,
            new Path(root, Level.COUNTY.table() + "/" + Publication.partitionName(period)))
        .map(Publication.Marker::runId).orElse("(nothing published)"));
    return new PublicationDiff.Side(name, partitions);
  }

  /** The partitions a run staged for a period. */
  static PublicationDiff.Side staged(Publication publication, Period period) {
    Map<Level, Path> partitions = new EnumMap<>(Level.class);
    for (Level level : Level.values()) {
      partitions.put(level, publication.staged(level.table() + "/" + Publication.partitionName(period)));
    }
    return new PublicationDiff.Side(publication.runId() + " (dry run)", partitions);
  }

  /** Compares {@code from} with {@code to} for each period and writes the reports under id. */
  static Outcome report(SparkSession spark, FileSystem fs, Path root, String id,
      Map<Period, PublicationDiff.Side[]> sides, List<MetricPresentation> metrics, PrintStream out) {
    Path folder = new Path(root, FOLDER + "/" + id);
    Dataset<Row> all = null;
    StringBuilder compared = new StringBuilder();
    for (Map.Entry<Period, PublicationDiff.Side[]> e : sides.entrySet()) {
      PublicationDiff.Side from = e.getValue()[0];
      PublicationDiff.Side to = e.getValue()[1];
      compared.append(compared.length() == 0 ? "" : "；").append(e.getKey()).append("：")
          .append(from.name()).append(" → ").append(to.name());
      Dataset<Row> changes = PublicationDiff.changes(spark, e.getKey().toString(), from, to);
      all = all == null ? changes : all.unionByName(changes);
    }
    Dataset<Row> sorted = PublicationDiff.sorted(all).persist();
    List<Row> changes;
    long count;
    try {
      sorted.coalesce(1).write().mode(SaveMode.Overwrite).partitionBy("period")
          .parquet(new Path(folder, "changes").toString());
      count = sorted.count();
      changes = new ArrayList<>(sorted.limit(REPORTED).collectAsList());
    } finally {
      sorted.unpersist();
    }
    Set<String> moved = PublicationDiff.unitsWhoseRankOrTargetChanges(changes);
    String periods = String.join(", ", sides.keySet().stream().map(Period::toString).toList());
    DiffReport report = new DiffReport(metrics, periods + " 发布前后对比", compared.toString());
    try {
      try (OutputStream o = fs.create(new Path(folder, DiffReport.HTML), true)) {
        report.writeHtml(o, changes, moved);
      }
      try (OutputStream o = fs.create(new Path(folder, DiffReport.XLSX), true)) {
        report.writeXlsx(o, changes, moved);
      }
    } catch (IOException ex) {
      throw new com.governancemetrics.failures.WriteFailure("cannot write the comparison under "
          + folder + ": " + ex.getMessage(), "Check that the output root is writable.", ex);
    }
    out.printf("%nCompared %s: %,d change(s), %d unit(s) whose rank or target status changes.%n",
        compared, count, moved.size());
    for (Row r : changes.subList(0, Math.min(SHOWN, changes.size()))) {
      out.printf("  %-17s %-12s %-10s %-33s %12s -> %-12s rank %4s -> %-4s target %s -> %s%n",
          r.getAs("table"), r.getAs("unit_code"), abbreviate(r.getAs("unit_name")),
          r.getAs("metric_id"), show(r.getAs("old_value")), show(r.getAs("new_value")),
          show(r.getAs("old_rank")), show(r.getAs("new_rank")),
          show(r.getAs("old_meets_target")), show(r.getAs("new_meets_target")));
    }
    if (count > SHOWN) {
      out.printf("  … and %,d more%n", count - SHOWN);
    }
    out.printf("The comparison: %s (changes/, %s, %s)%n", folder, DiffReport.HTML, DiffReport.XLSX);
    return new Outcome(count, moved.size(), folder);
  }

  private static String show(Object value) {
    if (value == null) {
      return "—";
    }
    if (value instanceof Double d) {
      return String.format("%.4f", d);
    }
    return value.toString();
  }

  private static String abbreviate(String name) {
    return name == null ? "" : name.length() > 8 ? name.substring(0, 8) : name;
  }
}
