package com.governancemetrics.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.governancemetrics.jobs.ExitCode;
import com.governancemetrics.testing.SharedSpark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  private static GovernanceConfig parse(String yaml) {
    return ConfigLoader.parse("test.yaml", yaml.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void shippedConfigurationHasTheSpecDefaults() throws Exception {
    Path shipped = SharedSpark.projectRoot().resolve("conf/governance.yaml");
    GovernanceConfig config = ConfigLoader.load(shipped.toString());
    assertThat(config.settings().quarantineTolerance()).isEqualTo(0.05);
    assertThat(config.settings().completenessMinimum()).isEqualTo(0.9);
    assertThat(config.settings().caseTypes()).containsExactly("weak_party_org", "inspection_finding");
    assertThat(config.sha256()).hasSize(64);
    // the copy bundled in the jar is the same file
    assertThat(ConfigLoader.bundled().sha256()).isEqualTo(config.sha256());
  }

  @Test
  void unknownKeyIsNamedWithItsPath() {
    assertThatThrownBy(() -> parse("settings:\n  quarantine_tolerence: 0.1\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("test.yaml")
        .hasMessageContaining("settings.quarantine_tolerence")
        .satisfies(e -> assertThat(ExitCode.of((ConfigException) e)).isEqualTo(ExitCode.USAGE));
  }

  @Test
  void toleranceMustBeAShare() {
    assertThatThrownBy(() -> parse("settings:\n  quarantine_tolerance: 5\n"))
        .hasMessageContaining("settings.quarantine_tolerance")
        .hasMessageContaining("between 0 and 1");
    assertThatThrownBy(() -> parse("settings:\n  quarantine_tolerance: lots\n"))
        .hasMessageContaining("expected a number");
  }

  @Test
  void caseTypesMustBeDistinct() {
    assertThatThrownBy(() -> parse("case_types: [weak_party_org, weak_party_org]\n"))
        .hasMessageContaining("case_types")
        .hasMessageContaining("twice");
  }

  @Test
  void invalidYamlIsAUsageError() {
    assertThatThrownBy(() -> parse("settings: [unclosed\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("not valid YAML");
  }

  @Test
  void missingFileIsAUsageError(@TempDir Path dir) {
    assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yaml").toString()))
        .satisfies(e -> assertThat(ExitCode.of((com.governancemetrics.failures.Failure) e))
            .isEqualTo(ExitCode.USAGE))
        .hasMessageContaining("nope.yaml");
  }

  @Test
  void historyAndLockSettingsHaveDefaultsAndBounds() {
    JobSettings defaults = parse("settings: {}\n").settings();
    assertThat(defaults.historyKeep()).isEqualTo(10);
    assertThat(defaults.lockStaleAfterSeconds()).isEqualTo(300);
    assertThat(defaults.lockStaleAfter()).hasSeconds(300);
    JobSettings set = parse("settings:\n  history_keep: 0\n  lock_stale_after_seconds: 60\n")
        .settings();
    assertThat(set.historyKeep()).isZero();
    assertThat(set.lockStaleAfterSeconds()).isEqualTo(60);
    failsWith("settings:\n  history_keep: -1\n", "settings.history_keep", "at least 0", "-1");
    failsWith("settings:\n  lock_stale_after_seconds: 0\n", "settings.lock_stale_after_seconds",
        "at least 1");
    failsWith("settings:\n  lock_stale_after_seconds: 2.5\n", "settings.lock_stale_after_seconds",
        "expected a whole number", "2.5");
    failsWith("settings:\n  history_keep: three\n", "settings.history_keep",
        "expected a whole number", "three");
    failsWith("settings:\n  history_keep: 3000000000\n", "settings.history_keep",
        "expected a whole number");
  }

  @Test
  void theShippedFileSetsEverySetting() throws Exception {
    Path shipped = SharedSpark.projectRoot().resolve("conf/governance.yaml");
    JobSettings settings = ConfigLoader.load(shipped.toString()).settings();
    // every key of settings: is written out (with its comment) in the shipped file, at its default
    assertThat(settings).isEqualTo(JobSettings.defaults());
    assertThat(Files.readString(shipped)).contains("  quarantine_tolerance:",
        "  completeness_minimum:", "  shuffle_partitions:", "  history_keep:",
        "  lock_stale_after_seconds:");
  }

  @Test
  void aValueOfTheWrongTypeIsNamedWithItsPath() {
    failsWith("settings: 5\n", "settings", "expected a mapping of keys");
    failsWith("settings:\n  shuffle_partitions: \"8\"\n", "settings.shuffle_partitions",
        "expected a whole number");
    failsWith("case_types: weak_party_org\n", "case_types", "expected a list");
    failsWith("case_types: [weak_party_org, [a]]\n", "case_types[1]", "expected a text value");
    failsWith("thresholds:\n  income_100k:\n", "thresholds.income_100k",
        "expected a number, got nothing");
    failsWith("thresholds:\n  income_100k: .inf\n", "thresholds.income_100k",
        "expected a finite number");
  }

  @Test
  void classTagsAreRefused() {
    failsWith("settings: !!java.lang.Runtime {}\n", "(syntax)", "not valid YAML",
        "java.lang.Runtime");
    failsWith("metrics:\n  - !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader "
        + "[[!!java.net.URL [\"http://127.0.0.1/\"]]]]\n", "(syntax)", "not valid YAML");
  }

  @Test
  void aliasBombsAndCyclesAreRefused() {
    // within the alias limit, yet 3^16 values once every alias is expanded
    StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x]\n");
    for (int i = 1; i <= 16; i++) {
      bomb.append("a").append(i).append(": &a").append(i).append(" [*a").append(i - 1)
          .append(", *a").append(i - 1).append(", *a").append(i - 1).append("]\n");
    }
    failsWith(bomb.toString(), "(syntax)", "more than 100000 values");
    // the classic billion laughs: more collection aliases than allowed
    StringBuilder laughs = new StringBuilder("l0: &l0 [lol]\n");
    for (int i = 1; i <= 60; i++) {
      laughs.append("l").append(i).append(": &l").append(i).append(" [*l").append(i - 1)
          .append("]\n");
    }
    failsWith(laughs.toString(), "(syntax)", "aliases");
    failsWith("settings: &s {a: *s}\n", "(syntax)", "contains it");
    failsWith("metrics: " + "[".repeat(3000) + "]".repeat(3000) + "\n", "(syntax)", "nest deeper");
    failsWith("settings: {}\nsettings: {}\n", "(syntax)", "duplicate key settings");
  }

  @Test
  void aFewAliasesAreFine() {
    GovernanceConfig config = parse("provinces:\n"
        + "  \"33\": &east\n    targets:\n      household_coverage: 0.97\n"
        + "  \"32\": *east\n");
    assertThat(config.catalogue().target("household_coverage", "32")).isEqualTo(
        config.catalogue().target("household_coverage", "33"));
  }

  private static void failsWith(String yaml, String key, String... words) {
    var thrown = assertThatThrownBy(() -> parse(yaml)).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("test.yaml: " + key + ": ");
    for (String w : words) {
      thrown.hasMessageContaining(w);
    }
    thrown.satisfies(e -> assertThat(ExitCode.of((ConfigException) e)).isEqualTo(ExitCode.USAGE));
  }

  @Test
  void emptyFileMeansDefaults(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("empty.yaml");
    Files.writeString(f, "# nothing\n");
    assertThat(ConfigLoader.load(f.toString()).settings()).isEqualTo(JobSettings.defaults());
  }
}
