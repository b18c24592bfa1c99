package com.governancemetrics.bench;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The naive reference of issue 5: the county table of period P as a team writes it by hand in Spark SQL,
 * one query per metric (17), each scanning its input again through lazy views (no caching, no shared
 * pass), each written to {@code OUTPUT/metric_id=<id>/}. Launcher defaults, nothing tuned.
 * Arguments: {@code --input ROOT --period YYYY-MM --output DIR --registry DIR} (the admin-divisions CSVs).
 */
public final class NaiveSparkSql {

  private static final Logger LOG = LoggerFactory.getLogger(NaiveSparkSql.class);

  private NaiveSparkSql() {}

  public static void main(String[] argv) {
    Args args = Args.parse(argv);
    SparkSession spark = SparkSession.builder().appName("naive-spark-sql").getOrCreate();
    run(spark, ReadPlan.forNightly(Path.of(args.required("input")), YearMonth.parse(args.required("period"))),
        Path.of(args.required("registry")), Path.of(args.required("output")));
  }

  public static void run(SparkSession spark, ReadPlan plan, Path registry, Path output) {
    LOG.info("Naive Spark SQL for {}: {} files, one query per metric", plan.period(), plan.fileCount());
    spark.read().option("header", true).csv(registry.resolve("streets.csv").toString())
        .createOrReplaceTempView("streets");
    spark.read().option("header", true).csv(registry.resolve("areas.csv").toString())
        .createOrReplaceTempView("areas");
    spark.sql("SELECT s.code AS township_code, s.areaCode AS county_code, a.name AS county_name, "
        + "s.provinceCode AS province_code FROM streets s LEFT JOIN areas a ON a.code = s.areaCode")
        .createOrReplaceTempView("t_registry");
    for (Dataset d : Dataset.values()) {
      String raw = "raw_" + d.folder();
      SparkInputs.typedRows(spark, d, SparkInputs.groups(plan.files(d))).createOrReplaceTempView(raw);
      spark.sql(InputSql.acceptedRows(d, raw, InputSql.SPARK)).createOrReplaceTempView(InputSql.tableName(d));
    }

    spark.sparkContext().setJobDescription("naive: provinces with data");
    List<String> provinces = spark.sql(InputSql.provincesWithData()).collectAsList().stream()
        .map(r -> "'" + r.getString(0) + "'").toList();
    spark.sql("SELECT DISTINCT province_code, county_code, county_name FROM t_registry WHERE province_code IN ("
            + (provinces.isEmpty() ? "NULL" : String.join(", ", provinces)) + ")")
        .createOrReplaceTempView("t_scope_counties");

    for (CountyMetricSql.Metric m : CountyMetricSql.catalogue(plan.period())) {
      spark.sparkContext().setJobDescription("naive: " + m.id());
      spark.sql(CountyMetricSql.query(m)).drop("metric_id")
          .write().mode("overwrite").parquet(output.resolve("metric_id=" + m.id()).toString());
    }
    LOG.info("Naive Spark SQL wrote {} metrics for {} provinces under {}",
        CountyMetricSql.catalogue(plan.period()).size(), provinces.size(), output);
  }
}
