package com.governancemetrics.export;

import com.governancemetrics.failures.InputFault;
import com.governancemetrics.failures.WriteFailure;
import com.governancemetrics.spark.SparkSessions;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exports for people (SPEC §3): per province and period, 县区对比表.csv, 县区对比表.xlsx and report.html
 * under {@code <outputRoot>/exports/period=P/<province_code>/}, made from the published metric tables
 * (never recomputed) and published atomically per province.
 */
public final class Exporter {

  private static final Logger LOG = LoggerFactory.getLogger(Exporter.class);

  private Exporter() {}

  /**
   * Exports the requested province, or every province in county_metrics of the period. Fails with exit 4
   * when a table is not published or the province has no rows, exit 1 when a file cannot be written.
   */
  public static ExportSummary run(SparkSession spark, ExportRequest request) {
    List<String> metricIds = request.metrics().stream().map(MetricPresentation::id).toList();
    MetricTables tables = MetricTables.open(spark, request.outputRoot(), request.period(), metricIds);
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    RunManifest.Loaded manifest = request.manifestPath()
        .map(p -> RunManifest.load(conf, resolve(request.outputRoot(), p)))
        .orElse(new RunManifest.Loaded(Optional.empty(), "本次导出未指定运行清单"));
    manifest.manifest().ifPresentOrElse(m -> { },
        () -> LOG.warn("exports without data-quality figures: {}", manifest.problem()));
    ZoneId zone = ZoneId.of(spark.conf().get("spark.sql.session.timeZone", "Asia/Shanghai"));
    RunInfo run = new RunInfo(request.period(), request.runId(), request.version(), ZonedDateTime.now(zone),
        manifest);

    List<MetricTables.Province> provinces = tables.provinces();
    if (request.province().isPresent()) {
      String code = request.province().get();
      provinces = provinces.stream().filter(p -> p.code().equals(code)).toList();
      if (provinces.isEmpty()) {
        throw new InputFault("county_metrics for period " + request.period() + " has no rows for province " + code,
            "check --province, or run nightly --period " + request.period() + " with that province's data");
      }
    }
    if (provinces.isEmpty()) {
      LOG.warn("county_metrics of {} has no rows: no province to export", request.period());
    }
    List<ExportSummary.ProvinceExport> exported = new ArrayList<>();
    if (!provinces.isEmpty()) {
      // Provinces in code order (tables.provinces()): the township stream serves them in that order.
      Map<String, ProvinceSlice> slices = tables.slices(provinces);
      MetricTables.ProvinceTownships townships = tables.townships(provinces);
      for (MetricTables.Province province : provinces) {
        exported.add(exportProvince(spark, slices.get(province.code()), townships.of(province),
            province, request, run, conf));
      }
    }
    return new ExportSummary(request.period(), exported);
  }

  private static ExportSummary.ProvinceExport exportProvince(SparkSession spark, ProvinceSlice slice,
      Iterator<UnitRow> townshipRows, MetricTables.Province province, ExportRequest request, RunInfo run,
      Configuration conf) {
    long start = System.nanoTime();
    SparkSessions.describe(spark, "export " + request.period() + " " + province.code() + " " + province.name());
    warnAboutMissingMetrics(slice, request.metrics());
    List<MetricColumns> plan = MetricColumns.plan(request.metrics(), slice);
    ExportFolder folder;
    try {
      folder = ExportFolder.stage(conf, request.outputRoot(), request.period(), province.code());
    } catch (IOException e) {
      throw cannotWrite(request, e);
    }
    try {
      try (OutputStream out = folder.create(ComparisonCsv.FILE_NAME)) {
        ComparisonCsv.write(out, slice, plan, run);
      }
      long townships;
      try (OutputStream out = folder.create(ComparisonWorkbook.FILE_NAME)) {
        CountingIterator<UnitRow> rows = new CountingIterator<>(townshipRows);
        ComparisonWorkbook.write(out, slice, plan, rows, run);
        townships = rows.count;
      }
      try (OutputStream out = folder.create(HtmlReport.FILE_NAME);
           Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
        writer.write(HtmlReport.render(slice, plan, run));
      }
      Path published = folder.publish();
      LOG.info("exported {} {} for {}: {} counties, {} cities, {} townships to {} in {} ms", province.code(),
          province.name(), request.period(), slice.counties().size(), slice.cities().size(), townships, published,
          (System.nanoTime() - start) / 1_000_000);
      return new ExportSummary.ProvinceExport(province.code(), province.name(), published.toString(),
          List.of(ComparisonCsv.FILE_NAME, ComparisonWorkbook.FILE_NAME, HtmlReport.FILE_NAME),
          slice.counties().size(), slice.cities().size(), townships);
    } catch (IOException e) {
      folder.abandon();
      throw cannotWrite(request, e);
    } catch (RuntimeException e) {
      folder.abandon();
      throw e;
    }
  }

  private static void warnAboutMissingMetrics(ProvinceSlice slice, List<MetricPresentation> metrics) {
    List<String> missing = metrics.stream().map(MetricPresentation::id)
        .filter(id -> slice.provinceCell(id) == null
            && slice.counties().stream().allMatch(c -> c.cell(id) == null))
        .toList();
    if (!missing.isEmpty()) {
      LOG.warn("the tables have no rows of {} for province {}: their columns stay empty", missing,
          slice.provinceCode());
    }
  }

  /** A relative manifest path is taken under the output root (e.g. _runs/<run_id>/manifest.json). */
  static Path resolve(String outputRoot, String path) {
    Path given = new Path(path);
    return given.isAbsolute() || given.toUri().getScheme() != null ? given : new Path(outputRoot, path);
  }

  private static WriteFailure cannotWrite(ExportRequest request, IOException e) {
    return new WriteFailure("cannot write the exports of " + request.period() + " under "
        + request.outputRoot() + "/exports: " + e.getMessage(),
        "check that the output root is writable and has free space, then run the export again", e);
  }

  /** Counts the townships the workbook streams, for the summary and the log. */
  private static final class CountingIterator<T> implements Iterator<T> {
    private final Iterator<T> inner;
    private long count;

    CountingIterator(Iterator<T> inner) {
      this.inner = inner;
    }

    @Override
    public boolean hasNext() {
      return inner.hasNext();
    }

    @Override
    public T next() {
      count++;
      return inner.next();
    }
  }
}
