package com.governancemetrics.generate;

/**
 * Deterministic random numbers for one named thing (a township, a village, a row): seeded from the run's
 * seed and the thing's names, never shared, so the output does not depend on task order or parallelism.
 * SplitMix64 with StrictMath, hence the same numbers on every JVM and CPU.
 */
final class Rand {

  private static final long GOLDEN = 0x9e3779b97f4a7c15L;
  private long state;

  private Rand(long state) {
    this.state = state;
  }

  /** The stream of {@code seed} and the given names (FNV-1a over their characters, then mixed). */
  static Rand of(long seed, String... names) {
    long h = 0xcbf29ce484222325L ^ mix(seed);
    for (String name : names) {
      for (int i = 0; i < name.length(); i++) {
        h ^= name.charAt(i);
        h *= 0x100000001b3L;
      }
      h ^= 0x1f;
      h *= 0x100000001b3L;
    }
    return new Rand(mix(h));
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  long nextLong() {
    state += GOLDEN;
    return mix(state);
  }

  /** Uniform in [0, 1). */
  double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in [0, bound). */
  int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive: " + bound);
    }
    return (int) ((nextLong() >>> 1) % bound);
  }

  /** Uniform integer in [from, to], both included. */
  int between(int from, int to) {
    return from + nextInt(to - from + 1);
  }

  double uniform(double from, double to) {
    return from + (to - from) * nextDouble();
  }

  boolean chance(double p) {
    return nextDouble() < p;
  }

  /** Standard normal (Box–Muller, no cached second value). */
  double gaussian() {
    double u1 = 1.0 - nextDouble();
    double u2 = nextDouble();
    return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
  }

  double normal(double mean, double sd) {
    return mean + sd * gaussian();
  }

  /** exp(N(ln median, sigma)). */
  double logNormal(double median, double sigma) {
    return median * StrictMath.exp(sigma * gaussian());
  }

  /** Poisson count: Knuth below 30, a rounded normal above. */
  long poisson(double lambda) {
    if (lambda <= 0) {
      return 0;
    }
    if (lambda < 30) {
      double limit = StrictMath.exp(-lambda);
      long k = 0;
      double p = nextDouble();
      while (p > limit) {
        k++;
        p *= nextDouble();
      }
      return k;
    }
    return Math.max(0, Math.round(normal(lambda, StrictMath.sqrt(lambda))));
  }

  /** floor(x) plus one with probability frac(x): unbiased rounding, so small counts keep their rates. */
  long stochasticRound(double x) {
    double floor = StrictMath.floor(x);
    return (long) floor + (nextDouble() < x - floor ? 1 : 0);
  }

  <T> T pick(java.util.List<T> values) {
    return values.get(nextInt(values.size()));
  }
}
