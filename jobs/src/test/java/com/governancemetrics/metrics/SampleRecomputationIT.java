package com.governancemetrics.metrics;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.governancemetrics.config.GovernanceConfig;
import com.governancemetrics.input.InputDataset;
import com.governancemetrics.input.ReadScope;
import com.governancemetrics.quality.Ingestion;
import com.governancemetrics.quality.IngestionRequest;
import com.governancemetrics.quality.IngestionResult;
import com.governancemetrics.registry.TownshipRegistry;
import com.governancemetrics.testing.SampleNightly;
import com.governancemetrics.testing.SharedSpark;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * nightly 2024-06 on the committed sample (the shared run of {@link SampleNightly}), its published
 * tables read back, checked against the independent SQL recomputation (one query per metric, SPEC §2
 * only) of the same accepted rows, and for roll-up consistency across the four levels.
 */
class SampleRecomputationIT {

  static Path out;
  static SparkSession spark;
  static GovernanceConfig config;
  static IngestionResult ingestion;
  static Dataset<Row> registry;

  @BeforeAll
  static void publishTheSample() throws Exception {
    SampleNightly.Run nightly = SampleNightly.get();
    assertThat(nightly.exitCode()).as(nightly.all()).isZero();
    out = nightly.out();
    spark = SharedSpark.get();
    config = GovernanceConfig.defaults();
    String sample = SharedSpark.projectRoot().resolve("data/sample").toString();
    // the recomputation's own reading of the same accepted rows
    TownshipRegistry bundled = TownshipRegistry.load(spark, sample);
    ingestion = Ingestion.run(spark, new IngestionRequest(sample,
        new ReadScope(List.of(IndependentRecomputationTest.P)), config.settings(), false, bundled));
    registry = bundled.toDataset(spark).where(col("province_code").isin("43", "62"));
  }

  @AfterAll
  static void release() {
    ingestion.release();
  }

  private static Dataset<Row> published(String table) {
    return spark.read().parquet(out.resolve(table).toString());
  }

  @Test
  void thePublishedCountyTableAgreesWithTheRecomputation() {
    Map<InputDataset, Dataset<Row>> accepted = new LinkedHashMap<>();
    ingestion.datasets().forEach((d, i) -> accepted.put(d, i.accepted()));
    Dataset<Row> county = published("county_metrics");
    // every county of 湖南 and 甘肃 in the registry, for every metric
    assertThat(county.select("county_code").distinct().count()).isEqualTo(134 + 88);
    int compared = IndependentRecomputationTest.verifyCountyTable(spark, accepted, registry, config,
        IndependentRecomputationTest.P, county);
    assertThat(compared).isGreaterThan(10_000);
  }

  @Test
  void thePublishedLevelsRollUp() {
    IndependentRecomputationTest.assertRollsUp(published("township_metrics"),
        published("county_metrics"),
        published("city_metrics"), published("province_metrics"));
  }
}
