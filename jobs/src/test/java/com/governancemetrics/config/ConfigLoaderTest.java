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
  void emptyFileMeansDefaults(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("empty.yaml");
    Files.writeString(f, "# nothing\n");
    assertThat(ConfigLoader.load(f.toString()).settings()).isEqualTo(JobSettings.defaults());
  }
}
