package com.governancemetrics.export;

import com.governancemetrics.output.Publication;
import com.governancemetrics.output.PublishingSteps;
import com.governancemetrics.periods.Period;
import java.io.IOException;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Where the exports of one period are written: one folder per province, which the caller publishes
 * (a run's staging area; the files themselves are written plainly).
 */
public interface ExportDestination {

  /** The file system the folders are on. */
  FileSystem fileSystem();

  /** The empty folder the province's files go to. */
  Path provinceFolder(String provinceCode) throws IOException;

  /** Called once all of the province's files are written. */
  default void written(String provinceCode) {}

  /**
   * What the exports of a period publish, relative to the output root: {@code exports/period=P}
   * (every province), or one province's folder in it.
   */
  static String target(Period period, Optional<String> province) {
    String folder = "exports/" + Publication.partitionName(period);
    return province.map(code -> folder + "/" + code).orElse(folder);
  }

  /**
   * The publication's staging folder of {@link #target} as the destination; the caller includes the
   * target once the exports are written.
   */
  static ExportDestination staged(Publication publication, Period period, Optional<String> province) {
    String periodFolder = target(period, Optional.empty());
    return new ExportDestination() {
      @Override
      public FileSystem fileSystem() {
        return publication.fileSystem();
      }

      @Override
      public Path provinceFolder(String provinceCode) throws IOException {
        if (province.isPresent() && !province.get().equals(provinceCode)) {
          throw new IllegalArgumentException("the export of province " + province.get()
              + " also wrote " + provinceCode);
        }
        Path folder = publication.staged(periodFolder + "/" + provinceCode);
        if (!publication.fileSystem().mkdirs(folder)) {
          throw new IOException("cannot create " + folder);
        }
        return folder;
      }

      @Override
      public void written(String provinceCode) {
        PublishingSteps.after("export:" + periodFolder + "/" + provinceCode);
      }
    };
  }
}
