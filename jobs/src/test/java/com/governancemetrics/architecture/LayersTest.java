package com.governancemetrics.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The packages' layering (README, Code layout): the command line ({@code jobs}) sits on top and
 * alone maps failures to exit codes, so nothing below it imports it; and the packages form no cycle.
 */
@AnalyzeClasses(packages = "com.governancemetrics", importOptions = LayersTest.ProductClassesOnly.class)
class LayersTest {

  /**
   * The product's classes, not the tests': ArchUnit's DoNotIncludeTests knows test classes by
   * {@code target/test-classes}, which the Spark 3.5 build (-Pspark-3.5) keeps in
   * {@code target/spark-3.5/test-classes}.
   */
  static final class ProductClassesOnly implements ImportOption {
    @Override
    public boolean includes(Location location) {
      return !location.contains("/test-classes/");
    }
  }

  @ArchTest
  static final ArchRule nothingBelowTheCommandLineUsesIt = noClasses()
      .that().resideOutsideOfPackage("com.governancemetrics.jobs..")
      .and().resideOutsideOfPackage("com.governancemetrics.bench..")
      .should().dependOnClassesThat().resideInAPackage("com.governancemetrics.jobs..");

  @ArchTest
  static final ArchRule packagesFormNoCycle = slices()
      .matching("com.governancemetrics.(*)..").should().beFreeOfCycles();
}
