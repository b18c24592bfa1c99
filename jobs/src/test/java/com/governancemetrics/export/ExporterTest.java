package com.governancemetrics.export;

import static com.governancemetrics.export.ExportTestSupport.doubleOrNull;
import static com.governancemetrics.export.ExportTestSupport.intOrNull;
import static com.governancemetrics.export.PublishedTablesFixture.COVERAGE;
import static com.governancemetrics.export.PublishedTablesFixture.MEDIAN;
import static com.governancemetrics.export.PublishedTablesFixture.PER_LEADER;
import static com.governancemetrics.export.PublishedTablesFixture.WEAK_IDENTIFIED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.governancemetrics.rollup.Level;
import com.governancemetrics.testing.SharedSpark;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CSV and XLSX exports of the fixture tables, read back and compared with the published tables. */
class ExporterTest {

  @TempDir
  static Path root;

  private static SparkSession spark;
  private static ExportSummary summary;
  private static Map<String, Row> countyTable;

  @BeforeAll
  static void exportFixture() throws IOException {
    spark = SharedSpark.get();
    PublishedTablesFixture.standard().writeTables(spark, root);
    PublishedTablesFixture.writeManifest(root);
    summary = ExportTestSupport.publish(spark, ExportTestSupport.request(root, Optional.empty(),
        PublishedTablesFixture.RUN_ID, Optional.of(PublishedTablesFixture.MANIFEST)));
    countyTable = ExportTestSupport.readBack(spark, root, Level.COUNTY);
  }

  @Test
  void everyProvinceOfTheTablesGetsOnePublishedFolderWithThreeFiles() throws IOException {
    assertThat(summary.provinces()).extracting(ExportSummary.ProvinceExport::provinceCode)
        .containsExactly("43", "62");
    assertThat(summary.provinces()).extracting(ExportSummary.ProvinceExport::counties).containsExactly(4, 1);
    assertThat(summary.provinces()).extracting(ExportSummary.ProvinceExport::townships).containsExactly(6L, 1L);
    for (String province : List.of("43", "62")) {
      try (Stream<Path> files = Files.list(ExportTestSupport.exportFolder(root, province))) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .containsExactlyInAnyOrder("县区对比表.csv", "县区对比表.xlsx", "report.html");
      }
    }
    try (Stream<Path> entries = Files.list(ExportTestSupport.exportFolder(root, "43").getParent())) {
      assertThat(entries.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("43", "62");
    }
  }

  @Test
  void csvStartsWithTheBomAndParsesBackToTheCountyTable() throws IOException {
    byte[] bytes = Files.readAllBytes(ExportTestSupport.exportFolder(root, "43").resolve("县区对比表.csv"));
    assertThat(bytes).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
    List<List<String>> rows = ExportTestSupport.parseCsv(
        new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8));
    List<String> header = rows.get(0);
    assertThat(header.subList(0, 3)).containsExactly("市州", "县区", "县区代码");
    assertThat(header).contains("三长联系户覆盖率(%)", "三长联系户覆盖率 省内排名", "三长联系户覆盖率 排名变化",
        "三长联系户覆盖率 达标情况", "集体经济空壳村数(个)", "村集体经营性收入中位数(元)", "邻长平均联系户数",
        "邻长平均联系户数 达标情况", "软弱涣散党组织排查数(个)");
    // Band and none metrics are not ranked; metrics without a target get no 达标 column.
    assertThat(header).doesNotContain("邻长平均联系户数 省内排名", "软弱涣散党组织排查数 省内排名",
        "软弱涣散党组织排查数 达标情况", "村集体经营性收入中位数(元) 达标情况");

    List<List<String>> counties = rows.subList(1, 5);
    assertThat(counties).extracting(r -> r.get(2)).containsExactly("430102", "430103", "430202", "430203");
    assertThat(counties).extracting(r -> r.get(0)).containsExactly("长沙市", "长沙市", "株洲市", "株洲市");
    int checked = 0;
    for (List<String> row : counties) {
      assertThat(row).hasSize(header.size());
      for (MetricPresentation metric : PublishedTablesFixture.metrics()) {
        Row expected = countyTable.get(row.get(2) + "/" + metric.id());
        String shown = row.get(header.indexOf(metric.labelWithUnit()));
        Double value = doubleOrNull(expected, "value");
        boolean low = Boolean.TRUE.equals(expected.getAs("low_completeness"));
        assertThat(shown.endsWith("*")).as(shown).isEqualTo(low);
        String plain = shown.replace("*", "");
        if (value == null) {
          assertThat(plain).isEqualTo("无数据");
        } else {
          assertThat(metric.format().parse(plain)).as(metric.id() + " " + row.get(1))
              .isCloseTo(value, within(halfUnit(metric.format())));
          checked++;
        }
        if (metric.ranked()) {
          Integer rank = intOrNull(expected, "rank_in_province");
          assertThat(row.get(header.indexOf(metric.label() + " 省内排名")))
              .isEqualTo(rank == null ? "" : "第" + rank + "名/共" + intOrNull(expected, "ranked_in_province"));
        }
        int meetsColumn = header.indexOf(metric.label() + " 达标情况");
        if (meetsColumn >= 0) {
          Boolean meets = expected.getAs("meets_target");
          assertThat(row.get(meetsColumn)).isEqualTo(meets == null ? "" : meets ? "达标" : "未达标");
        }
      }
    }
    assertThat(checked).isEqualTo(16);

    List<String> total = rows.get(5);
    assertThat(total.subList(0, 2)).containsExactly("全省合计", "湖南省");
    // 359/378 = 94.97% shows as 95.0% yet misses the 95% target; the province's completeness is low.
    assertThat(total.get(header.indexOf("三长联系户覆盖率(%)"))).isEqualTo("95.0%*");
    assertThat(total.get(header.indexOf("三长联系户覆盖率 达标情况"))).isEqualTo("未达标");
    assertThat(rows.get(6)).containsExactly("");
    assertThat(rows.get(7).get(0)).isEqualTo("说明");
    assertThat(rows.get(7).get(1)).contains("数据期：2024-06", PublishedTablesFixture.RUN_ID);
  }

  @Test
  void csvShowsRatesCountsYuanRanksAndChangesAsPeopleReadThem() throws IOException {
    Map<String, List<String>> byCounty = new HashMap<>();
    List<List<String>> rows = ExportTestSupport.parseCsv(Files.readString(
        ExportTestSupport.exportFolder(root, "43").resolve("县区对比表.csv"), StandardCharsets.UTF_8).substring(1));
    List<String> header = rows.get(0);
    rows.subList(1, 5).forEach(r -> byCounty.put(r.get(1), r));
    int coverage = header.indexOf("三长联系户覆盖率(%)");
    assertThat(byCounty.get("芙蓉区").get(coverage)).isEqualTo("92.3%");  // 72 of 78
    assertThat(byCounty.get("芙蓉区").subList(coverage + 1, coverage + 4)).containsExactly("第3名/共3", "–", "未达标");
    assertThat(byCounty.get("天心区").subList(coverage, coverage + 4))
        .containsExactly("95.0%", "第2名/共3", "↓1", "达标");
    assertThat(byCounty.get("芦淞区").subList(coverage, coverage + 4))
        .containsExactly("97.0%*", "第1名/共3", "↑1", "达标");
    assertThat(byCounty.get("荷塘区").subList(coverage, coverage + 4)).containsExactly("无数据*", "", "", "");
    int median = header.indexOf("村集体经营性收入中位数(元)");
    assertThat(byCounty.get("芙蓉区").get(median)).isEqualTo("17,901.23");
    assertThat(byCounty.get("天心区").get(median)).isEqualTo("1,250,000.50");
    assertThat(byCounty.get("芦淞区").get(header.indexOf("邻长平均联系户数"))).isEqualTo("4.85*");
    assertThat(byCounty.get("芙蓉区").get(header.indexOf("集体经济空壳村数(个)") + 1)).isEqualTo("第2名/共3");
    assertThat(byCounty.get("天心区").get(header.indexOf("软弱涣散党组织排查数(个)"))).isEqualTo("0");
  }

  @Test
  void xlsxNumericCellsEqualTheCountyTableForEveryCountyAndMetric() throws IOException {
    try (ReadableWorkbook workbook = openWorkbook("43")) {
      List<org.dhatim.fastexcel.reader.Row> rows = workbook.findSheet("县区对比").orElseThrow().read();
      Map<String, Integer> groupStart = groupColumns(rows.get(2));
      List<org.dhatim.fastexcel.reader.Row> data = rows.subList(ComparisonWorkbook.HEADER_ROWS,
          ComparisonWorkbook.HEADER_ROWS + 4);
      assertThat(data).extracting(r -> r.getCellText(2)).containsExactly("430102", "430103", "430202", "430203");
      int numbers = 0;
      for (org.dhatim.fastexcel.reader.Row row : data) {
        for (MetricPresentation metric : PublishedTablesFixture.metrics()) {
          Row expected = countyTable.get(row.getCellText(2) + "/" + metric.id());
          int col = groupStart.get(metric.labelWithUnit());
          Double value = doubleOrNull(expected, "value");
          Cell cell = row.getCell(col);
          if (value == null) {
            assertThat(cell == null || cell.getType() == CellType.EMPTY).as(metric.id()).isTrue();
            continue;
          }
          assertThat(cell.getType()).as(metric.id()).isEqualTo(CellType.NUMBER);
          assertThat(cell.asNumber().doubleValue()).as(metric.id() + " " + row.getCellText(1)).isEqualTo(value);
          assertThat(cell.getDataFormatString()).isEqualTo(metric.format().excelFormat());
          numbers++;
          if (metric.ranked()) {
            Cell rank = row.getCell(col + 1);
            assertThat(rank.getType()).isEqualTo(CellType.NUMBER);
            assertThat(rank.asNumber().intValue()).isEqualTo(intOrNull(expected, "rank_in_province"));
            assertThat(rank.getDataFormatString()).contains("共3");
            Integer change = intOrNull(expected, "rank_change");
            Cell changeCell = row.getCell(col + 2);
            if (change == null) {
              assertThat(changeCell == null || changeCell.getType() == CellType.EMPTY).isTrue();
            } else {
              assertThat(changeCell.asNumber().intValue()).isEqualTo(change);
            }
          }
        }
      }
      assertThat(numbers).isEqualTo(16);
      assertThat(rows.get(0).getCellText(0)).contains("湖南省县区对比表", "数据期：2024-06",
          PublishedTablesFixture.RUN_ID);
      assertThat(rows.get(3).getCellText(groupStart.get("三长联系户覆盖率(%)"))).isEqualTo("数值");
      org.dhatim.fastexcel.reader.Row total = rows.stream()
          .filter(r -> "全省合计".equals(r.getCellText(0))).findFirst().orElseThrow();
      assertThat(total.getCell(groupStart.get("三长联系户覆盖率(%)")).asNumber().doubleValue())
          .isEqualTo(359.0 / 378);
    }
  }

  @Test
  void xlsxHasEverySheetFrozenHeadersAndFormats() throws IOException {
    try (ReadableWorkbook workbook = openWorkbook("43")) {
      assertThat(workbook.getSheets().map(org.dhatim.fastexcel.reader.Sheet::getName))
          .containsExactly("县区对比", "市州对比", "乡镇明细", "数据质量", "数据异常");
      for (String sheet : List.of("县区对比", "市州对比", "乡镇明细", "数据质量", "数据异常")) {
        assertThat(workbook.findSheet(sheet).orElseThrow().read().get(0).getCellText(0))
            .as(sheet).contains("2024-06", PublishedTablesFixture.RUN_ID);
      }
    }
    try (ZipFile zip = new ZipFile(ExportTestSupport.exportFolder(root, "43").resolve("县区对比表.xlsx").toFile())) {
      for (int sheet = 1; sheet <= 3; sheet++) {
        String xml = entry(zip, "xl/worksheets/sheet" + sheet + ".xml");
        assertThat(xml).as("sheet " + sheet).contains("state=\"frozen\"", "ySplit=\"4\"", "<autoFilter");
        assertThat(xml).contains("<cols>");
      }
      assertThat(entry(zip, "xl/worksheets/sheet4.xml")).contains("state=\"frozen\"");
    }
  }

  @Test
  void xlsxCityAndTownshipSheetsEqualTheirTables() throws IOException {
    Map<String, Row> cityTable = ExportTestSupport.readBack(spark, root, Level.CITY);
    Map<String, Row> townshipTable = ExportTestSupport.readBack(spark, root, Level.TOWNSHIP);
    try (ReadableWorkbook workbook = openWorkbook("43")) {
      List<org.dhatim.fastexcel.reader.Row> cities = workbook.findSheet("市州对比").orElseThrow().read();
      Map<String, Integer> cityGroups = groupColumns(cities.get(2));
      List<org.dhatim.fastexcel.reader.Row> cityRows = cities.subList(4, 6);
      assertThat(cityRows).extracting(r -> r.getCellText(1)).containsExactly("4301", "4302");
      for (org.dhatim.fastexcel.reader.Row row : cityRows) {
        for (MetricPresentation metric : PublishedTablesFixture.metrics()) {
          Row expected = cityTable.get(row.getCellText(1) + "/" + metric.id());
          assertThat(row.getCell(cityGroups.get(metric.labelWithUnit())).asNumber().doubleValue())
              .isEqualTo(doubleOrNull(expected, "value"));
        }
      }

      List<org.dhatim.fastexcel.reader.Row> townships = workbook.findSheet("乡镇明细").orElseThrow().read();
      Map<String, Integer> townshipGroups = groupColumns(townships.get(2));
      List<org.dhatim.fastexcel.reader.Row> townshipRows = townships.subList(4, townships.size());
      assertThat(townshipRows).extracting(r -> r.getCellText(3)).containsExactly(
          "430102001", "430102002", "430103001", "430202001", "430203001", "430203002");
      int numbers = 0;
      for (org.dhatim.fastexcel.reader.Row row : townshipRows) {
        for (MetricPresentation metric : PublishedTablesFixture.metrics()) {
          Row expected = townshipTable.get(row.getCellText(3) + "/" + metric.id());
          Double value = expected == null ? null : doubleOrNull(expected, "value");
          Cell cell = row.getCell(townshipGroups.get(metric.labelWithUnit()));
          if (value == null) {
            assertThat(cell == null || cell.getType() == CellType.EMPTY).isTrue();
          } else {
            assertThat(cell.asNumber().doubleValue()).isEqualTo(value);
            assertThat(row.getCell(townshipGroups.get(metric.labelWithUnit()) + 1).asNumber().intValue())
                .isEqualTo(intOrNull(expected, "rank_in_county"));
            numbers++;
          }
        }
      }
      assertThat(numbers).isEqualTo(8);
    }
  }

  @Test
  void dataQualitySheetShowsTheManifestCountsPerDatasetAndReason() throws IOException {
    try (ReadableWorkbook workbook = openWorkbook("62")) {
      List<org.dhatim.fastexcel.reader.Row> rows = workbook.findSheet("数据质量").orElseThrow().read();
      org.dhatim.fastexcel.reader.Row grid = rows.stream()
          .filter(r -> "grid_coverage".equals(r.getCellText(0)) && r.getCellCount() >= 6).findFirst().orElseThrow();
      assertThat(List.of(2, 3, 4, 5)).extracting(c -> grid.getCell(c).asNumber())
          .containsExactly(new BigDecimal(1210), new BigDecimal(1190), new BigDecimal(15), new BigDecimal(5));
      assertThat(grid.getCellText(1)).isEqualTo("三长制与网格党组织");
      org.dhatim.fastexcel.reader.Row reason = rows.stream()
          .filter(r -> "part_exceeds_whole".equals(r.getCellText(1))).findFirst().orElseThrow();
      assertThat(reason.getCell(3).asNumber()).isEqualTo(new BigDecimal(11));
      assertThat(reason.getCellText(2)).isEqualTo("部分大于总数");
      assertThat(rows.stream().anyMatch(r -> r.getCellText(1).endsWith("bad.parquet"))).isTrue();
    }
  }

  @Test
  void theAnomalySheetListsEveryFlaggedValueWithItsReasonProvinceFirstThenCountiesThenTownships()
      throws IOException {
    try (ReadableWorkbook workbook = openWorkbook("43")) {
      List<org.dhatim.fastexcel.reader.Row> rows = workbook.findSheet("数据异常").orElseThrow().read();
      assertThat(rows.get(2).getCellText(0)).isEqualTo("层级");
      List<List<String>> listed = rows.subList(3, rows.size()).stream()
          .map(r -> List.of(r.getCellText(0), r.getCellText(1), r.getCellText(2), r.getCellText(4),
              r.getCellText(6), r.getCellText(7), r.getCellText(8)))
          .toList();
      assertThat(listed).containsExactly(
          List.of("县区", "长沙市 芙蓉区", "430102", PublishedTablesFixture.COVERAGE, "92.3%", "90.5%",
              PublishedTablesFixture.FURONG_JUMP),
          List.of("乡镇（街道）", "长沙市 芙蓉区 文艺路街道", "430102001", PublishedTablesFixture.COVERAGE,
              "100.0%", "98.0%", PublishedTablesFixture.WENYILU_FULL));
    }
    try (ReadableWorkbook workbook = openWorkbook("62")) {
      List<org.dhatim.fastexcel.reader.Row> rows = workbook.findSheet("数据异常").orElseThrow().read();
      assertThat(rows.get(1).getCellText(0)).startsWith("本期未发现");
      assertThat(rows).hasSize(3);
    }
  }

  @Test
  void theReportNamesTheAnomaliesAndShowsEveryTimeInOneLabelledZone() throws IOException {
    String html = Files.readString(ExportTestSupport.exportFolder(root, "43").resolve("report.html"),
        StandardCharsets.UTF_8);
    assertThat(html).contains("<h2>数据异常提示</h2>", "县区 1 项，乡镇（街道） 1 项",
        PublishedTablesFixture.FURONG_JUMP, PublishedTablesFixture.WENYILU_FULL,
        "data-unit-code=\"430102001\"");
    // the manifest's +08:00 times and the export time, one zone, said once in the header
    assertThat(html).contains("2024-07-01 02:00 至 2024-07-01 02:14", "<dt>时区</dt><dd>北京时间（Asia/Shanghai）</dd>")
        .doesNotContain("+08:00", "T02:00");
    String gansu = Files.readString(ExportTestSupport.exportFolder(root, "62").resolve("report.html"),
        StandardCharsets.UTF_8);
    assertThat(gansu).contains("<h2>数据异常提示</h2>", "本期未发现");
  }

  private static double halfUnit(ValueFormat format) {
    return switch (format) {
      case PERCENT -> 0.0005;
      case COUNT -> 0.5;
      case YUAN, NUMBER -> 0.005;
    };
  }

  private static ReadableWorkbook openWorkbook(String province) throws IOException {
    return new ReadableWorkbook(ExportTestSupport.exportFolder(root, province).resolve("县区对比表.xlsx").toFile(),
        new ReadingOptions(true, false));
  }

  /** The first column of each metric group, by the group header's first line (label with unit). */
  private static Map<String, Integer> groupColumns(org.dhatim.fastexcel.reader.Row groupHeader) {
    Map<String, Integer> starts = new HashMap<>();
    List<String> labels = new ArrayList<>();
    for (Cell cell : groupHeader) {
      if (cell != null && cell.getType() == CellType.STRING) {
        String label = cell.asString().split("\n")[0];
        starts.put(label, cell.getColumnIndex());
        labels.add(label);
      }
    }
    assertThat(labels).contains("三长联系户覆盖率(%)", "邻长平均联系户数", "软弱涣散党组织排查数(个)");
    assertThat(starts.get(ShippedPresentations.byId(PER_LEADER).orElseThrow().labelWithUnit())).isNotNull();
    assertThat(starts.keySet()).contains(ShippedPresentations.byId(MEDIAN).orElseThrow().labelWithUnit(),
        ShippedPresentations.byId(WEAK_IDENTIFIED).orElseThrow().labelWithUnit(),
        ShippedPresentations.byId(COVERAGE).orElseThrow().labelWithUnit());
    return starts;
  }

  private static String entry(ZipFile zip, String name) throws IOException {
    try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
