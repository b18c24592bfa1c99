package com.governancemetrics.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The counts invariant of SPEC §1 cannot be broken by construction. */
class DatasetCountsTest {

  @Test
  void readIsAcceptedPlusQuarantinedPlusDropped() {
    DatasetCounts c = new DatasetCounts(10, 6, 3, 1,
        new TreeMap<>(Map.of("missing_key", 2L, "bad_period", 1L)));
    assertThat(c.quarantinedShare()).isEqualTo(0.3);
    assertThat(c.quarantinedByReason().keySet()).containsExactly("bad_period", "missing_key");
  }

  @Test
  void countsThatDoNotAddUpAreRefused() {
    assertThatThrownBy(() -> new DatasetCounts(10, 6, 3, 0, new TreeMap<>(Map.of("x", 3L))))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("rows read 10");
    assertThatThrownBy(() -> new DatasetCounts(10, 6, 4, 0, new TreeMap<>(Map.of("x", 3L))))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("per reason");
  }

  @Test
  void nothingReadIsNoShare() {
    assertThat(new DatasetCounts(0, 0, 0, 0, new TreeMap<>()).quarantinedShare()).isZero();
  }
}
