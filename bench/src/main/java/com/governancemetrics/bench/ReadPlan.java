package com.governancemetrics.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The input files a {@code nightly} run for period P reads (the same scope as the product's ReadScope):
 * for grid_coverage, whose metrics are all stock, the {@code period=} folders of P, P-1 and P-12; for
 * service_appeals, which has year-to-date metrics, those of Y-01…P, of P-1's year to date and of P-12's
 * year to date; for both, folders whose value is not a valid period (their rows are bad_period, so they
 * are read); for collective_income the latest {@code year=} folder ≤ the year of P, of P-1 and of P-12, plus
 * folders that are not a valid year; every rectification_cases file. Files and folders whose names start
 * with {@code _} or {@code .} are not data (SPEC §1). Plain java.nio, so the DuckDB run needs no Hadoop.
 */
public record ReadPlan(Path inputRoot, YearMonth period, Map<Dataset, List<Path>> files,
    List<Integer> incomeYears) {

  private static final Pattern PERIOD = Pattern.compile("[0-9]{4}-(0[1-9]|1[0-2])");
  private static final Pattern YEAR = Pattern.compile("[0-9]{4}");

  public ReadPlan {
    if (inputRoot == null || period == null || files == null || incomeYears == null) {
      throw new IllegalArgumentException("a read plan needs an input root, a period and its files");
    }
    files = Collections.unmodifiableMap(new EnumMap<>(files));
    incomeYears = List.copyOf(incomeYears);
  }

  /** Lists the input root and keeps the files a nightly run for {@code period} reads. */
  public static ReadPlan forNightly(Path inputRoot, YearMonth period) {
    Map<Dataset, List<Path>> files = new EnumMap<>(Dataset.class);
    for (Dataset d : List.of(Dataset.GRID_COVERAGE, Dataset.SERVICE_APPEALS)) {
      TreeSet<YearMonth> months = d == Dataset.GRID_COVERAGE ? stockPeriods(period)
          : monthlyPeriods(period);
      List<Path> kept = new ArrayList<>();
      for (Path f : dataFiles(inputRoot.resolve(d.folder()))) {
        Optional<String> value = folderValue(inputRoot.resolve(d.folder()), f, "period");
        boolean keep = value.isEmpty() || !PERIOD.matcher(value.get()).matches()
            || months.contains(YearMonth.parse(value.get()));
        if (keep) {
          kept.add(f);
        }
      }
      files.put(d, kept);
    }

    Path incomeRoot = inputRoot.resolve(Dataset.COLLECTIVE_INCOME.folder());
    List<Path> incomeFiles = dataFiles(incomeRoot);
    TreeSet<Integer> present = new TreeSet<>();
    for (Path f : incomeFiles) {
      folderValue(incomeRoot, f, "year").filter(v -> YEAR.matcher(v).matches())
          .ifPresent(v -> present.add(Integer.parseInt(v)));
    }
    TreeSet<Integer> years = new TreeSet<>();
    for (YearMonth q : List.of(period, period.minusMonths(1), period.minusMonths(12))) {
      Integer latest = present.floor(q.getYear());
      if (latest != null) {
        years.add(latest);
      }
    }
    List<Path> keptIncome = new ArrayList<>();
    for (Path f : incomeFiles) {
      Optional<String> value = folderValue(incomeRoot, f, "year");
      if (value.isEmpty() || !YEAR.matcher(value.get()).matches()
          || years.contains(Integer.parseInt(value.get()))) {
        keptIncome.add(f);
      }
    }
    files.put(Dataset.COLLECTIVE_INCOME, keptIncome);
    files.put(Dataset.RECTIFICATION_CASES,
        dataFiles(inputRoot.resolve(Dataset.RECTIFICATION_CASES.folder())));
    return new ReadPlan(inputRoot, period, files, new ArrayList<>(years));
  }

  /** P, P-1 and P-12: what stock metrics and their previous-period and year-on-year columns need. */
  static TreeSet<YearMonth> stockPeriods(YearMonth p) {
    return new TreeSet<>(List.of(p, p.minusMonths(1), p.minusMonths(12)));
  }

  /** The months of Y-01…P, of P-1's and of P-12's year to date (the ytd of 2024-01's P-1 is all 2023). */
  static TreeSet<YearMonth> monthlyPeriods(YearMonth p) {
    TreeSet<YearMonth> months = new TreeSet<>();
    for (YearMonth q : List.of(p, p.minusMonths(1), p.minusMonths(12))) {
      for (YearMonth m = YearMonth.of(q.getYear(), 1); !m.isAfter(q); m = m.plusMonths(1)) {
        months.add(m);
      }
    }
    return months;
  }

  public List<Path> files(Dataset dataset) {
    return files.getOrDefault(dataset, List.of());
  }

  public int fileCount() {
    return files.values().stream().mapToInt(List::size).sum();
  }

  /** The value of the nearest {@code name=} folder between the dataset root and the file, if any. */
  static Optional<String> folderValue(Path datasetRoot, Path file, String name) {
    Path rel = datasetRoot.relativize(file);
    String value = null;
    for (int i = 0; i < rel.getNameCount() - 1; i++) {
      String part = rel.getName(i).toString();
      if (part.startsWith(name + "=")) {
        value = part.substring(name.length() + 1);
      }
    }
    return Optional.ofNullable(value);
  }

  /** The value of the {@code name=} folder in a path string ('' when there is none), as the SQL does. */
  public static String folderValue(String path, String name) {
    Matcher m = Pattern.compile(name + "=([^/]*)/").matcher(path);
    String value = "";
    while (m.find()) {
      value = m.group(1);
    }
    return value;
  }

  /** Every data file under a dataset folder, recursively, sorted; hidden and _ names skipped. */
  static List<Path> dataFiles(Path root) {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .filter(f -> !hidden(root, f))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root, e);
    }
  }

  private static boolean hidden(Path root, Path file) {
    for (Path part : root.relativize(file)) {
      String name = part.toString();
      if (name.startsWith("_") || name.startsWith(".")) {
        return true;
      }
    }
    return false;
  }
}
