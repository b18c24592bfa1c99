package com.governancemetrics.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.governancemetrics.config.GovernanceConfig;
import com.governancemetrics.metrics.AnomalyRules;
import com.governancemetrics.metrics.MetricCatalogue;
import com.governancemetrics.metrics.MetricDefinition;
import com.governancemetrics.output.Publication;
import com.governancemetrics.periods.Period;
import com.governancemetrics.rollup.Level;
import com.governancemetrics.testing.SampleNightly;
import com.governancemetrics.testing.SharedSpark;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The anomaly flags of the shared nightly 2024-06 on the committed sample ({@link SampleNightly}):
 * every reason is well-formed, each flag follows from the row's own published columns by the shipped
 * rules (so the same inputs flag the same values), and the reports list exactly the flagged rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SampleAnomalyIT {

  private static final Period PERIOD = Period.parse(SampleNightly.PERIOD);
  private static final MetricCatalogue CATALOGUE = GovernanceConfig.defaults().catalogue();

  /** Each rule's reason, as AnomalyJudge words it. */
  private static final Pattern JUMP = Pattern.compile(
      "较上月(上升|下降)(\\d+\\.\\d{1,2})个百分点，超过15个百分点");
  private static final Pattern OUTSIDE_RANGE = Pattern.compile("(高于|低于)本单位近12期（有数\\d+期）"
      + "(最高值|最低值)\\d+\\.\\d%达\\d+\\.\\d{1,2}个百分点，超过允许偏差\\d+\\.\\d个百分点（.+）");
  private static final Pattern STOCK_FELL = Pattern.compile(
      "村\\(社区\\)数较上月减少(\\d+)（由(\\d+)减至(\\d+)），应只增不减");
  private static final Pattern FULL = Pattern.compile(
      "恰为100%，而(全国各省|全省市州|全省县区|全省乡镇)数值分散（四分位距\\d+\\.\\d{1,2}个百分点，超过15个百分点）");

  private Path out;
  private final Map<Level, List<Row>> tables = new EnumMap<>(Level.class);

  @BeforeAll
  void readTheSharedNightly() throws Exception {
    SampleNightly.Run run = SampleNightly.get();
    assertThat(run.exitCode()).as(run.all()).isZero();
    out = run.out();
    for (Level level : Level.values()) {
      tables.put(level, SharedSpark.get().read().parquet(out.resolve(level.table())
          .resolve(Publication.partitionName(PERIOD)).toString()).collectAsList());
    }
  }

  @Test
  void everyFlagHasAWellFormedReasonAndOnlyValuesOfMetricsWithRulesAreFlagged() {
    int flagged = 0;
    for (Level level : Level.values()) {
      for (Row r : tables.get(level)) {
        Boolean anomaly = r.getAs("anomaly");
        String reason = r.getAs("anomaly_reason");
        String where = level.table() + " " + r.getAs(level.codeColumn()) + " " + r.getAs("metric_id");
        assertThat(anomaly).as(where).isNotNull();
        assertThat(anomaly).as(where + ": flagged exactly when it has a reason")
            .isEqualTo(reason != null);
        if (!anomaly) {
          continue;
        }
        flagged++;
        assertThat((Object) r.getAs("value")).as(where + ": a value to judge").isNotNull();
        AnomalyRules rules = rules(r);
        for (String part : reason.split("；")) {
          assertThat(part).as(where).matches(p -> JUMP.matcher(p).matches()
              || OUTSIDE_RANGE.matcher(p).matches() || STOCK_FELL.matcher(p).matches()
              || FULL.matcher(p).matches(), "one rule's wording");
          if (JUMP.matcher(part).matches()) {
            assertThat(rules.jump()).as(where).isNotNull();
          }
          if (STOCK_FELL.matcher(part).matches()) {
            assertThat(rules.growingStocks()).as(where).containsExactly("villages_total");
            Matcher m = STOCK_FELL.matcher(part);
            assertThat(m.matches()).isTrue();
            assertThat(Double.parseDouble(m.group(3))).as(where + ": the stock is the denominator")
                .isEqualTo((Double) r.getAs("denominator"));
            assertThat(Long.parseLong(m.group(2)) - Long.parseLong(m.group(3)))
                .isEqualTo(Long.parseLong(m.group(1))).isPositive();
          }
          if (FULL.matcher(part).matches()) {
            assertThat((Double) r.getAs("value")).as(where).isEqualTo(1.0);
          }
          // a fresh output root has no earlier publication: nothing to judge the range against
          assertThat(OUTSIDE_RANGE.matcher(part).matches()).as(where).isFalse();
        }
      }
    }
    assertThat(flagged).as("flags on the sample").isPositive();
  }

  @Test
  void aJumpIsFlaggedExactlyWhereTheRowsOwnValueAndPrevValueDifferByMoreThanTheThreshold() {
    int jumps = 0;
    for (Level level : Level.values()) {
      for (Row r : tables.get(level)) {
        AnomalyRules.Jump jump = rules(r).jump();
        Double value = r.getAs("value");
        Double prev = r.getAs("prev_value");
        String reason = r.getAs("anomaly_reason");
        Matcher m = reason == null ? null : JUMP.matcher(reason.split("；")[0]);
        boolean stated = m != null && m.matches();
        boolean expected = jump != null && value != null && prev != null
            && Math.abs(value - prev) > jump.maxChange() + 1e-9;
        String where = level.table() + " " + r.getAs(level.codeColumn()) + " " + r.getAs("metric_id")
            + " " + prev + " → " + value;
        assertThat(stated).as(where).isEqualTo(expected);
        if (expected) {
          jumps++;
          assertThat(m.group(1)).as(where).isEqualTo(value > prev ? "上升" : "下降");
          BigDecimal points = BigDecimal.valueOf(Math.abs(value - prev)).movePointRight(2);
          assertThat(new BigDecimal(m.group(2)))
              .as(where).isEqualByComparingTo(points.setScale(m.group(2).length()
                  - m.group(2).indexOf('.') - 1, RoundingMode.HALF_UP));
        }
      }
    }
    assertThat(jumps).isPositive();
  }

  @Test
  void theSamplesFlagsAreTheOnesReviewedByHand() {
    Map<String, String> flags = new TreeMap<>();
    for (Level level : Level.values()) {
      for (Row r : tables.get(level)) {
        if (Boolean.TRUE.equals(r.getAs("anomaly"))) {
          flags.put(r.getAs(level.codeColumn()) + "|" + r.getAs("metric_id"), r.getAs("anomaly_reason"));
        }
      }
    }
    assertThat(flags).hasSize(12).containsEntry("4312|platform_coverage",
        "村(社区)数较上月减少38（由3208减至3170），应只增不减")
        .containsEntry("431224204|grid_party_org_coverage", "较上月下降33.3个百分点，超过15个百分点")
        .containsEntry("621022201|dispute_settlement_rate", "较上月下降20.0个百分点，超过15个百分点");
  }

  @Test
  void eachProvincesReportListsExactlyItsFlaggedRows() throws Exception {
    for (String province : List.of("43", "62")) {
      String html = Files.readString(out.resolve("exports").resolve(Publication.partitionName(PERIOD))
          .resolve(province).resolve("report.html"), StandardCharsets.UTF_8);
      assertThat(html).contains("<h2>数据异常提示</h2>", "北京时间（Asia/Shanghai）");
      List<String> listed = new ArrayList<>();
      Matcher m = Pattern.compile("<tr data-unit-code=\"(\\d+)\" data-metric-id=\"(\\w+)\">")
          .matcher(html);
      while (m.find()) {
        listed.add(m.group(1) + "|" + m.group(2));
      }
      List<String> flagged = new ArrayList<>();
      for (Level level : Level.values()) {
        for (Row r : tables.get(level)) {
          if (province.equals(r.getAs("province_code")) && Boolean.TRUE.equals(r.getAs("anomaly"))) {
            flagged.add(r.getAs(level.codeColumn()) + "|" + r.getAs("metric_id"));
          }
        }
      }
      assertThat(listed).as(province).containsExactlyInAnyOrderElementsOf(flagged);
    }
  }

  private static AnomalyRules rules(Row r) {
    MetricDefinition metric = CATALOGUE.metric(r.getAs("metric_id")).orElseThrow();
    return CATALOGUE.anomalyRules(metric);
  }
}
