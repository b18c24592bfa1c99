package com.governancemetrics.metrics;

import java.util.List;
import org.apache.spark.sql.Column;

/**
 * What a metric kind sees of the rows it aggregates: which rows are in its window for the evaluation
 * period of the row, and its conditions as boolean columns (thresholds already resolved per province).
 */
public interface RowContext {

  /** True for the rows of the evaluation period's window. */
  Column inWindow(MetricWindow window);

  /** The condition as a boolean column; {@link Condition#ALWAYS} is true. */
  Column holds(Condition condition);

  /** True for cases of one of the given types. */
  Column caseTypeIn(List<String> caseTypes);
}
