package com.governancemetrics.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.governancemetrics.jobs.ExitCode;
import com.governancemetrics.failures.Failure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing a dataset's files: recursive, hidden names skipped, k=v folders as partition values. */
class DatasetListingTest {

  @TempDir
  Path root;

  private void touch(String relative) throws IOException {
    Path p = root.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.write(p, new byte[] {1});
  }

  @Test
  void listsDataFilesWithTheirPartitionValues() throws IOException {
    touch("grid_coverage/period=2024-06/province=43/a.parquet");
    touch("grid_coverage/period=2024-06/b.parquet");
    touch("grid_coverage/period=2024-06/_SUCCESS");
    touch("grid_coverage/period=2024-06/.b.parquet.crc");
    touch("grid_coverage/_temporary/0/c.parquet");
    touch("grid_coverage/.hidden/d.parquet");
    touch("grid_coverage/loose.parquet");
    touch("grid_coverage/period=2024%2F06/e.parquet");
    touch("grid_coverage/old/period=2024-05/period=2024-04/f.parquet");

    List<InputFile> files = DatasetListing.list(new Configuration(), root.toString(),
        InputDataset.GRID_COVERAGE);

    assertThat(files).extracting(InputFile::relativePath).containsExactly(
        "loose.parquet", "old/period=2024-05/period=2024-04/f.parquet",
        "period=2024%2F06/e.parquet", "period=2024-06/b.parquet",
        "period=2024-06/province=43/a.parquet");
    assertThat(files).extracting(InputFile::partitionValues).containsExactly(
        Map.of(), Map.of("period", "2024-04"), Map.of("period", "2024/06"),
        Map.of("period", "2024-06"), Map.of("period", "2024-06", "province", "43"));
    assertThat(files.get(3).path())
        .isEqualTo("file:" + root.resolve("grid_coverage/period=2024-06/b.parquet"));
  }

  @Test
  void aMissingDatasetFolderIsAnInputFault() {
    assertThatThrownBy(() -> DatasetListing.list(new Configuration(), root.toString(),
        InputDataset.SERVICE_APPEALS))
        .isInstanceOfSatisfying(Failure.class, f -> {
          assertThat(ExitCode.of(f)).isEqualTo(ExitCode.INPUT);
          assertThat(f.getMessage()).contains("service_appeals", root.toString());
        });
  }

  @Test
  void anEmptyFolderHasNoFiles() throws IOException {
    Files.createDirectories(root.resolve("rectification_cases/year=2024"));
    assertThat(DatasetListing.list(new Configuration(), root.toString(),
        InputDataset.RECTIFICATION_CASES)).isEmpty();
  }
}
