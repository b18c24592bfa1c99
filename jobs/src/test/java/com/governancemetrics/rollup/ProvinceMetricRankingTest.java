package com.governancemetrics.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The cases of {@link ProvinceMetricRanking}'s competition ranking (SPEC §2) that the published
 * tables of RollupTest do not reach: zero and negative zero, a group without any value. Ties, gaps
 * after them, both directions and unranked nulls are RollupTest's.
 */
class ProvinceMetricRankingTest {

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
