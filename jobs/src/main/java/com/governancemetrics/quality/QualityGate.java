package com.governancemetrics.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The quality gate of SPEC §1: a dataset whose quarantined share of the rows read exceeds the
 * tolerance (strictly; duplicates dropped are not quarantined) fails it, and the run publishes nothing
 * (exit 3, after quarantine and manifest are written).
 */
public final class QualityGate {

  private QualityGate() {}

  /** One line per dataset over the tolerance, with its share; empty when the gate passes. */
  public static List<String> breaches(IngestionResult result, double tolerance) {
    if (!(tolerance >= 0 && tolerance <= 1)) {
      throw new IllegalArgumentException(
          "a quarantine tolerance is a share in [0, 1], not " + tolerance);
    }
    List<String> breaches = new ArrayList<>();
    for (IngestedDataset d : result.datasets().values()) {
      DatasetCounts c = d.counts();
      // Strictly over: 1 of 20 rows at a 5% tolerance passes.
      if (c.rowsRead() > 0 && c.rowsQuarantined() > tolerance * c.rowsRead()) {
        breaches.add(String.format(Locale.ROOT,
            "%s: %d of %d rows quarantined (%.2f%%), over the tolerance of %.2f%%",
            d.dataset().folder(), c.rowsQuarantined(), c.rowsRead(), 100.0 * c.quarantinedShare(),
            100.0 * tolerance));
      }
    }
    return breaches;
  }
}
