package com.governancemetrics.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Usage errors end with exit 2 and a message that says what is wrong, before Spark starts. */
class CommandLineTest {

  private final StringWriter err = new StringWriter();
  private final StringWriter out = new StringWriter();

  private int run(String... args) {
    CommandLine cl = GovernanceMetrics.commandLine();
    cl.setErr(new PrintWriter(err, true));
    cl.setOut(new PrintWriter(out, true));
    return cl.execute(args);
  }

  @Test
  void aSubcommandIsRequired() {
    assertThat(run()).isEqualTo(2);
    assertThat(err.toString()).contains("a subcommand is required").contains("What to do:");
  }

  @Test
  void aBadPeriodIsAUsageError() {
    assertThat(run("validate", "--period", "2024-13", "--input", "in", "--output", "out")).isEqualTo(2);
    assertThat(err.toString()).contains("2024-13").contains("YYYY-MM");
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    assertThat(run("nightly", "--period", "2024-06", "--frobnicate")).isEqualTo(2);
    assertThat(err.toString()).contains("--frobnicate").contains("nightly --help");
  }

  @Test
  void backfillRangeMustBeOrdered() {
    assertThat(run("backfill", "--from", "2024-06", "--to", "2024-01", "--input", "in",
        "--output", "out")).isEqualTo(2);
    assertThat(err.toString()).contains("--from 2024-06 is after --to 2024-01");
  }

  @Test
  void aMissingPeriodIsAUsageErrorThatNamesTheOption() {
    for (String sub : new String[] {"nightly", "validate", "export"}) {
      err.getBuffer().setLength(0);
      assertThat(run(sub, "--input", "in", "--output", "out")).as(sub).isEqualTo(2);
      assertThat(err.toString()).as(sub).contains("--period is required")
          .contains("What to do: Pass --period YYYY-MM");
    }
  }

  @Test
  void backfillNeedsBothEndsOfItsRange() {
    assertThat(run("backfill", "--from", "2024-01", "--input", "in", "--output", "out")).isEqualTo(2);
    assertThat(err.toString()).contains("--from and --to are required").contains("What to do: Pass the range");
  }

  @Test
  void exportTakesATwoDigitProvinceCode() {
    assertThat(run("export", "--period", "2024-06", "--province", "430", "--input", "in", "--output",
        "out")).isEqualTo(2);
    assertThat(err.toString()).contains("--province 430 is not a 2-digit province code")
        .contains("What to do: Pass a province code such as 43");
  }

  @Test
  void exportAndDiffReadPublicationsOnlyAndNeitherNeedNorShowTheInput() {
    // export without --input gets as far as checking its own options
    assertThat(run("export", "--period", "2024-06", "--province", "430", "--output", "out"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--province 430 is not a 2-digit province code")
        .doesNotContain("--input");
    for (String sub : new String[] {"export", "diff"}) {
      out.getBuffer().setLength(0);
      assertThat(run(sub, "--help")).as(sub).isEqualTo(0);
      assertThat(out.toString()).as(sub).contains("--output").contains("--config")
          .doesNotContain("--input").doesNotContain("--skip-corrupt-files");
    }
    out.getBuffer().setLength(0);
    assertThat(run("nightly", "--help")).isEqualTo(0);
    assertThat(out.toString()).contains("--input").contains("--output")
        .contains("--skip-corrupt-files");
  }

  @Test
  void aSubcommandThatReadsTheInputRequiresIt() {
    for (String sub : new String[] {"nightly", "validate"}) {
      err.getBuffer().setLength(0);
      assertThat(run(sub, "--period", "2024-06", "--output", "out")).as(sub).isEqualTo(2);
      assertThat(err.toString()).as(sub).contains("--input is required")
          .contains("What to do: Pass --input");
    }
  }

  @Test
  void generateNeedsAnOutput() {
    assertThat(run("generate", "--scale-factor", "1")).isEqualTo(2);
    assertThat(err.toString()).contains("--output is required").contains("What to do: Pass --output");
  }

  @Test
  void anUnreadableConfigurationStopsTheRunBeforeSparkStarts(@TempDir Path dir) {
    int code = run("validate", "--period", "2024-06", "--input", dir.toString(), "--output",
        dir.resolve("out").toString(), "--config", dir.resolve("missing.yaml").toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("missing.yaml").contains("What to do: Pass --config");
  }

  @Test
  void anOutputInsideTheInputIsRefusedBeforeSparkStarts(@TempDir Path dir) {
    assertThat(run("nightly", "--period", "2024-06", "--input", dir.toString(), "--output",
        dir.resolve("marts").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("is inside the input root " + dir)
        .contains("What to do: Pass an --output outside the input root");
    assertThat(dir.resolve("marts")).doesNotExist();
  }

  @Test
  void theInputRootIsNoOutput(@TempDir Path dir) {
    assertThat(run("validate", "--period", "2024-06", "--input", dir.toString(), "--output",
        dir + "/")).isEqualTo(2);
    assertThat(err.toString()).contains("is the input root");
  }

  @Test
  void generateValidatesItsOptions(@TempDir Path dir) {
    assertThat(run("generate", "--scale-factor", "0", "--output", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("scale");
  }

  @Test
  void everySubcommandHasHelp() {
    for (String sub : new String[] {"nightly", "backfill", "validate", "generate", "registry",
        "export"}) {
      assertThat(run(sub, "--help")).as(sub).isEqualTo(0);
    }
    assertThat(out.toString()).contains("--period").contains("--scale-factor").contains("--from");
  }

  @Test
  void versionIsPrinted() {
    assertThat(run("--version")).isEqualTo(0);
    assertThat(out.toString()).startsWith("governance-metrics ");
  }
}
