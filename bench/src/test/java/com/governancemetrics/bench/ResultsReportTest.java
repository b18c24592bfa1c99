package com.governancemetrics.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Medians, ratios and verdicts of the results file, from runs.csv rows. */
class ResultsReportTest {

  private static ResultsReport.Run run(int sf, String m, String label, int exit, double wall, double rss) {
    return new ResultsReport.Run(sf, m, label, exit, wall, rss, "2026-01-01T00:00:00Z");
  }

  private static List<ResultsReport.Run> threeRuns(int sf, String m, double a, double b, double c, double rss) {
    List<ResultsReport.Run> runs = new ArrayList<>();
    runs.add(run(sf, m, "warmup", 0, 1000, 9999));
    runs.add(run(sf, m, "1", 0, a, rss));
    runs.add(run(sf, m, "2", 0, b, rss + 10));
    runs.add(run(sf, m, "3", 0, c, rss - 10));
    return runs;
  }

  @Test
  void medianOfTheTimedRunsWithoutTheWarmUp() {
    List<ResultsReport.Run> runs = threeRuns(1, "nightly", 30, 10, 20, 800);
    ResultsReport.Figure f = ResultsReport.figure(runs, 1, "nightly").orElseThrow();
    assertThat(f.medianWall()).isEqualTo(20);
    assertThat(f.minWall()).isEqualTo(10);
    assertThat(f.maxWall()).isEqualTo(30);
    assertThat(f.maxRss()).isEqualTo(810);
    assertThat(ResultsReport.median(List.of(1.0, 2.0, 4.0, 10.0))).isEqualTo(3.0);
    assertThat(ResultsReport.figure(runs, 10, "nightly")).isEmpty();
  }

  @Test
  void goalsAreMarkedMetOrNotMetFromTheMedians() {
    List<ResultsReport.Run> runs = new ArrayList<>();
    runs.addAll(threeRuns(1, "scan_floor", 10, 10, 10, 500));
    runs.addAll(threeRuns(1, "nightly", 14, 15, 16, 1400));
    runs.addAll(threeRuns(1, "backfill_12", 50, 50, 50, 1600));
    runs.addAll(threeRuns(1, "duckdb", 3, 3, 3, 300));

    List<ResultsReport.Verdict> v = ResultsReport.verdicts(runs);

    assertThat(v).extracting(ResultsReport.Verdict::status).containsExactly(
        "met",              // 15 / 10 = 1.5
        "not measured",     // DuckDB at SF10
        "not measured",     // SF10 / SF1
        "NOT MET",          // 50 / 15 > 3
        "NOT MET",          // backfill peaked at 1610 MB
        "not measured",     // the sample nightly
        "not measured",     // nothing new
        "not measured");    // dry run
    assertThat(v.get(0).ratioText()).contains("= 1.50");
  }

  @Test
  void theSampleIsItsOwnSectionWithGoalsInSecondsAndTheDryRunIsAgainstTheNightly() {
    List<ResultsReport.Run> runs = new ArrayList<>();
    runs.addAll(threeRuns(ResultsReport.SAMPLE, "sample_nightly", 28, 29, 40, 900));
    runs.addAll(threeRuns(ResultsReport.SAMPLE, "nothing_new", 5, 6, 6, 200));
    runs.addAll(threeRuns(1, "nightly", 20, 20, 20, 1400));
    runs.addAll(threeRuns(1, "dry_run", 23, 24, 25, 1400));

    List<ResultsReport.Verdict> v = ResultsReport.verdicts(runs);
    String md = ResultsReport.render(runs, new Properties(), "results/runs.csv");

    assertThat(v).filteredOn(x -> x.goal().startsWith("sample nightly"))
        .extracting(ResultsReport.Verdict::status).containsExactly("met");        // median 29 s
    assertThat(v).filteredOn(x -> x.goal().startsWith("nightly with nothing new"))
        .extracting(ResultsReport.Verdict::status).containsExactly("NOT MET");    // median 6 s
    assertThat(v).filteredOn(x -> x.goal().startsWith("dry run"))
        .extracting(ResultsReport.Verdict::status).containsExactly("met");        // 24 / 20 = 1.2
    assertThat(ResultsReport.scaleFactors(runs)).containsExactly(1);
    assertThat(md).contains("## The sample (data/sample)").doesNotContain("## SF0");
  }

  @Test
  void aFailedRunFailsItsGoalsAndIsSaidPlainly() {
    List<ResultsReport.Run> runs = new ArrayList<>(threeRuns(1, "scan_floor", 10, 10, 10, 500));
    runs.add(run(1, "nightly", "1", 3, 12, 900));
    Properties env = new Properties();
    env.setProperty("cores", "2");

    String md = ResultsReport.render(runs, env, "results/runs.csv");

    assertThat(ResultsReport.verdicts(runs).get(0).status()).startsWith("NOT MET");
    assertThat(md).contains("| 2 |").contains("1 FAILED").contains("goal(s) not met");
  }

  @Test
  void theHandWrittenAnalysisOfAPreviousFileIsKept() {
    String previous = "# Benchmark results\n\n| old | figures |\n\n## Analysis\n\nWhy nightly is slow.\n";
    assertThat(ResultsReport.keptAnalysis(previous)).isEqualTo("\n## Analysis\n\nWhy nightly is slow.\n");
    assertThat(ResultsReport.keptAnalysis("# Benchmark results\n\nno analysis yet\n")).isEmpty();
  }

  @Test
  void runsParseFromCsvLines() {
    ResultsReport.Run r = ResultsReport.Run.parse("10,duckdb,2,0,12.34,456,2026-01-01T00:00:00Z");
    assertThat(r.scaleFactor()).isEqualTo(10);
    assertThat(r.wallSeconds()).isEqualTo(12.34);
    assertThat(r.maxRssMb()).isEqualTo(456);
    assertThat(ResultsReport.Run.parse("1,nightly,1,1,,,x").wallSeconds()).isNaN();
  }
}
