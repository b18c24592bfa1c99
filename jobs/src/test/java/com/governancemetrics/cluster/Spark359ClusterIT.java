package com.governancemetrics.cluster;

import static com.governancemetrics.cluster.ClusterChecks.NIGHTLY;
import static org.assertj.core.api.Assertions.assertThat;

import com.governancemetrics.testing.ListeningSockets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Spark 3.5 jar (mvn -Pspark-3.5: Scala 2.12, the same sources with src/main/spark-3.5) on a
 * Spark 3.5.9 distribution: nightly in cluster deploy mode on HDFS, equal to the local-mode run of the
 * Spark 4 jar. Run by cluster/integration-test.sh.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Spark359ClusterIT {

  private static final String SPARK = "3.5.9";
  private ListeningSockets.Sampler sockets;

  @BeforeAll
  void startTheCluster() throws Exception {
    assertThat(ClusterFixture.LOCAL_JAR_35).as("the Spark 3.5 jar: mvn -B -Pspark-3.5 -pl jobs package")
        .isRegularFile();
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
    ClusterChecks.runsLikeLocalMode(SPARK, "cluster", ClusterFixture.JAR_35, NIGHTLY);
  }

  @Test
  @Order(2)
  void everyProcessListenedOnLoopbackOnly() {
    ClusterChecks.everySocketWasOnLoopback(sockets);
  }
}
