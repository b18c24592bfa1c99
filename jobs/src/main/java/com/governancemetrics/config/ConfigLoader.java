package com.governancemetrics.config;

import com.governancemetrics.failures.UsageError;
import com.governancemetrics.metrics.MetricCatalogue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads and checks {@code governance.yaml}: from any Hadoop path (local, hdfs://), or the copy bundled
 * in the jar when no {@code --config} is given. Runs on the driver before a SparkSession exists.
 */
public final class ConfigLoader {

  /** The configuration shipped in the jar: the defaults of SPEC §2. */
  public static final String BUNDLED_RESOURCE = "governance.yaml";
  static final String BUNDLED_SOURCE = "governance.yaml (bundled defaults)";

  static final Set<String> TOP_LEVEL_KEYS =
      Set.of("settings", "case_types", "thresholds", "metrics", "provinces");
  static final Set<String> SETTINGS_KEYS =
      Set.of("quarantine_tolerance", "completeness_minimum", "shuffle_partitions");

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

  public static GovernanceConfig parse(String source, byte[] bytes) {
    Object document;
    try {
      document = new Load(LoadSettings.builder().setLabel(source).build())
          .loadFromString(new String(bytes, StandardCharsets.UTF_8));
    } catch (YamlEngineException e) {
      throw new ConfigException(source, "(syntax)", "not valid YAML: " + e.getMessage());
    }
    YamlNode root = new YamlNode(source, "", document == null ? java.util.Map.of() : document);
    root.onlyKeys(TOP_LEVEL_KEYS);
    JobSettings settings = settings(root);
    MetricCatalogue catalogue = CatalogueParser.parse(root, settings,
        BUNDLED_SOURCE.equals(source) ? null : () -> bundled().catalogue());
    return new GovernanceConfig(source, sha256(bytes), settings, catalogue);
  }

  static JobSettings settings(YamlNode root) {
    YamlNode s = root.child("settings");
    if (!s.isNull()) {
      s.onlyKeys(SETTINGS_KEYS);
    }
    double tolerance = s.child("quarantine_tolerance")
        .numberOr(JobSettings.DEFAULT_QUARANTINE_TOLERANCE);
    if (tolerance < 0 || tolerance > 1) {
      throw s.child("quarantine_tolerance").error("must be a share between 0 and 1, got " + tolerance);
    }
    double completeness = s.child("completeness_minimum")
        .numberOr(JobSettings.DEFAULT_COMPLETENESS_MINIMUM);
    if (completeness < 0 || completeness > 1) {
      throw s.child("completeness_minimum").error("must be a share between 0 and 1, got " + completeness);
    }
    int partitions = s.child("shuffle_partitions").intOr(JobSettings.DEFAULT_SHUFFLE_PARTITIONS);
    if (partitions < 1) {
      throw s.child("shuffle_partitions").error("must be at least 1, got " + partitions);
    }
    YamlNode types = root.child("case_types");
    var caseTypes = types.isNull() ? JobSettings.DEFAULT_CASE_TYPES : types.strings();
    if (caseTypes.isEmpty()) {
      throw types.error("needs at least one case type");
    }
    if (Set.copyOf(caseTypes).size() != caseTypes.size()) {
      throw types.error("lists a case type twice: " + caseTypes);
    }
    return new JobSettings(tolerance, completeness, partitions, caseTypes);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
