package com.governancemetrics.cluster;

import static com.governancemetrics.cluster.ClusterChecks.BACKFILL;
import static com.governancemetrics.cluster.ClusterChecks.NIGHTLY;
import static com.governancemetrics.cluster.ClusterChecks.VALIDATE;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The jar on a Spark 4.1.3 distribution (the Spark it is built against) with a standalone Master and
 * Worker and HDFS, all on loopback: nightly, backfill and validate in client and in cluster deploy
 * mode, input, configuration and output on HDFS, each equal to the local-mode run of the same
 * command; a missing column fails with exit 4 in both modes. Run by cluster/integration-test.sh.
 */
class Spark413ClusterIT extends SparkClusterSuite {

  Spark413ClusterIT() {
    super("4.1.3");
  }

  @Test
  @Order(1)
  void nightlyInClientMode() throws Exception {
    ClusterChecks.runsLikeLocalMode(spark, "client", ClusterFixture.LOCAL_JAR.toString(), NIGHTLY);
  }

  @Test
  @Order(2)
  void nightlyInClusterMode() throws Exception {
    ClusterChecks.runsLikeLocalMode(spark, "cluster", ClusterFixture.JAR, NIGHTLY);
  }

  @Test
  @Order(3)
  void backfillInClientMode() throws Exception {
    ClusterChecks.runsLikeLocalMode(spark, "client", ClusterFixture.LOCAL_JAR.toString(), BACKFILL);
  }

  @Test
  @Order(4)
  void backfillInClusterMode() throws Exception {
    ClusterChecks.runsLikeLocalMode(spark, "cluster", ClusterFixture.JAR, BACKFILL);
  }

  @Test
  @Order(5)
  void validateInClientMode() throws Exception {
    ClusterChecks.runsLikeLocalMode(spark, "client", ClusterFixture.LOCAL_JAR.toString(), VALIDATE);
  }

  @Test
  @Order(6)
  void validateInClusterMode() throws Exception {
    ClusterChecks.runsLikeLocalMode(spark, "cluster", ClusterFixture.JAR, VALIDATE);
  }

  @Test
  @Order(7)
  void aMissingColumnExitsWithFourInClientMode() throws Exception {
    ClusterChecks.aMissingColumnFails(spark, "client", ClusterFixture.LOCAL_JAR.toString());
  }

  @Test
  @Order(8)
  void aMissingColumnFailsTheDriverInClusterMode() throws Exception {
    ClusterChecks.aMissingColumnFails(spark, "cluster", ClusterFixture.JAR);
  }
}
