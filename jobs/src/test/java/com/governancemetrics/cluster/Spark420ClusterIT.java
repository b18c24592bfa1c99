package com.governancemetrics.cluster;

import static com.governancemetrics.cluster.ClusterChecks.NIGHTLY;

import com.governancemetrics.testing.ListeningSockets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The same jar (built against Spark 4.1.3) on a Spark 4.2.0 distribution: nightly in cluster deploy
 * mode on HDFS, equal to the local-mode run. Run by cluster/integration-test.sh.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Spark420ClusterIT {

  private static final String SPARK = "4.2.0";
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
  void nightlyInClusterMode() throws Exception {
    ClusterChecks.runsLikeLocalMode(SPARK, "cluster", ClusterFixture.JAR, NIGHTLY);
  }

  @Test
  @Order(2)
  void everyProcessListenedOnLoopbackOnly() {
    ClusterChecks.everySocketWasOnLoopback(sockets);
  }
}
