package com.governancemetrics.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.governancemetrics.testing.SharedSpark;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html opened in a real headless Chromium with no network: one chart per metric, the ranked ones
 * in rank order with the counties below target flagged, nothing loaded from outside, no console error;
 * a screenshot (and the exported folder) is saved under jobs/target/ for reviewers.
 */
class HtmlReportBrowserTest {

  private static final List<String> BROWSERS = List.of("chromium", "chromium-browser", "google-chrome");

  @TempDir
  static Path root;

  private static Path report;

  @BeforeAll
  static void exportFixture() throws IOException {
    PublishedTablesFixture.standard().writeTables(SharedSpark.get(), root);
    PublishedTablesFixture.writeManifest(root);
    ExportTestSupport.publish(SharedSpark.get(), ExportTestSupport.request(root, Optional.of("43"),
        PublishedTablesFixture.RUN_ID, Optional.of(PublishedTablesFixture.MANIFEST)));
    report = ExportTestSupport.exportFolder(root, "43").resolve("report.html");
    Path sample = reviewFolder().resolve("export-sample-43");
    Files.createDirectories(sample);
    try (Stream<Path> files = Files.list(report.getParent())) {
      for (Path file : files.toList()) {
        Files.copy(file, sample.resolve(file.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  @Test
  void theReportStandsAloneWithoutScriptsOrAnythingFromOutside() throws IOException {
    String html = Files.readString(report, StandardCharsets.UTF_8);
    assertThat(html.toLowerCase()).doesNotContain("<script", "http:", "https:", "<link", "<img", "url(",
        "@import", "@font-face", "<iframe", "<object");
    assertThat(html).contains("<meta charset=\"utf-8\">", "Microsoft YaHei", "Noto Sans CJK SC");
    // The manifest's text is escaped, never markup.
    assertThat(html).contains("corrupt &lt;footer&gt;").doesNotContain("corrupt <footer>");
  }

  @Test
  void chromiumRendersOneChartPerMetricInRankOrderWithTheCountiesBelowTargetFlagged() throws Exception {
    Path browser = browser();
    Path profile = Files.createTempDirectory(root, "chromium-profile");
    Path netLog = root.resolve("chromium-netlog.json");
    Result dom = run(browser, profile, List.of("--log-net-log=" + netLog, "--dump-dom", report.toUri().toString()));
    String page = dom.stdout();
    assertThat(requestsOfThePage(Files.readString(netLog, StandardCharsets.UTF_8)))
        .as("URLs the report made the browser request").isEmpty();

    List<MetricPresentation> ranked = PublishedTablesFixture.rankedMetrics();
    assertThat(count(page, "<svg class=\"chart ranked\"")).isEqualTo(ranked.size());
    assertThat(count(page, "<svg class=\"chart ")).isEqualTo(PublishedTablesFixture.metrics().size());
    for (MetricPresentation metric : PublishedTablesFixture.metrics()) {
      assertThat(count(page, "<svg class=\"chart " + (metric.ranked() ? "ranked" : "unranked")
          + "\" data-metric-id=\"" + metric.id() + "\"")).as(metric.id()).isEqualTo(1);
      assertThat(page).contains(metric.label(), metric.definition());
    }

    String coverage = chart(page, PublishedTablesFixture.COVERAGE);
    assertThat(attributes(coverage, "data-rank")).containsExactly("1", "2", "3");
    assertThat(attributes(coverage, "data-county-code")).containsExactly("430203", "430103", "430102", "430202");
    assertThat(belowTarget(coverage)).containsExactly("430102");
    assertThat(coverage).contains("<g class=\"target\">", "目标 ≥95.0%", "<g class=\"province\">", "全省 95.0%",
        "未达标", "无数据");
    String hollow = chart(page, PublishedTablesFixture.HOLLOW);
    assertThat(attributes(hollow, "data-rank")).containsExactly("1", "2", "2");
    assertThat(belowTarget(hollow)).containsExactlyInAnyOrder("430102", "430203");
    assertThat(hollow).as("a count's province value is a sum: no marker").doesNotContain("class=\"province\"");
    String band = chart(page, PublishedTablesFixture.PER_LEADER);
    assertThat(band).contains("<g class=\"band\">", "合理区间 5.0–15.0");
    assertThat(belowTarget(band)).containsExactlyInAnyOrder("430103", "430203");

    assertThat(page).contains("数据质量", "三长制与网格党组织", "1,210", "部分大于总数", "run", PublishedTablesFixture.RUN_ID,
        "2024-06", "0.1.0-test");
    assertThat(page).contains("数据异常提示", PublishedTablesFixture.FURONG_JUMP);
    assertThat(count(page, "<footer")).isEqualTo(1);
    assertNoErrors(dom);

    Path screenshot = reviewFolder().resolve("export-report-43.png");
    Files.deleteIfExists(screenshot);
    Result shot = run(browser, profile, List.of("--hide-scrollbars", "--window-size=1100,2900",
        "--screenshot=" + screenshot, report.toUri().toString()));
    assertNoErrors(shot);
    assertThat(screenshot).exists();
    assertThat(Files.size(screenshot)).isGreaterThan(20_000);
  }

  @Test
  void theBrowserChecksCatchAPageThatLoadsFromOutsideOrFailsItsScript() throws Exception {
    Path browser = browser();
    Path page = root.resolve("control.html");
    Files.writeString(page, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>"
        + "<img src=\"http://example.com/logo.png\"><script>notDefined();</script><p>对照页</p></body></html>",
        StandardCharsets.UTF_8);
    Path netLog = root.resolve("control-netlog.json");
    Result result = run(browser, Files.createTempDirectory(root, "chromium-profile"),
        List.of("--log-net-log=" + netLog, "--dump-dom", page.toUri().toString()));
    assertThat(requestsOfThePage(Files.readString(netLog, StandardCharsets.UTF_8)))
        .contains("http://example.com/logo.png");
    assertThat(result.stderr()).contains("CONSOLE", "notDefined");
  }

  private static Path reviewFolder() throws IOException {
    Path target = com.governancemetrics.testing.SharedSpark.projectRoot().resolve("jobs").resolve("target");
    Files.createDirectories(target);
    return target;
  }

  /** Chromium on the PATH; without it the test fails under CI and is skipped elsewhere. */
  private static Path browser() {
    for (String name : BROWSERS) {
      for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    String message = "no chromium on the PATH: install it with apt-get install -y chromium";
    if (System.getenv("CI") != null) {
      fail(message + " (CI is set: the browser test must run)");
    }
    Assumptions.assumeTrue(false, message);
    return null;
  }

  private record Result(int exitCode, String stdout, String stderr) {}

  /** Runs headless Chromium with every network path closed: no DNS, no QUIC, no background requests. */
  private static Result run(Path browser, Path profile, List<String> args) throws Exception {
    List<String> command = new ArrayList<>(List.of(browser.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
        "--host-resolver-rules=MAP * ~NOTFOUND", "--enable-logging=stderr", "--v=0",
        "--user-data-dir=" + profile));
    command.addAll(args);
    Path out = Files.createTempFile(root, "chromium", ".out");
    Path err = Files.createTempFile(root, "chromium", ".err");
    Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("chromium did not finish in 120 s: " + command);
    }
    return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** Exit 0, no console message and no failed load (anything fetched from outside fails to resolve). */
  private static void assertNoErrors(Result result) {
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    for (String line : result.stderr().split("\n")) {
      assertThat(line).as("chromium log").doesNotContain("CONSOLE", "Uncaught", "ERR_NAME_NOT_RESOLVED",
          "Failed to load resource", "net::ERR_");
    }
  }

  /**
   * The URLs in Chromium's network log other than the report itself and Chromium's own service calls
   * (update, time and account checks to Google hosts, which the host resolver rule blocks anyway).
   */
  static List<String> requestsOfThePage(String netLog) {
    List<String> urls = new ArrayList<>();
    Matcher matcher = Pattern.compile("\"url\":\"([^\"]*)\"").matcher(netLog);
    while (matcher.find()) {
      String url = matcher.group(1);
      boolean local = url.startsWith("file:") || url.startsWith("data:") || url.startsWith("about:")
          || url.startsWith("chrome:");
      boolean chromiumOwn = url.matches("https?://[^/]*(google\\.com|googleapis\\.com|gstatic\\.com|gvt[12]\\.com)"
          + "([:/?].*)?");
      if (!local && !chromiumOwn) {
        urls.add(url);
      }
    }
    return urls;
  }

  private static String chart(String page, String metricId) {
    int start = page.indexOf("data-metric-id=\"" + metricId + "\" width=");
    assertThat(start).as("chart of " + metricId).isPositive();
    return page.substring(start, page.indexOf("</svg>", start));
  }

  private static List<String> attributes(String chart, String attribute) {
    List<String> values = new ArrayList<>();
    Matcher matcher = Pattern.compile("<g class=\"bar-row[^\"]*\"[^>]*? " + attribute + "=\"([^\"]*)\"")
        .matcher(chart);
    while (matcher.find()) {
      values.add(matcher.group(1));
    }
    return values;
  }

  private static List<String> belowTarget(String chart) {
    List<String> codes = new ArrayList<>();
    Matcher matcher = Pattern.compile("<g class=\"bar-row below-target[^\"]*\" data-county-code=\"([0-9]+)\"")
        .matcher(chart);
    while (matcher.find()) {
      codes.add(matcher.group(1));
    }
    return codes;
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
