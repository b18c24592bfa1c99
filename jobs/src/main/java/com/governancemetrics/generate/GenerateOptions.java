package com.governancemetrics.generate;

import com.governancemetrics.failures.UsageError;
import com.governancemetrics.periods.Period;
import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What {@code generate} writes (SPEC §4): where, how many years, which provinces, from which month, and
 * how many bad rows and duplicates it plants. Validated here, once: each problem is a
 * {@link UsageError} that names the option of {@code generate} and says what to pass.
 *
 * @param outputRoot the input root to write (any Hadoop path: a local folder, hdfs://…)
 * @param scaleFactor N: N years of months starting at {@code start}, 1 to {@value #MAX_SCALE_FACTOR}
 * @param seed the same seed (and options) gives byte-for-byte the same files
 * @param provinces two-digit province codes; empty means all 31
 * @param start the first month
 * @param badRowRate the share of rows planted bad, 0 to 0.5
 * @param duplicateRate the share of valid rows delivered twice (identical copies), 0 to 0.5
 * @param split one file per province or per county in each partition
 */
public record GenerateOptions(
    String outputRoot,
    int scaleFactor,
    long seed,
    Set<String> provinces,
    Period start,
    double badRowRate,
    double duplicateRate,
    FileSplit split) {

  public static final Period DEFAULT_START = Period.of(2024, 1);
  public static final long DEFAULT_SEED = 20240101L;
  public static final double DEFAULT_BAD_ROW_RATE = 0.005;
  public static final double DEFAULT_DUPLICATE_RATE = 0.002;
  public static final int MAX_SCALE_FACTOR = 50;
  public static final double MAX_RATE = 0.5;

  private static final Pattern PROVINCE_CODE = Pattern.compile("[0-9]{2}");

  public GenerateOptions {
    if (outputRoot == null || outputRoot.isBlank()) {
      throw new UsageError("--output is required: the output root to write the synthetic input to",
          "Pass --output DIR, e.g. --output data/sample.");
    }
    if (scaleFactor < 1 || scaleFactor > MAX_SCALE_FACTOR) {
      throw new UsageError("--scale-factor " + scaleFactor + ": the scale factor must be between 1 and "
          + MAX_SCALE_FACTOR + " (years of data)",
          "Pass --scale-factor N with N from 1 to " + MAX_SCALE_FACTOR + ".");
    }
    if (provinces == null) {
      throw new IllegalArgumentException("provinces is null: pass an empty set for all provinces");
    }
    SortedSet<String> sorted = new TreeSet<>();
    for (String p : provinces) {
      if (p == null || !PROVINCE_CODE.matcher(p).matches()) {
        throw new UsageError("--provinces: '" + p
            + "' is not a two-digit province code such as 43 (湖南) or 62 (甘肃)",
            "Pass two-digit codes separated by commas, e.g. --provinces 43,62.");
      }
      sorted.add(p);
    }
    provinces = Collections.unmodifiableSortedSet(sorted);
    if (start == null) {
      throw new UsageError("--start is missing: the start month", "Pass --start YYYY-MM, e.g. --start 2024-01.");
    }
    checkRate("--bad-row-rate", "bad row rate", badRowRate);
    checkRate("--duplicate-rate", "duplicate rate", duplicateRate);
    if (split == null) {
      throw new UsageError("--split is missing: the file split", "Pass --split PROVINCE or --split COUNTY.");
    }
  }

  /** The defaults of {@code generate}: SF1 of the whole country from 2024-01, split per province. */
  public static GenerateOptions defaults(String outputRoot) {
    return new GenerateOptions(outputRoot, 1, DEFAULT_SEED, Set.of(), DEFAULT_START,
        DEFAULT_BAD_ROW_RATE, DEFAULT_DUPLICATE_RATE, FileSplit.PROVINCE);
  }

  public GenerateOptions withScaleFactor(int n) {
    return new GenerateOptions(outputRoot, n, seed, provinces, start, badRowRate, duplicateRate, split);
  }

  public GenerateOptions withSeed(long s) {
    return new GenerateOptions(outputRoot, scaleFactor, s, provinces, start, badRowRate, duplicateRate, split);
  }

  public GenerateOptions withProvinces(Set<String> p) {
    return new GenerateOptions(outputRoot, scaleFactor, seed, p, start, badRowRate, duplicateRate, split);
  }

  public GenerateOptions withStart(Period p) {
    return new GenerateOptions(outputRoot, scaleFactor, seed, provinces, p, badRowRate, duplicateRate, split);
  }

  public GenerateOptions withBadRowRate(double r) {
    return new GenerateOptions(outputRoot, scaleFactor, seed, provinces, start, r, duplicateRate, split);
  }

  public GenerateOptions withDuplicateRate(double r) {
    return new GenerateOptions(outputRoot, scaleFactor, seed, provinces, start, badRowRate, r, split);
  }

  public GenerateOptions withSplit(FileSplit s) {
    return new GenerateOptions(outputRoot, scaleFactor, seed, provinces, start, badRowRate, duplicateRate, s);
  }

  public GenerateOptions withOutputRoot(String root) {
    return new GenerateOptions(root, scaleFactor, seed, provinces, start, badRowRate, duplicateRate, split);
  }

  /** The last month written: {@code start} + 12·N − 1 months. */
  public Period end() {
    return start.plusMonths(12L * scaleFactor - 1);
  }

  private static void checkRate(String option, String name, double rate) {
    if (Double.isNaN(rate) || rate < 0 || rate > MAX_RATE) {
      throw new UsageError(option + " " + rate + ": the " + name + " must be a share between 0 and "
          + MAX_RATE, "Pass " + option + " with a share from 0 to " + MAX_RATE + ", e.g. 0.005 for 0.5%.");
    }
  }
}
