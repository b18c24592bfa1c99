package com.governancemetrics.export;

import com.governancemetrics.output.RunManifest;
import java.io.IOException;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The data-quality figures an export shows: the manifest of the run that published the tables, or,
 * when it cannot be had, why not (shown to people instead of the numbers).
 */
public record RunQuality(Optional<RunManifest> manifest, String problem) {

  public RunQuality {
    manifest = manifest == null ? Optional.empty() : manifest;
  }

  public static RunQuality of(RunManifest manifest) {
    return new RunQuality(Optional.of(manifest), null);
  }

  public static RunQuality unavailable(String problem) {
    return new RunQuality(Optional.empty(), problem);
  }

  /** Reads a manifest leniently: a file that is missing or unreadable gives the reason, not a failure. */
  public static RunQuality load(Configuration conf, Path path) {
    try {
      FileSystem fs = path.getFileSystem(conf);
      if (!fs.exists(path)) {
        return unavailable("未找到运行清单 " + path);
      }
      return of(RunManifest.read(fs, path));
    } catch (IOException | RuntimeException e) {
      return unavailable("运行清单 " + path + " 无法读取：" + e.getMessage());
    }
  }
}
