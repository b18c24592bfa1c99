package com.governancemetrics.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import com.governancemetrics.metrics.AnomalyRules;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reasons AnomalyJudge gives, on numbers checked by hand (no Spark: the rules alone). */
class AnomalyJudgeTest {

  private static final AnomalyRules ALL = AnomalyRules.of(new AnomalyRules.Jump(0.15),
      new AnomalyRules.OutsideRange(3, 6, 0), List.of("villages_total"),
      new AnomalyRules.FullWhilePeersSpread(0.15, 5));
  private static final AnomalyJudge SHARES = new AnomalyJudge(ALL, true);
  private static final double[] NO_HISTORY = {};

  @Test
  void noValueOrNoEarlierValueIsNeverFlagged() {
    assertThat(SHARES.reasons(3, null, 0.2, NO_HISTORY, 5.0, 9.0, 1L, 1L, 0.5)).isNull();
    assertThat(SHARES.reasons(3, 0.9, null, NO_HISTORY, null, null, null, null, null)).isNull();
  }

  @Test
  void aHistoryThatNeverMovedFlagsAnyChangeUnlessAMinimumMarginIsSet() {
    double[] flat = {0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9};
    assertThat(SHARES.reasons(2, 0.89, 0.9, flat, null, null, null, null, null))
        .isEqualTo("低于本单位近12期（有数7期）最低值90.0%达1.0个百分点，超过允许偏差0.0个百分点"
            + "（中位数绝对偏差0.0个百分点的3倍）");
    AnomalyJudge tolerant = new AnomalyJudge(AnomalyRules.of(null,
        new AnomalyRules.OutsideRange(3, 6, 0.02), List.of(), null), true);
    assertThat(tolerant.reasons(2, 0.89, 0.9, flat, null, null, null, null, null)).isNull();
    assertThat(tolerant.reasons(2, 0.85, 0.9, flat, null, null, null, null, null))
        .isEqualTo("低于本单位近12期（有数7期）最低值90.0%达5.0个百分点，超过允许偏差2.0个百分点"
            + "（最小允许偏差；3倍中位数绝对偏差为0.0个百分点）");
    assertThat(SHARES.reasons(2, 0.5, 0.9, new double[] {0.9, 0.9, 0.9, 0.9, 0.9}, null, null,
        null, null, null)).as("five earlier values: too few").startsWith("较上月下降40.0个百分点");
  }

  @Test
  void severalReasonsAreJoinedInTheRulesOrder() {
    assertThat(SHARES.reasons(3, 1.0, 0.8, NO_HISTORY, 9.0, 10.0, 3L, 3L, 0.3)).isEqualTo(
        "较上月上升20.0个百分点，超过15个百分点；村(社区)数较上月减少1（由10减至9），应只增不减；"
            + "恰为100%，而全省乡镇数值分散（四分位距30.0个百分点，超过15个百分点）");
    // fewer townships delivered: a smaller stock is completeness, not a fall
    assertThat(SHARES.reasons(3, 0.8, 0.8, NO_HISTORY, 9.0, 10.0, 2L, 3L, null)).isNull();
  }

  @Test
  void aMetricThatIsNotAShareIsWordedInItsOwnUnits() {
    AnomalyJudge perLeader = new AnomalyJudge(AnomalyRules.of(new AnomalyRules.Jump(3), null,
        List.of(), null), false);
    assertThat(perLeader.reasons(2, 12.5, 8.0, NO_HISTORY, null, null, null, null, null))
        .isEqualTo("较上月上升4.5，超过3");
  }

  @Test
  void theSpreadIsTheInterquartileRangeOfTheUnitsWithAValue() {
    assertThat(SHARES.spread(new Double[] {0.5, 0.6, 0.7, 0.8, 0.9, 1.0, null}))
        .isCloseTo(0.25, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(SHARES.spread(new Double[] {0.5, 0.6, 0.7, 1.0, null})).as("four units").isNull();
  }
}
