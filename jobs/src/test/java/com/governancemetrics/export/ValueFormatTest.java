package com.governancemetrics.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.governancemetrics.config.ConfigLoader;
import com.governancemetrics.metrics.MetricDefinition;
import org.junit.jupiter.api.Test;

/** How values, ranks, changes and targets read for people (SPEC §3: 96.3%, integers, yuan with separators). */
class ValueFormatTest {

  @Test
  void ratesArePercentagesWithOneDecimalRoundedHalfUpOnTheDecimalShown() {
    assertThat(ValueFormat.PERCENT.text(72.0 / 78)).isEqualTo("92.3%");
    assertThat(ValueFormat.PERCENT.text(0.9235)).isEqualTo("92.4%");
    assertThat(ValueFormat.PERCENT.text(1.0)).isEqualTo("100.0%");
    assertThat(ValueFormat.PERCENT.text(0.0)).isEqualTo("0.0%");
    assertThat(ValueFormat.PERCENT.parse("92.3%")).isEqualTo(0.923);
  }

  @Test
  void countsAreIntegersAndYuanHasSeparatorsAndTwoDecimals() {
    assertThat(ValueFormat.COUNT.text(1234.0)).isEqualTo("1,234");
    assertThat(ValueFormat.COUNT.text(0.0)).isEqualTo("0");
    assertThat(ValueFormat.YUAN.text(17901.225)).isEqualTo("17,901.23");
    assertThat(ValueFormat.YUAN.text(123456.78)).isEqualTo("123,456.78");
    assertThat(ValueFormat.NUMBER.text(9.205128)).isEqualTo("9.21");
    assertThat(ValueFormat.NUMBER.text(8.0)).isEqualTo("8.0");
    assertThat(ValueFormat.YUAN.parse("1,250,000.50")).isEqualTo(1250000.5);
  }

  @Test
  void noValueAndInvalidNumbersShowNothing() {
    assertThat(ValueFormat.PERCENT.text(null)).isEmpty();
    assertThat(ValueFormat.YUAN.text(Double.NaN)).isEmpty();
    assertThat(ValueFormat.COUNT.text(Double.POSITIVE_INFINITY)).isEmpty();
  }

  @Test
  void ranksChangesAndTargetsReadInChinese() {
    assertThat(Texts.rank(3, 24)).isEqualTo("第3名/共24");
    assertThat(Texts.rank(null, 24)).isEmpty();
    assertThat(Texts.rankChange(2)).isEqualTo("↑2");
    assertThat(Texts.rankChange(-1)).isEqualTo("↓1");
    assertThat(Texts.rankChange(0)).isEqualTo("–");
    assertThat(Texts.rankChange(null)).isEmpty();
    assertThat(Texts.meets(false)).isEqualTo("未达标");
    MetricPresentation coverage = ShippedPresentations.byId("household_coverage").orElseThrow();
    MetricPresentation band = ShippedPresentations.byId("households_per_neighbour_leader").orElseThrow();
    MetricPresentation overdue = ShippedPresentations.byId("overdue_open_cases").orElseThrow();
    assertThat(Texts.target(coverage, 0.95, null)).isEqualTo("≥95.0%");
    assertThat(Texts.target(band, 5.0, 15.0)).isEqualTo("5.0–15.0");
    assertThat(Texts.target(overdue, 0.0, null)).isEqualTo("≤0");
    assertThat(Texts.dataPeriod("2024-01..2024-06")).isEqualTo("2024-01至2024-06");
    assertThat(Texts.dataPeriod("as of 2024-06-30")).isEqualTo("截至2024-06-30");
    assertThat(Texts.dataPeriod("2023")).isEqualTo("2023年度");
  }

  @Test
  void headersCarryTheUnitOnce() {
    assertThat(ShippedPresentations.byId("household_coverage").orElseThrow().labelWithUnit())
        .isEqualTo("三长联系户覆盖率(%)");
    assertThat(ShippedPresentations.byId("median_operating_income").orElseThrow().labelWithUnit())
        .isEqualTo("村集体经营性收入中位数(元)");
    assertThat(ShippedPresentations.byId("hollow_villages").orElseThrow().labelWithUnit())
        .isEqualTo("集体经济空壳村数(个)");
  }

  /** Which metrics the shipped catalogue has is CatalogueConfigTest's; here, that each is presented. */
  @Test
  void everyMetricOfTheCatalogueIsPresentedInOrderAndOnlyBandAndNoneAreUnranked() {
    assertThat(ShippedPresentations.catalogue()).extracting(MetricPresentation::id)
        .containsExactlyElementsOf(ConfigLoader.bundled().catalogue().metrics().stream()
            .map(MetricDefinition::id).toList());
    assertThat(ShippedPresentations.catalogue()).filteredOn(p -> !p.ranked())
        .extracting(MetricPresentation::id)
        .containsExactlyInAnyOrder("households_per_neighbour_leader", "weak_orgs_identified_ytd");
    assertThatThrownBy(() -> new MetricPresentation("x", "X", "", ValueFormat.COUNT, "up"))
        .hasMessageContaining("direction");
  }
}
