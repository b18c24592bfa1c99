package com.governancemetrics.cluster;

import static com.governancemetrics.cluster.ClusterChecks.NIGHTLY;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The Spark 3.5 jar (mvn -Pspark-3.5: Scala 2.12, the same sources with src/main/spark-3.5) on a
 * Spark 3.5.9 distribution: nightly in cluster deploy mode on HDFS, equal to the local-mode run of the
 * Spark 4 jar. Run by cluster/integration-test.sh.
 */
class Spark359ClusterIT extends SparkClusterSuite {

  Spark359ClusterIT() {
    super("3.5.9");
  }

  @Override
  void requirements() {
    assertThat(ClusterFixture.LOCAL_JAR_35).as("the Spark 3.5 jar: mvn -B -Pspark-3.5 -pl jobs package")
        .isRegularFile();
  }

  @Test
  @Order(1)
  void nightlyInClusterMode() throws Exception {
    ClusterChecks.runsLikeLocalMode(spark, "cluster", ClusterFixture.JAR_35, NIGHTLY);
  }
}
