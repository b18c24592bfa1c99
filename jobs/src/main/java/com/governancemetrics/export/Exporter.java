package com.governancemetrics.export;

import com.governancemetrics.failures.InputFault;
import com.governancemetrics.failures.WriteFailure;
import com.governancemetrics.spark.SparkSessions;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exports for people (SPEC §3): per province and period, 县区对比表.csv, 县区对比表.xlsx and report.html,
 * made from the published metric tables (never recomputed), each province's into the folder its
 * {@link ExportDestination} gives (the run publishes them, at {@code exports/period=P/<province_code>/}).
 */
public final class Exporter {

  private static final Logger LOG = LoggerFactory.getLogger(Exporter.class);

  private Exporter() {}

  /**
   * Exports the requested province, or every province in county_metrics of the period. Throws {@link
   * InputFault} when a table is not published or the province has no rows, {@link WriteFailure} when a
   * file cannot be written.
   */
  public static ExportSummary run(SparkSession spark, ExportRequest request,
      ExportDestination destination) {
    List<String> metricIds = request.metrics().stream().map(MetricPresentation::id).toList();
    MetricTables tables = MetricTables.open(spark, request.tablesRoot(), request.period(), metricIds);
    RunQuality manifest = request.quality();
    manifest.manifest().ifPresentOrElse(m -> { },
        () -> LOG.warn("exports without data-quality figures: {}", manifest.problem()));
    RunInfo run = new RunInfo(request.period(), request.runId(), request.version(),
        ZonedDateTime.now(RunInfo.ZONE), manifest);

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
      Map<String, ProvinceSlice> slices = tables.slices(provinces);
      for (MetricTables.Province province : provinces) {
        exported.add(exportProvince(spark, slices.get(province.code()), tables,
            province, request, run, destination));
      }
    }
    return new ExportSummary(request.period(), exported);
  }

  private static ExportSummary.ProvinceExport exportProvince(SparkSession spark, ProvinceSlice slice,
      MetricTables tables, MetricTables.Province province, ExportRequest request, RunInfo run,
      ExportDestination destination) {
    long start = System.nanoTime();
    SparkSessions.describe(spark, "export " + request.period() + " " + province.code() + " " + province.name());
    warnAboutMissingMetrics(slice, request.metrics());
    List<MetricColumns> plan = MetricColumns.plan(request.metrics(), slice);
    AnomalyList anomalies = AnomalyList.of(slice, tables.flaggedTownships(province), plan);
    FileSystem fs = destination.fileSystem();
    Path folder = null;
    try {
      folder = destination.provinceFolder(province.code());
      try (OutputStream out = fs.create(new Path(folder, ComparisonCsv.FILE_NAME), false)) {
        ComparisonCsv.write(out, slice, plan, run);
      }
      long townships;
      try (OutputStream out = fs.create(new Path(folder, ComparisonWorkbook.FILE_NAME), false)) {
        CountingIterator<UnitRow> rows = new CountingIterator<>(tables.townships(province));
        ComparisonWorkbook.write(out, slice, plan, rows, anomalies, run);
        townships = rows.count;
      }
      try (OutputStream out = fs.create(new Path(folder, HtmlReport.FILE_NAME), false);
           Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
        writer.write(HtmlReport.render(slice, plan, anomalies, run));
      }
      destination.written(province.code());
      LOG.info("exported {} {} for {}: {} counties, {} cities, {} townships to {} in {} ms", province.code(),
          province.name(), request.period(), slice.counties().size(), slice.cities().size(), townships, folder,
          (System.nanoTime() - start) / 1_000_000);
      return new ExportSummary.ProvinceExport(province.code(), province.name(), folder.toString(),
          List.of(ComparisonCsv.FILE_NAME, ComparisonWorkbook.FILE_NAME, HtmlReport.FILE_NAME),
          slice.counties().size(), slice.cities().size(), townships);
    } catch (IOException e) {
      throw cannotWrite(request, folder, e);
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

  private static WriteFailure cannotWrite(ExportRequest request, Path folder, IOException e) {
    return new WriteFailure("cannot write the exports of " + request.period() + " to "
        + (folder == null ? request.tablesRoot() : folder) + ": " + WriteFailure.rootCause(e),
        "check that the output root is writable and has free space, then run again", e);
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
