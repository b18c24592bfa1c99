package com.governancemetrics.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.governancemetrics.testing.SharedSpark;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * The cluster the cluster tests run on, shared by the test classes of one JVM: HDFS (started by
 * cluster/integration-test.sh, or here when it does not run), a standalone Master and Worker of the
 * Spark version a test class asks for (cluster/cluster.sh start-spark), the inputs staged into HDFS
 * once, and the local-mode reference runs (bin/governance-metrics), each made once.
 */
final class ClusterFixture {

  static final Path ROOT = SharedSpark.projectRoot();
  static final String MAIN_CLASS = "com.governancemetrics.jobs.GovernanceMetrics";
  static final String HOST = "127.0.0.1";
  static final int MASTER_PORT = intEnv("GM_MASTER_PORT", 7077);
  static final int MASTER_UI_PORT = intEnv("GM_MASTER_UI_PORT", 8080);
  static final int MASTER_REST_PORT = intEnv("GM_MASTER_REST_PORT", 6066);
  static final int WORKER_PORT = intEnv("GM_WORKER_PORT", 7078);
  static final int WORKER_UI_PORT = intEnv("GM_WORKER_UI_PORT", 8081);
  static final int HDFS_PORT = intEnv("GM_HDFS_PORT", 9000);
  static final int HDFS_UI_PORT = intEnv("GM_HDFS_UI_PORT", 9870);
  static final String HDFS = "hdfs://" + HOST + ":" + HDFS_PORT;
  static final String MASTER = "spark://" + HOST + ":" + MASTER_PORT;
  static final Path CACHE = Path.of(System.getenv().getOrDefault("GM_CLUSTER_CACHE",
      ROOT.resolve(".cache/cluster").toString()));

  /** The inputs in HDFS: the sample, the shipped configuration, the jars. */
  static final String INPUT = HDFS + "/gov/raw";
  static final String MISSING_COLUMN_INPUT = HDFS + "/gov/raw-missing-column";
  static final String CONFIG = HDFS + "/gov/conf/governance.yaml";
  static final String JAR = HDFS + "/gov/jars/governance-metrics.jar";
  static final String JAR_35 = HDFS + "/gov/jars/governance-metrics-spark-3.5.jar";
  static final Path LOCAL_JAR = ROOT.resolve("jobs/target/governance-metrics.jar");
  static final Path LOCAL_JAR_35 = ROOT.resolve("jobs/target/spark-3.5/governance-metrics-spark-3.5.jar");
  static final Path LOCAL_INPUT = ROOT.resolve("data/sample");
  static final Path LOCAL_CONFIG = ROOT.resolve("conf/governance.yaml");
  static final Path WORK = ROOT.resolve("jobs/target/cluster-it");

  /**
   * JVM options for the drivers and executors of the test runs: on 2 cores, short-lived JVMs
   * finish sooner with the client compiler only (the SF0 nightly in client mode: 212 s with the
   * defaults, 110 s with these), and the parallel collector as bin/governance-metrics uses.
   */
  static final String TEST_JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseParallelGC";

  /**
   * Spark 3.5 gives a driver that a standalone Worker starts in cluster deploy mode none of the module
   * options Spark needs on Java 17 (Spark 4 does; 3.5's client-mode driver gets them from the launcher
   * and its executors from SparkContext): without them it fails at start with "IllegalAccessError:
   * class org.apache.spark.storage.StorageUtils$ cannot access class sun.nio.ch.DirectBuffer". The
   * list of conf/java17-options (Spark's JavaModuleOptions, what bin/governance-metrics and the tests'
   * JVMs use), what a Spark 3.5 user passes as spark.driver.extraJavaOptions (see the README).
   */
  static final String JAVA17_MODULE_OPTIONS = java17Options();

  private static boolean staged;
  private static final Map<String, Path> references = new HashMap<>();
  private static final Map<String, String> referenceStdouts = new HashMap<>();
  private static String runningSpark;

  private ClusterFixture() {}

  /** The options of the java argument file conf/java17-options, on one line. */
  private static String java17Options() {
    try {
      return Files.readAllLines(ROOT.resolve("conf/java17-options")).stream().map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.joining(" "));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int intEnv(String name, int fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : Integer.parseInt(v);
  }

  /** A process's outcome; {@code seconds} its wall time. */
  record Result(int exitCode, String stdout, String stderr, double seconds) {
    String all() {
      return "exit " + exitCode + "\n--- stdout\n" + tail(stdout) + "\n--- stderr\n" + tail(stderr);
    }

    private static String tail(String s) {
      return s.length() > 6000 ? "…" + s.substring(s.length() - 6000) : s;
    }
  }

  static Result run(Map<String, String> env, List<String> command) {
    try {
      Path out = Files.createTempFile("gm-cluster-out", ".txt");
      Path err = Files.createTempFile("gm-cluster-err", ".txt");
      ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().putAll(env);
      long started = System.nanoTime();
      Process process = builder.start();
      if (!process.waitFor(20, TimeUnit.MINUTES)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new AssertionError("did not finish in 20 minutes: " + command);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      Result r = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8), seconds);
      Files.delete(out);
      Files.delete(err);
      return r;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Result clusterScript(String... args) {
    List<String> command = new ArrayList<>();
    command.add(ROOT.resolve("cluster/cluster.sh").toString());
    command.addAll(List.of(args));
    Result r = run(Map.of(), command);
    assertThat(r.exitCode()).as("cluster/cluster.sh " + String.join(" ", args) + "\n" + r.all()).isZero();
    return r;
  }

  static Path sparkHome(String version) {
    return CACHE.resolve("spark-" + version);
  }

  /** HDFS up (and the inputs staged), and a Master and Worker of {@code version}. */
  static synchronized void ensureCluster(String version) throws IOException {
    if (!Files.isRegularFile(CACHE.resolve("run/hdfs.ready"))) {
      clusterScript("start-hdfs");
    }
    stageInputs();
    if (!version.equals(runningSpark)) {
      clusterScript("start-spark", version);
      runningSpark = version;
    }
  }

  static synchronized void stopSpark() {
    clusterScript("stop-spark");
    runningSpark = null;
  }

  static long pidOf(String name) throws IOException {
    return Long.parseLong(Files.readString(CACHE.resolve("run/" + name + ".pid")).trim());
  }

  /** A FileSystem of HDFS of its own (close it; the cached one stays open for Spark). */
  static FileSystem hdfs() throws IOException {
    return FileSystem.newInstance(URI.create(HDFS), new Configuration());
  }

  /** The sample, the configuration and the jars into HDFS; the missing-column input beside them. */
  private static void stageInputs() throws IOException {
    if (staged) {
      return;
    }
    assertThat(LOCAL_JAR).as("the jar: mvn -B package").isRegularFile();
    try (FileSystem fs = hdfs()) {
      for (String dir : List.of("/gov/raw", "/gov/raw-missing-column", "/gov/conf", "/gov/jars",
          "/gov/out")) {
        fs.delete(new org.apache.hadoop.fs.Path(dir), true);
      }
      fs.mkdirs(new org.apache.hadoop.fs.Path("/gov/conf"));
      fs.mkdirs(new org.apache.hadoop.fs.Path("/gov/jars"));
      fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(LOCAL_INPUT.toUri()),
          new org.apache.hadoop.fs.Path(INPUT));
      fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(LOCAL_CONFIG.toUri()),
          new org.apache.hadoop.fs.Path(CONFIG));
      fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(LOCAL_JAR.toUri()),
          new org.apache.hadoop.fs.Path(JAR));
      if (Files.isRegularFile(LOCAL_JAR_35)) {
        fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(LOCAL_JAR_35.toUri()),
            new org.apache.hadoop.fs.Path(JAR_35));
      }
      // The sample again, with one file of grid_coverage 2024-06 re-exported without grids_total.
      fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(LOCAL_INPUT.toUri()),
          new org.apache.hadoop.fs.Path(MISSING_COLUMN_INPUT));
      String file = "grid_coverage/period=2024-06/43.parquet";
      Path rewritten = Files.createTempDirectory("gm-missing-column");
      Dataset<Row> rows = SharedSpark.get().read().parquet(LOCAL_INPUT.resolve(file).toString());
      assertThat(rows.columns()).contains("grids_total");
      rows.drop("grids_total").coalesce(1).write().mode(SaveMode.Overwrite)
          .parquet(rewritten.resolve("out").toString());
      Path part;
      try (Stream<Path> files = Files.list(rewritten.resolve("out"))) {
        part = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst()
            .orElseThrow();
      }
      fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(part.toUri()),
          new org.apache.hadoop.fs.Path(MISSING_COLUMN_INPUT + "/" + file));
    }
    staged = true;
  }

  /**
   * The local-mode run of a command (bin/governance-metrics on the sample and the shipped
   * configuration, output in jobs/target/cluster-it/reference/NAME), made once per JVM.
   */
  static synchronized Path reference(String name, String... command) {
    return references.computeIfAbsent(name, n -> {
      Path out = WORK.resolve("reference").resolve(n);
      try {
        deleteTree(out);
        Files.createDirectories(out.getParent());
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      List<String> cmd = new ArrayList<>();
      cmd.add(ROOT.resolve("bin/governance-metrics").toString());
      cmd.addAll(List.of(command));
      cmd.addAll(List.of("--input", LOCAL_INPUT.toString(), "--output", out.toString(), "--config",
          LOCAL_CONFIG.toString()));
      Result r = run(Map.of(), cmd);
      log("reference %s (local mode): exit %d in %.0f s", n, r.exitCode(), r.seconds());
      assertThat(r.exitCode()).as("the local reference run " + cmd + "\n" + r.all()).isZero();
      referenceStdouts.put(n, r.stdout());
      return out;
    });
  }

  /** What the local reference run of {@code name} printed on stdout. */
  static synchronized String referenceStdout(String name) {
    return referenceStdouts.get(name);
  }

  /** A spark-submit of the jar to the cluster. */
  static Submission submit(String version, String deployMode, String jar, String... args) {
    boolean cluster = deployMode.equals("cluster");
    String driverOptions = TEST_JVM_OPTIONS
        + (cluster && version.startsWith("3.") ? " " + JAVA17_MODULE_OPTIONS : "");
    List<String> cmd = new ArrayList<>(List.of(sparkHome(version).resolve("bin/spark-submit").toString(),
        "--master", MASTER, "--deploy-mode", deployMode, "--class", MAIN_CLASS,
        "--name", "governance-metrics-it " + args[0],
        "--driver-memory", "900m", "--executor-memory", "1g",
        "--conf", "spark.driver.extraJavaOptions=" + driverOptions,
        "--conf", "spark.executor.extraJavaOptions=" + TEST_JVM_OPTIONS));
    if (cluster) {
      // spark-submit waits for the driver and reports its final state
      cmd.addAll(List.of("--conf", "spark.standalone.submit.waitAppCompletion=true"));
    }
    cmd.add(jar);
    cmd.addAll(List.of(args));
    Result r = run(Map.of(), cmd);
    String driverId = null;
    if (cluster) {
      Matcher m = Pattern.compile("submitted as (driver-[0-9-]+)").matcher(r.stderr() + r.stdout());
      assertThat(m.find()).as("a driver id in the spark-submit output\n" + r.all()).isTrue();
      driverId = m.group(1);
    }
    log("Spark %s, %s mode: %s -> exit %d in %.0f s%s", version, deployMode, shown(args),
        r.exitCode(), r.seconds(), driverId == null ? "" : " (" + driverId + ")");
    return new Submission(version, deployMode, r, driverId);
  }

  /** The arguments without the HDFS locations (but the input's last folder). */
  private static String shown(String... args) {
    StringBuilder shown = new StringBuilder();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--output") || args[i].equals("--config")) {
        i++;
      } else if (args[i].equals("--input") && i + 1 < args.length) {
        shown.append(" (input ").append(args[++i].substring(args[i].lastIndexOf('/') + 1)).append(')');
      } else {
        shown.append(shown.length() == 0 ? "" : " ").append(args[i]);
      }
    }
    return shown.toString();
  }

  /** A spark-submit's outcome; in cluster mode with the driver's id, state and logs. */
  record Submission(String version, String deployMode, Result result, String driverId) {

    /** The driver's final state as the Master reports it (FINISHED, FAILED, ...). */
    String driverState() throws IOException, InterruptedException {
      JsonNode master = masterJson();
      for (JsonNode d : master.path("completeddrivers")) {
        if (d.path("id").asText().equals(driverId)) {
          return d.path("state").asText();
        }
      }
      for (JsonNode d : master.path("activedrivers")) {
        if (d.path("id").asText().equals(driverId)) {
          return d.path("state").asText();
        }
      }
      throw new AssertionError(driverId + " is not among the Master's drivers: " + master);
    }

    /** The driver's stderr (client mode: spark-submit's; cluster mode: the Worker keeps it). */
    String driverStderr() throws IOException {
      return driverId == null ? result.stderr() : Files.readString(driverDir().resolve("stderr"));
    }

    String driverStdout() throws IOException {
      return driverId == null ? result.stdout() : Files.readString(driverDir().resolve("stdout"));
    }

    private Path driverDir() {
      return CACHE.resolve("run/work-" + version).resolve(driverId);
    }

    String describe() throws IOException {
      return deployMode + " mode, " + result.all()
          + (driverId == null ? "" : "\n--- driver stderr\n" + Result.tail(driverStderr()));
    }
  }

  static JsonNode masterJson() throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(
        URI.create("http://" + HOST + ":" + MASTER_UI_PORT + "/json/")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return new ObjectMapper().readTree(response.body());
  }

  static void log(String format, Object... args) {
    System.out.printf("[cluster-it] " + format + "%n", args);
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
