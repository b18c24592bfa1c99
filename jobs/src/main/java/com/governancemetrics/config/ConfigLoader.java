package com.governancemetrics.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.governancemetrics.failures.UsageError;
import com.governancemetrics.metrics.MetricCatalogue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads and checks {@code governance.yaml}: from any Hadoop path (local, hdfs://), or the copy bundled
 * in the jar when no {@code --config} is given. Runs on the driver before a SparkSession exists.
 */
public final class ConfigLoader {

  /** The configuration shipped in the jar: the defaults of SPEC §2. */
  public static final String BUNDLED_RESOURCE = "governance.yaml";
  static final String BUNDLED_SOURCE = "governance.yaml (bundled defaults)";

  /** The sections a configuration may have (the components of {@link ConfigFile}). */
  static final Set<String> TOP_LEVEL_KEYS = ConfigBinder.keysOf(ConfigFile.class);

  private ConfigLoader() {}

  /** Loads a file; a missing or unreadable file is a usage error (exit 2). */
  public static GovernanceConfig load(String location) {
    Path path = new Path(location);
    byte[] bytes;
    try {
      FileSystem fs = path.getFileSystem(new Configuration());
      try (InputStream in = fs.open(path)) {
        bytes = in.readAllBytes();
      }
    } catch (IOException e) {
      throw new UsageError("configuration " + location + " cannot be read: " + e.getMessage(),
          "Pass --config with the path of a readable governance.yaml (see conf/governance.yaml).");
    }
    return parse(location, bytes);
  }

  private static GovernanceConfig bundledCache;

  /** The bundled configuration (parsed once per JVM). */
  public static synchronized GovernanceConfig bundled() {
    if (bundledCache == null) {
      bundledCache = readBundled();
    }
    return bundledCache;
  }

  private static GovernanceConfig readBundled() {
    try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(BUNDLED_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the jar has no bundled " + BUNDLED_RESOURCE);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return parse(BUNDLED_SOURCE, out.toByteArray());
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the bundled " + BUNDLED_RESOURCE, e);
    }
  }

  /**
   * Parses and checks a configuration: snakeyaml-engine loads it safely ({@link SafeYaml}), Jackson
   * binds it to {@link ConfigFile}, and the settings and the catalogue are checked before any data is
   * read. Every mistake is a {@link ConfigException} naming {@code source} and the key's path.
   */
  public static GovernanceConfig parse(String source, byte[] bytes) {
    ConfigBinder binder = new ConfigBinder(source);
    JsonNode tree = binder.tree(SafeYaml.load(source, bytes));
    ConfigFile file = binder.bind(tree, "", ConfigFile.class);
    JobSettings settings = settings(file, binder);
    MetricCatalogue catalogue = CatalogueParser.parse(file, tree.has("metrics"),
        tree.has("anomaly_rules"), settings, binder,
        BUNDLED_SOURCE.equals(source) ? null : () -> bundled().catalogue());
    return new GovernanceConfig(source, sha256(bytes), settings, catalogue);
  }

  static JobSettings settings(ConfigFile file, ConfigBinder binder) {
    ConfigFile.Settings s = file.settings() != null ? file.settings()
        : new ConfigFile.Settings(null, null, null, null, null);
    double tolerance = share(s.quarantineTolerance(), JobSettings.DEFAULT_QUARANTINE_TOLERANCE,
        "quarantine_tolerance", binder);
    double completeness = share(s.completenessMinimum(), JobSettings.DEFAULT_COMPLETENESS_MINIMUM,
        "completeness_minimum", binder);
    int partitions = atLeast(s.shufflePartitions(), JobSettings.DEFAULT_SHUFFLE_PARTITIONS, 1,
        "shuffle_partitions", binder);
    int historyKeep = atLeast(s.historyKeep(), JobSettings.DEFAULT_HISTORY_KEEP, 0,
        "history_keep", binder);
    int lockStale = atLeast(s.lockStaleAfterSeconds(),
        JobSettings.DEFAULT_LOCK_STALE_AFTER_SECONDS, 1, "lock_stale_after_seconds", binder);
    List<String> caseTypes = file.caseTypes() == null ? JobSettings.DEFAULT_CASE_TYPES
        : file.caseTypes();
    if (caseTypes.isEmpty()) {
      throw binder.error("case_types", "needs at least one case type");
    }
    for (int i = 0; i < caseTypes.size(); i++) {
      if (caseTypes.get(i) == null || caseTypes.get(i).isBlank()) {
        throw binder.error(ConfigBinder.item("case_types", i), "expected a case type, got nothing");
      }
    }
    if (Set.copyOf(caseTypes).size() != caseTypes.size()) {
      throw binder.error("case_types", "lists a case type twice: " + caseTypes);
    }
    return new JobSettings(tolerance, completeness, partitions, caseTypes, historyKeep, lockStale);
  }

  private static double share(Double value, double fallback, String key, ConfigBinder binder) {
    if (value == null) {
      return fallback;
    }
    if (!(value >= 0 && value <= 1)) {
      throw binder.error("settings." + key, "must be a share between 0 and 1, got " + value);
    }
    return value;
  }

  private static int atLeast(Integer value, int fallback, int minimum, String key,
      ConfigBinder binder) {
    if (value == null) {
      return fallback;
    }
    if (value < minimum) {
      throw binder.error("settings." + key, "must be at least " + minimum + ", got " + value);
    }
    return value;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
