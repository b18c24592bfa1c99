package com.governancemetrics.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The thin jar as a cluster loads it (after the package phase): nothing of what the cluster provides
 * (Spark, Hadoop, Scala, Jackson, Guava, protobuf), and the libraries it does carry relocated under
 * com.governancemetrics.shaded, so that the cluster's own copies (a Spark distribution ships
 * snakeyaml-engine, for one) can never be loaded in their place. The jar is the one of the build that
 * runs the test (the Spark 3.5 profile's too).
 */
class ShadedJarIT {

  private static final String SHADED = "com/governancemetrics/shaded/";

  /** The packages of the libraries shaded into the jar, as they are named in their own jars. */
  private static final List<String> SHADED_LIBRARIES = List.of("picocli/", "org/snakeyaml/engine/",
      "org/dhatim/fastexcel/", "com/github/rzymek/opczip/");

  private static final List<String> PROVIDED_BY_THE_CLUSTER = List.of("org/apache/spark/",
      "org/apache/hadoop/", "scala/", "com/fasterxml/jackson/", "com/google/common/",
      "com/google/protobuf/", "org/apache/parquet/", "org/slf4j/", "org/apache/logging/");

  private static Path jar;
  private static final List<String> entries = new ArrayList<>();

  @BeforeAll
  static void listTheJar() throws IOException {
    jar = Path.of(System.getProperty("governance-metrics.jar", "target/governance-metrics.jar"));
    assertThat(jar).as("the packaged jar").isRegularFile();
    try (JarFile jarFile = new JarFile(jar.toFile())) {
      Enumeration<? extends ZipEntry> all = jarFile.entries();
      while (all.hasMoreElements()) {
        entries.add(all.nextElement().getName());
      }
    }
  }

  /** An entry's path as a class loader sees it (multi-release entries under their base path). */
  private static String classPath(String entry) {
    return entry.startsWith("META-INF/versions/")
        ? entry.replaceFirst("^META-INF/versions/\\d+/", "") : entry;
  }

  @Test
  void everyClassIsUnderTheProductsOwnPackage() {
    List<String> classes = entries.stream().filter(e -> e.endsWith(".class")).toList();
    assertThat(classes).as("classes in " + jar).isNotEmpty();
    assertThat(classes).as("classes outside com/governancemetrics/")
        .allSatisfy(e -> assertThat(classPath(e)).startsWith("com/governancemetrics/"));
    for (String provided : PROVIDED_BY_THE_CLUSTER) {
      assertThat(entries).as("entries of " + provided)
          .noneMatch(e -> classPath(e).startsWith(provided));
    }
  }

  @Test
  void theShadedLibrariesAreThereRelocated() {
    for (String library : SHADED_LIBRARIES) {
      String relocated = SHADED + relocatedName(library);
      assertThat(entries).as(relocated).anyMatch(e -> e.startsWith(relocated) && e.endsWith(".class"));
      assertThat(entries).as("unrelocated " + library).noneMatch(e -> classPath(e).startsWith(library));
    }
  }

  @Test
  void theProductsClassesReferToTheRelocatedLibrariesOnly() throws IOException {
    int checked = 0;
    TreeSet<String> offenders = new TreeSet<>();
    try (JarFile jarFile = new JarFile(jar.toFile())) {
      for (String entry : entries) {
        if (!entry.endsWith(".class") || entry.startsWith(SHADED)) {
          continue;
        }
        String constants;
        try (InputStream in = jarFile.getInputStream(jarFile.getEntry(entry))) {
          // class names sit in the constant pool as (modified) UTF-8: ASCII for these packages
          constants = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        for (String library : SHADED_LIBRARIES) {
          for (int at = constants.indexOf(library); at >= 0; at = constants.indexOf(library, at + 1)) {
            if (!constants.startsWith(SHADED, at - SHADED.length())) {
              offenders.add(entry + " -> " + library);
            }
          }
        }
        checked++;
      }
    }
    assertThat(checked).as("product classes checked").isGreaterThan(50);
    assertThat(offenders).as("product classes naming an unrelocated library").isEmpty();
    // and the main class does use the relocated picocli (the check above is not vacuous)
    try (JarFile jarFile = new JarFile(jar.toFile());
        InputStream in = jarFile.getInputStream(
            jarFile.getEntry("com/governancemetrics/jobs/GovernanceMetrics.class"))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1))
          .contains(SHADED + "picocli/CommandLine");
    }
  }

  @Test
  void theManifestNamesTheMainClass() throws IOException {
    try (JarFile jarFile = new JarFile(jar.toFile())) {
      assertThat(jarFile.getManifest().getMainAttributes().getValue(Attributes.Name.MAIN_CLASS))
          .isEqualTo(GovernanceMetrics.class.getName());
    }
    assertThat(Files.size(jar)).as("a thin jar").isLessThan(20L << 20);
  }

  private static String relocatedName(String library) {
    return switch (library) {
      case "picocli/" -> "picocli/";
      case "org/snakeyaml/engine/" -> "snakeyaml/engine/";
      case "org/dhatim/fastexcel/" -> "fastexcel/";
      case "com/github/rzymek/opczip/" -> "opczip/";
      default -> throw new IllegalArgumentException(library);
    };
  }
}
