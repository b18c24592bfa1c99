package com.governancemetrics.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The scan floor reads every row of exactly the files nightly reads, across files of different physical
 * schemas (typed and digit-string files in one dataset), and nothing of the folders out of scope.
 */
class ScanFloorTest {

  @Test
  void countsEveryRowOfThePlannedFilesAndNoneOfTheOthers() throws Exception {
    Path registry = BenchSpark.projectRoot().resolve("data/admin-divisions");
    TinyInputs inputs = TinyInputs.shared(BenchSpark.get(), registry);
    ReadPlan plan = ReadPlan.forNightly(inputs.root, TinyInputs.PERIOD);

    List<ScanFloor.Result> results = ScanFloor.run(BenchSpark.get(), plan);

    // out of scope for 2024-03: grid_coverage of 2022-12 and of 2024-01 (stock metrics need P, P-1 and
    // P-12 only) and the income year 2021 (2023 is the latest ≤ 2024)
    List<String> outOfScope = List.of("grid_coverage/period=2022-12/", "grid_coverage/period=2024-01/",
        "collective_income/year=2021/");
    Map<String, Long> expected = inputs.rowsWritten.entrySet().stream()
        .filter(e -> outOfScope.stream().noneMatch(e.getKey()::startsWith))
        .collect(Collectors.groupingBy(e -> e.getKey().substring(0, e.getKey().indexOf('/')),
            Collectors.summingLong(e -> e.getValue())));
    Map<String, Long> counted = results.stream()
        .collect(Collectors.toMap(ScanFloor.Result::dataset, ScanFloor.Result::rows));
    assertThat(counted).isEqualTo(expected);
    assertThat(results).allSatisfy(r -> assertThat(r.checksum()).isPositive());
    assertThat(results.stream().mapToInt(ScanFloor.Result::files).sum()).isEqualTo(plan.fileCount());

    // the checksum depends only on the data: a second scan gives the same figures
    assertThat(ScanFloor.run(BenchSpark.get(), plan)).isEqualTo(results);
  }
}
