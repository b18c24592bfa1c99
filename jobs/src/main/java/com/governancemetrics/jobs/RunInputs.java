package com.governancemetrics.jobs;

import com.governancemetrics.config.GovernanceConfig;
import com.governancemetrics.failures.Failure;
import com.governancemetrics.input.DatasetFiles;
import com.governancemetrics.input.DatasetListing;
import com.governancemetrics.input.InputDataset;
import com.governancemetrics.input.InputFingerprint;
import com.governancemetrics.input.ReadScope;
import com.governancemetrics.output.Publication;
import com.governancemetrics.output.RunManifest;
import com.governancemetrics.output.Runs;
import com.governancemetrics.periods.Period;
import com.governancemetrics.rollup.PublishedHistory;
import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a run's result depends on, as one digest recorded in its manifest: the files it reads
 * ({@link InputFingerprint}), the configuration's sha256, the registry, the program's version,
 * whether it exports, and the earlier publications its anomaly rules judge against ({@link
 * PublishedHistory}). A nightly whose digest equals the one of the last publication of its period
 * has nothing new to publish.
 */
final class RunInputs {

  private static final Logger LOG = LoggerFactory.getLogger(RunInputs.class);

  private RunInputs() {}

  static String digest(Configuration conf, String inputRoot, String outputRoot, ReadScope scope,
      Map<InputDataset, DatasetFiles> files, GovernanceConfig config, boolean exports) {
    InputFingerprint fingerprint = new InputFingerprint()
        .add("periods", scope.runPeriods().toString())
        .add("config", config.sha256())
        .add("version", Version.current())
        .add("exports", String.valueOf(exports))
        .add("anomaly history", String.join("\n", PublishedHistory.under(outputRoot)
            .describe(conf, config.catalogue(), scope.runPeriods())));
    Path townships = DatasetListing.datasetFolder(inputRoot, InputDataset.TOWNSHIPS);
    try {
      if (townships.getFileSystem(conf).exists(townships)) {
        fingerprint.add("townships", DatasetListing.list(conf, inputRoot, InputDataset.TOWNSHIPS));
      } else {
        fingerprint.add("townships", "bundled");
      }
    } catch (IOException e) {
      fingerprint.add("townships", "unreadable: " + e.getMessage());
    }
    for (DatasetFiles f : files.values()) {
      fingerprint.add(f, scope);
    }
    return fingerprint.sha256();
  }

  /**
   * The run that last published {@code period} with the same inputs, if the inputs of a nightly for
   * it now are those; empty when anything differs or cannot be judged (the run then goes ahead).
   */
  static Optional<String> unchangedSince(Configuration conf, Publication publication, Period period,
      RunOptions options, GovernanceConfig config, boolean exports) {
    Optional<Runs.Published> last = Runs.latestPublishing(publication.fileSystem(),
        publication.root(), period);
    if (last.isEmpty()) {
      return Optional.empty();
    }
    try {
      RunManifest previous = RunManifest.read(publication.fileSystem(),
          new Path(last.get().manifestPath()));
      if (previous.inputsSha256() == null || !"nightly".equals(previous.job())) {
        return Optional.empty();
      }
      ReadScope scope = PeriodRun.scope(List.of(period), config);
      Map<InputDataset, DatasetFiles> files = new EnumMap<>(InputDataset.class);
      for (InputDataset dataset : InputDataset.facts()) {
        files.put(dataset, DatasetFiles.select(conf, options.inputRoot(), dataset, scope,
            options.skipCorruptFiles()));
      }
      String now = digest(conf, options.inputRoot(), options.output(), scope, files, config, exports);
      return now.equals(previous.inputsSha256()) ? Optional.of(previous.runId()) : Optional.empty();
    } catch (IOException | Failure e) {
      LOG.info("Whether anything is new is not known ({}): the run goes ahead", e.getMessage());
      return Optional.empty();
    }
  }
}
