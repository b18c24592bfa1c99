package com.governancemetrics.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.governancemetrics.periods.Period;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a run reads: the ytd of P, P-1 and P-12, and their years for collective_income. */
class ReadScopeTest {

  @Test
  void aMidYearPeriodReadsItsYtdAndLastYearsYtd() {
    ReadScope scope = ReadScope.of(Period.parse("2024-06"));
    assertThat(scope.monthlyPeriods()).containsExactlyElementsOf(concat(
        Period.rangeClosed(Period.parse("2023-01"), Period.parse("2023-06")),
        Period.rangeClosed(Period.parse("2024-01"), Period.parse("2024-06"))));
    assertThat(scope.incomeEvaluationYears()).containsExactly(2023, 2024);
    assertThat(scope.runYears()).containsExactly(2024);
  }

  @Test
  void januaryReadsAllOfLastYearForItsPreviousMonth() {
    ReadScope scope = ReadScope.of(Period.parse("2024-01"));
    assertThat(scope.monthlyPeriods()).containsExactlyElementsOf(
        Period.rangeClosed(Period.parse("2023-01"), Period.parse("2024-01")));
    assertThat(scope.incomeEvaluationYears()).containsExactly(2023, 2024);
  }

  @Test
  void severalRunPeriodsReadTheUnion() {
    ReadScope scope = new ReadScope(List.of(Period.parse("2024-03"), Period.parse("2023-02"),
        Period.parse("2024-03")));
    assertThat(scope.runPeriods()).containsExactly(Period.parse("2023-02"), Period.parse("2024-03"));
    assertThat(scope.monthlyPeriods()).containsExactlyElementsOf(concat(
        Period.rangeClosed(Period.parse("2022-01"), Period.parse("2022-02")),
        Period.rangeClosed(Period.parse("2023-01"), Period.parse("2023-03")),
        Period.rangeClosed(Period.parse("2024-01"), Period.parse("2024-03"))));
    assertThat(scope.incomeEvaluationYears()).containsExactly(2022, 2023, 2024);
  }

  @Test
  void aDatasetWhoseMetricsAreAllStockReadsTheEvaluatedMonthsOnly() {
    ReadScope scope = new ReadScope(List.of(Period.parse("2024-06")),
        java.util.Set.of(InputDataset.SERVICE_APPEALS));
    assertThat(scope.monthlyPeriods(InputDataset.GRID_COVERAGE)).containsExactly(
        Period.parse("2023-06"), Period.parse("2024-05"), Period.parse("2024-06"));
    assertThat(scope.monthlyPeriods(InputDataset.SERVICE_APPEALS))
        .containsExactlyElementsOf(scope.monthlyPeriods()).hasSize(12);
  }

  @Test
  void aScopeNeedsAPeriod() {
    assertThatThrownBy(() -> new ReadScope(List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ReadScope(java.util.Arrays.asList(Period.parse("2024-01"), null)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @SafeVarargs
  private static List<Period> concat(List<Period>... lists) {
    return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
  }
}
