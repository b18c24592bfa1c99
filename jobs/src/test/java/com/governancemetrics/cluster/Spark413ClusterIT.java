package com.governancemetrics.cluster;

import static com.governancemetrics.cluster.ClusterChecks.BACKFILL;
import static com.governancemetrics.cluster.ClusterChecks.NIGHTLY;
import static com.governancemetrics.cluster.ClusterChecks.VALIDATE;

import com.governancemetrics.testing.ListeningSockets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The jar on a Spark 4.1.3 distribution (the Spark it is built against) with a standalone Master and
 * Worker and HDFS, all on loopback: nightly, backfill and validate in client and in cluster deploy
 * mode, input, configuration and output on HDFS, each equal to the local-mode run of the same
 * command; a missing column fails with exit 4 in both modes. Run by cluster/integration-test.sh.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Spark413ClusterIT {

  private static final String SPARK = "4.1.3";
  private ListeningSockets.Sampler sockets;

  @BeforeAll
  void startTheCluster() throws Exception {
    ClusterFixture.ensureCluster(SPARK);
    sockets = ClusterChecks.sampleSockets();
  }

  @AfterAll
  void stopSampling() {
    if (sockets != null) {
      sockets.stop();
    }
  }

  @Test
  @Order(1)
  void nightlyInClientMode() throws Exception {
    ClusterChecks.runsLikeLocalMode(SPARK, "client", ClusterFixture.LOCAL_JAR.toString(), NIGHTLY);
  }

  @Test
  @Order(2)
  void nightlyInClusterMode() throws Exception {
    ClusterChecks.runsLikeLocalMode(SPARK, "cluster", ClusterFixture.JAR, NIGHTLY);
  }

  @Test
  @Order(3)
  void backfillInClientMode() throws Exception {
    ClusterChecks.runsLikeLocalMode(SPARK, "client", ClusterFixture.LOCAL_JAR.toString(), BACKFILL);
  }

  @Test
  @Order(4)
  void backfillInClusterMode() throws Exception {
    ClusterChecks.runsLikeLocalMode(SPARK, "cluster", ClusterFixture.JAR, BACKFILL);
  }

  @Test
  @Order(5)
  void validateInClientMode() throws Exception {
    ClusterChecks.runsLikeLocalMode(SPARK, "client", ClusterFixture.LOCAL_JAR.toString(), VALIDATE);
  }

  @Test
  @Order(6)
  void validateInClusterMode() throws Exception {
    ClusterChecks.runsLikeLocalMode(SPARK, "cluster", ClusterFixture.JAR, VALIDATE);
  }

  @Test
  @Order(7)
  void aMissingColumnExitsWithFourInClientMode() throws Exception {
    ClusterChecks.aMissingColumnFails(SPARK, "client", ClusterFixture.LOCAL_JAR.toString());
  }

  @Test
  @Order(8)
  void aMissingColumnFailsTheDriverInClusterMode() throws Exception {
    ClusterChecks.aMissingColumnFails(SPARK, "cluster", ClusterFixture.JAR);
  }

  @Test
  @Order(9)
  void everyProcessListenedOnLoopbackOnly() {
    ClusterChecks.everySocketWasOnLoopback(sockets);
  }
}
