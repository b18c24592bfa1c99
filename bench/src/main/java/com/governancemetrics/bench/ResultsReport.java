package com.governancemetrics.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Writes bench/RESULTS.md from the raw runs that bench/run-benchmark.sh recorded (runs.csv) and the
 * machine it recorded (environment.properties): every figure (median wall seconds, peak RSS), and each
 * goal of issues 5, 12 and 14 marked met, NOT MET or not measured. Scale factor 0 in runs.csv is the
 * committed sample (data/sample). Plain java, no Spark:
 * {@code --runs FILE --environment FILE --output FILE}.
 */
public final class ResultsReport {

  /** One measured process: a row of runs.csv. */
  public record Run(int scaleFactor, String measurement, String run, int exitCode, double wallSeconds,
      double maxRssMb, String startedAt) {
    public Run {
      if (measurement == null || measurement.isBlank() || run == null) {
        throw new IllegalArgumentException("a run needs a measurement and a run label");
      }
    }

    boolean warmUp() {
      return run.equals("warmup");
    }

    boolean ok() {
      return exitCode == 0;
    }

    static Run parse(String line) {
      String[] f = line.split(",", -1);
      if (f.length < 7) {
        throw new IllegalArgumentException("runs.csv: expected 7 fields in '" + line + "'");
      }
      return new Run(Integer.parseInt(f[0]), f[1], f[2], Integer.parseInt(f[3]), parseDouble(f[4]),
          parseDouble(f[5]), f[6]);
    }

    private static double parseDouble(String text) {
      return text.isBlank() ? Double.NaN : Double.parseDouble(text);
    }
  }

  /** The medians of one measurement at one scale factor (warm-up excluded); empty figures if any run failed. */
  public record Figure(int scaleFactor, String measurement, int runs, int failed, double medianWall,
      double minWall, double maxWall, double medianRss, double maxRss) {
    public boolean usable() {
      return runs > 0 && failed == 0;
    }
  }

  /** A goal's verdict. */
  public record Verdict(String goal, String ratioText, String status) {}

  /** The measurements in report order, with their labels. */
  static final List<String[]> MEASUREMENTS = List.of(
      new String[] {"generate", "generate the input (once per scale factor)"},
      new String[] {"scan_floor", "(a) scan floor: read and decode what nightly reads"},
      new String[] {"nightly", "(b) nightly --period P --no-exports"},
      new String[] {"nightly_exports", "(c) nightly --period P (with exports)"},
      new String[] {"backfill_12", "(d) backfill of the last 12 periods --no-exports"},
      new String[] {"duckdb", "(e) DuckDB county table (plain SQL)"},
      new String[] {"naive_spark_sql", "(f) naive Spark SQL, one query per metric"},
      new String[] {"dry_run", "(g) nightly --period P --dry-run, against the publication of (b)"},
      new String[] {"sample_nightly", "(s) nightly --period 2024-06 on data/sample (the README's first command)"},
      new String[] {"nothing_new", "(t) the same again, nothing new since its publication"});

  static final double MEMORY_GOAL_MB = 1536;
  /** The scale factor runs.csv gives the committed sample's measurements. */
  static final int SAMPLE = 0;

  private ResultsReport() {}

  public static void main(String[] argv) throws IOException {
    Args args = Args.parse(argv);
    List<Run> runs = readRuns(Path.of(args.required("runs")));
    Properties env = new Properties();
    try (Reader r = Files.newBufferedReader(Path.of(args.required("environment")), StandardCharsets.UTF_8)) {
      env.load(r);
    }
    Path output = Path.of(args.required("output"));
    String previous = Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
    Files.writeString(output, render(runs, env, args.optional("runs-link", "results/runs.csv"))
        + keptAnalysis(previous), StandardCharsets.UTF_8);
    System.out.println("wrote " + output);
  }

  /** The heading under which hand-written analysis is kept when the file is written again. */
  static final String ANALYSIS_HEADING = "## Analysis";

  /** The hand-written part of a previous results file (from its Analysis heading on), or nothing. */
  static String keptAnalysis(String previous) {
    int at = previous.startsWith(ANALYSIS_HEADING) ? 0 : previous.indexOf("\n" + ANALYSIS_HEADING);
    return at < 0 ? "" : "\n" + previous.substring(at).strip() + "\n";
  }

  static List<Run> readRuns(Path csv) throws IOException {
    List<Run> runs = new ArrayList<>();
    for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
      if (!line.isBlank() && !line.startsWith("scale_factor")) {
        runs.add(Run.parse(line));
      }
    }
    return runs;
  }

  /** The figure of one measurement at one scale factor, if it was measured at all. */
  static Optional<Figure> figure(List<Run> runs, int sf, String measurement) {
    List<Run> timed = runs.stream()
        .filter(r -> r.scaleFactor() == sf && r.measurement().equals(measurement) && !r.warmUp()).toList();
    if (timed.isEmpty()) {
      return Optional.empty();
    }
    int failed = (int) timed.stream().filter(r -> !r.ok()).count();
    List<Double> walls = timed.stream().map(Run::wallSeconds).sorted().toList();
    List<Double> rss = timed.stream().map(Run::maxRssMb).sorted().toList();
    return Optional.of(new Figure(sf, measurement, timed.size(), failed, median(walls), walls.get(0),
        walls.get(walls.size() - 1), median(rss), rss.get(rss.size() - 1)));
  }

  static double median(List<Double> sorted) {
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** The goals of issues 5, 12 and 14 against the figures. */
  static List<Verdict> verdicts(List<Run> runs) {
    TreeSet<Integer> sfs = scaleFactors(runs);
    List<Verdict> verdicts = new ArrayList<>();
    for (int sf : sfs) {
      verdicts.add(ratio("nightly / scan floor ≤ 2.5 at SF" + sf, runs, sf, "nightly", sf, "scan_floor", 2.5));
    }
    if (sfs.contains(10)) {
      verdicts.add(ratio("nightly / DuckDB ≤ 6 at SF10", runs, 10, "nightly", 10, "duckdb", 6));
    } else {
      verdicts.add(new Verdict("nightly / DuckDB ≤ 6 at SF10", "SF10 not run", "not measured"));
    }
    if (sfs.contains(10) && sfs.contains(1)) {
      verdicts.add(ratio("nightly SF10 / nightly SF1 ≤ 1.2 (same latest period)", runs, 10, "nightly", 1,
          "nightly", 1.2));
    } else {
      verdicts.add(new Verdict("nightly SF10 / nightly SF1 ≤ 1.2 (same latest period)",
          "needs SF1 and SF10", "not measured"));
    }
    for (int sf : sfs) {
      verdicts.add(ratio("backfill(12) / nightly ≤ 3 at SF" + sf, runs, sf, "backfill_12", sf, "nightly", 3));
    }
    if (sfs.contains(1)) {
      verdicts.add(memory(runs));
    } else {
      verdicts.add(new Verdict("peak memory ≤ 1.5 GB at SF1", "SF1 not run", "not measured"));
    }
    verdicts.add(seconds("sample nightly (README's first command) ≤ 30 s", runs, SAMPLE, "sample_nightly", 30));
    verdicts.add(seconds("nightly with nothing new ≤ 5 s", runs, SAMPLE, "nothing_new", 5));
    verdicts.add(ratio("dry run / nightly ≤ 1.2 at SF1", runs, 1, "dry_run", 1, "nightly", 1.2));
    return verdicts;
  }

  /** A goal on one measurement's median wall time. */
  private static Verdict seconds(String goal, List<Run> runs, int sf, String measurement, double limit) {
    Optional<Figure> f = figure(runs, sf, measurement);
    if (f.isEmpty()) {
      return new Verdict(goal, "not run", "not measured");
    }
    if (!f.get().usable()) {
      return new Verdict(goal, "a run failed", "NOT MET (a measured command failed)");
    }
    return new Verdict(goal, String.format(Locale.ROOT, "%.1f s", f.get().medianWall()),
        f.get().medianWall() <= limit ? "met" : "NOT MET");
  }

  private static Verdict ratio(String goal, List<Run> runs, int sfA, String a, int sfB, String b, double limit) {
    Optional<Figure> fa = figure(runs, sfA, a);
    Optional<Figure> fb = figure(runs, sfB, b);
    if (fa.isEmpty() || fb.isEmpty()) {
      return new Verdict(goal, "not run", "not measured");
    }
    if (!fa.get().usable() || !fb.get().usable()) {
      return new Verdict(goal, "a run failed", "NOT MET (a measured command failed)");
    }
    double ratio = fa.get().medianWall() / fb.get().medianWall();
    return new Verdict(goal, String.format(Locale.ROOT, "%.1f s / %.1f s = %.2f", fa.get().medianWall(),
        fb.get().medianWall(), ratio), ratio <= limit ? "met" : "NOT MET");
  }

  /** Peak memory at SF1: the highest peak RSS of any timed run of the product's commands. */
  private static Verdict memory(List<Run> runs) {
    String goal = "peak memory ≤ 1.5 GB at SF1 (nightly, nightly with exports, backfill)";
    List<Figure> figures = new ArrayList<>();
    for (String m : List.of("nightly", "nightly_exports", "backfill_12")) {
      figure(runs, 1, m).ifPresent(figures::add);
    }
    if (figures.isEmpty()) {
      return new Verdict(goal, "not run", "not measured");
    }
    if (figures.stream().anyMatch(f -> !f.usable())) {
      return new Verdict(goal, "a run failed", "NOT MET (a measured command failed)");
    }
    Figure top = figures.stream().max(Comparator.comparingDouble(Figure::maxRss)).orElseThrow();
    return new Verdict(goal, String.format(Locale.ROOT, "%.0f MB (%s)", top.maxRss(), top.measurement()),
        top.maxRss() <= MEMORY_GOAL_MB ? "met" : "NOT MET");
  }

  /** The scale factors measured, the sample's aside. */
  static TreeSet<Integer> scaleFactors(List<Run> runs) {
    TreeSet<Integer> sfs = new TreeSet<>();
    runs.stream().filter(r -> r.scaleFactor() != SAMPLE).forEach(r -> sfs.add(r.scaleFactor()));
    return sfs;
  }

  static String render(List<Run> runs, Properties env, String runsLink) {
    StringBuilder md = new StringBuilder();
    md.append("# Benchmark results\n\n");
    md.append("Written by `bench/run-benchmark.sh`: do not edit above the `" + ANALYSIS_HEADING + "` heading, "
        + "which the script keeps (with everything below it) when it writes this file again. Raw runs: [").append(runsLink).append("](").append(runsLink).append(").\n\n");
    String note = env.getProperty("note", "").trim();
    if (!note.isEmpty()) {
      md.append("> **").append(note).append("**\n\n");
    }
    md.append("## Machine and run\n\n| | |\n|---|---|\n");
    for (String[] kv : List.of(
        new String[] {"date (UTC)", "date"}, new String[] {"mode", "mode"}, new String[] {"cores", "cores"},
        new String[] {"memory", "memory"}, new String[] {"CPU", "cpu"}, new String[] {"OS", "os"},
        new String[] {"Java", "java"}, new String[] {"Spark", "spark"}, new String[] {"DuckDB (JDBC)", "duckdb"},
        new String[] {"commit", "commit"}, new String[] {"scale factors", "scale_factors"},
        new String[] {"provinces", "provinces"}, new String[] {"latest period P", "latest"},
        new String[] {"runs per measurement", "runs"}, new String[] {"warm-up runs", "warmup"},
        new String[] {"load average at start / end", "load"},
        new String[] {"whole benchmark took", "total"}, new String[] {"command", "command"})) {
      String value = env.getProperty(kv[1]);
      if (value != null && !value.isBlank()) {
        md.append("| ").append(kv[0]).append(" | ").append(value.replace("|", "\\|")).append(" |\n");
      }
    }

    md.append("\n## Goals (issues 5, 12, 14)\n\n| goal | measured | status |\n|---|---|---|\n");
    List<Verdict> verdicts = verdicts(runs);
    for (Verdict v : verdicts) {
      md.append("| ").append(v.goal()).append(" | ").append(v.ratioText()).append(" | ")
          .append(v.status().startsWith("NOT MET") ? "**" + v.status() + "**" : v.status()).append(" |\n");
    }
    long notMet = verdicts.stream().filter(v -> v.status().startsWith("NOT MET")).count();
    md.append('\n');
    if (notMet > 0) {
      md.append("**").append(notMet).append(" goal(s) not met.** The figures below are what this machine "
          + "measured; why, and the floor where a goal cannot be met, is the analysis to add.\n");
    } else if (verdicts.stream().allMatch(v -> v.status().equals("met"))) {
      md.append("Every goal is met.\n");
    } else {
      md.append("No goal measured here is missed; the ones marked not measured need the scale factors "
          + "named.\n");
    }

    List<Integer> sections = new ArrayList<>();
    if (runs.stream().anyMatch(r -> r.scaleFactor() == SAMPLE)) {
      sections.add(SAMPLE);
    }
    sections.addAll(scaleFactors(runs));
    for (int sf : sections) {
      md.append(sf == SAMPLE ? "\n## The sample (data/sample)\n\n" : "\n## SF" + sf + "\n\n")
          .append("| measurement | runs | median wall s | min–max s | median peak RSS MB | max peak RSS MB |\n")
          .append("|---|---|---|---|---|---|\n");
      for (String[] m : MEASUREMENTS) {
        Optional<Figure> f = figure(runs, sf, m[0]);
        if (f.isEmpty()) {
          continue;
        }
        Figure x = f.get();
        String runsText = x.failed() == 0 ? String.valueOf(x.runs())
            : x.runs() + " (**" + x.failed() + " FAILED**)";
        md.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f–%.1f | %.0f | %.0f |%n", m[1], runsText,
            x.medianWall(), x.minWall(), x.maxWall(), x.medianRss(), x.maxRss()));
      }
      md.append(information(runs, sf));
    }
    md.append("\nMedians over the timed runs (warm-up excluded); each run is a whole process timed with "
        + "`/usr/bin/time -v` (wall clock and maximum resident set size). The scan floor reads the files and "
        + "contract columns of the nightly read plan (P, P-1 and P-12 for grid_coverage; Y-01…P, P-1's and "
        + "P-12's year to date for service_appeals; the latest income years ≤ the years of P, P-1 and P-12, every case file) and computes a "
        + "count and a hash sum per dataset in one Spark job. DuckDB and the naive Spark SQL job compute the "
        + "county table of P only (17 metrics, rank in province), with simple filters instead of the full "
        + "quarantine rules, and no previous-period, year-on-year, completeness or other levels.\n");
    return md.toString();
  }

  /** Ratios that are not goals but help read the figures. */
  private static String information(List<Run> runs, int sf) {
    List<String> lines = new ArrayList<>();
    for (String[] pair : List.of(
        new String[] {"nightly_exports", "scan_floor", "nightly with exports / scan floor"},
        new String[] {"nightly", "duckdb", "nightly / DuckDB"},
        new String[] {"naive_spark_sql", "nightly", "naive Spark SQL / nightly"})) {
      Optional<Figure> a = figure(runs, sf, pair[0]);
      Optional<Figure> b = figure(runs, sf, pair[1]);
      if (a.isPresent() && b.isPresent() && a.get().usable() && b.get().usable()) {
        lines.add(String.format(Locale.ROOT, "- %s: %.2f", pair[2], a.get().medianWall() / b.get().medianWall()));
      }
    }
    return lines.isEmpty() ? "" : "\nFor information, at SF" + sf + ":\n\n" + String.join("\n", lines) + "\n";
  }
}
