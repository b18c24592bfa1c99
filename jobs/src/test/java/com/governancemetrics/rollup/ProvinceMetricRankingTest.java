package com.governancemetrics.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The competition ranking of SPEC §2 as {@link ProvinceMetricRanking} computes it in memory. */
class ProvinceMetricRankingTest {

  @Test
  void higherRanksTheLargestFirstWithTiesSharingARankAndNullsUnranked() {
    Double[] values = {0.5, null, 0.9, 0.5, 0.1, 0.9};
    assertThat(ProvinceMetricRanking.ranks(values, true))
        .containsExactly(3, null, 1, 3, 5, 1);
  }

  @Test
  void lowerRanksTheSmallestFirstAndZeroEqualsNegativeZeroAsInSpark() {
    Double[] values = {0.0, 2.0, -0.0, null, 1.0};
    assertThat(ProvinceMetricRanking.ranks(values, false))
        .containsExactly(1, 4, 1, null, 3);
  }

  @Test
  void aGroupWithoutValuesHasNoRanks() {
    assertThat(ProvinceMetricRanking.ranks(new Double[] {null, null}, true))
        .containsExactly(null, null);
    assertThat(ProvinceMetricRanking.ranks(new Double[0], true)).isEmpty();
  }
}
