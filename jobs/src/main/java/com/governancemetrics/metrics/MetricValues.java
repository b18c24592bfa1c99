package com.governancemetrics.metrics;

import com.governancemetrics.input.InputDataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every metric of the catalogue for every evaluated period, at the four levels: each dataset's
 * accepted rows are read by one aggregation ({@link MetricRunner}) that evaluates P, P-1 and P-12
 * together. Lazy: nothing is executed here.
 */
public final class MetricValues {

  private static final Logger LOG = LoggerFactory.getLogger(MetricValues.class);

  private MetricValues() {}

  /**
   * The long rows of {@link MetricRunner#OUTPUT} of every dataset with metrics, unioned.
   *
   * @param accepted accepted rows per fact dataset, each exactly {@link InputDataset#acceptedSchema()}
   */
  public static Dataset<Row> compute(Map<InputDataset, Dataset<Row>> accepted,
      MetricCatalogue catalogue, EvaluationPeriods periods) {
    if (catalogue.metrics().isEmpty()) {
      throw new IllegalArgumentException("the catalogue defines no metric");
    }
    List<Dataset<Row>> values = new ArrayList<>();
    for (InputDataset dataset : InputDataset.facts()) {
      List<MetricDefinition> metrics = catalogue.of(dataset);
      if (metrics.isEmpty()) {
        continue;
      }
      Dataset<Row> rows = accepted.get(dataset);
      if (rows == null) {
        throw new IllegalArgumentException("no accepted rows given for " + dataset + ", which "
            + metrics.size() + " metric(s) read");
      }
      values.add(MetricRunner.run(dataset, rows, metrics, catalogue, periods));
    }
    Dataset<Row> all = values.get(0);
    for (Dataset<Row> v : values.subList(1, values.size())) {
      all = all.unionByName(v);
    }
    LOG.info("metrics: {} metrics of {} datasets for {} period(s) {} (evaluating {} with P-1, P-12)",
        catalogue.metrics().size(), values.size(), periods.requested().size(), periods.requested(),
        periods.all().size());
    return all;
  }
}
