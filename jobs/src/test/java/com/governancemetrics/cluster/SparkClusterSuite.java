package com.governancemetrics.cluster;

import com.governancemetrics.testing.ListeningSockets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What each Spark version's cluster suite shares: its cluster started once, every listening socket
 * sampled while its tests run, and checked after the last of them to have been on loopback.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class SparkClusterSuite {

  final String spark;
  private ListeningSockets.Sampler sockets;

  SparkClusterSuite(String spark) {
    this.spark = spark;
  }

  /** What the suite needs before its cluster starts (e.g. a jar built by another profile). */
  void requirements() {}

  @BeforeAll
  void startTheCluster() throws Exception {
    requirements();
    ClusterFixture.ensureCluster(spark);
    sockets = ClusterChecks.sampleSockets();
  }

  @AfterAll
  void stopSampling() {
    if (sockets != null) {
      sockets.stop();
    }
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void everyProcessListenedOnLoopbackOnly() {
    ClusterChecks.everySocketWasOnLoopback(sockets);
  }
}
