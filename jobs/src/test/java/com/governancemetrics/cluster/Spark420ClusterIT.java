package com.governancemetrics.cluster;

import static com.governancemetrics.cluster.ClusterChecks.NIGHTLY;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The same jar (built against Spark 4.1.3) on a Spark 4.2.0 distribution: nightly in cluster deploy
 * mode on HDFS, equal to the local-mode run. Run by cluster/integration-test.sh.
 */
class Spark420ClusterIT extends SparkClusterSuite {

  Spark420ClusterIT() {
    super("4.2.0");
  }

  @Test
  @Order(1)
  void nightlyInClusterMode() throws Exception {
    ClusterChecks.runsLikeLocalMode(spark, "cluster", ClusterFixture.JAR, NIGHTLY);
  }
}
