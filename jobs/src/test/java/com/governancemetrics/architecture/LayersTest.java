package com.governancemetrics.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The packages' layering (README, Code layout): the command line ({@code jobs}) sits on top and
 * alone maps failures to exit codes, so nothing below it imports it; and the packages form no cycle.
 */
@AnalyzeClasses(packages = "com.governancemetrics", importOptions = ImportOption.DoNotIncludeTests.class)
class LayersTest {

  @ArchTest
  static final ArchRule nothingBelowTheCommandLineUsesIt = noClasses()
      .that().resideOutsideOfPackage("com.governancemetrics.jobs..")
      .and().resideOutsideOfPackage("com.governancemetrics.bench..")
      .should().dependOnClassesThat().resideInAPackage("com.governancemetrics.jobs..");

  @ArchTest
  static final ArchRule packagesFormNoCycle = slices()
      .matching("com.governancemetrics.(*)..").should().beFreeOfCycles();
}
