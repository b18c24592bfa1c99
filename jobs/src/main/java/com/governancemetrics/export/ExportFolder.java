package com.governancemetrics.export;

import com.governancemetrics.periods.Period;
import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A province's export folder {@code exports/period=P/<province_code>/}, written in a staging folder
 * beside it (its name starts with "_", so it is not data) and renamed into place: readers see the old
 * folder or the new one, never a half-written one; a rerun replaces the folder and nothing else.
 */
final class ExportFolder {

  private final FileSystem fs;
  private final Path target;
  private final Path staging;

  private ExportFolder(FileSystem fs, Path target, Path staging) {
    this.fs = fs;
    this.target = target;
    this.staging = staging;
  }

  static Path periodFolder(String outputRoot, Period period) {
    return new Path(new Path(outputRoot, "exports"), "period=" + period);
  }

  /** Creates an empty staging folder for the province's files. */
  static ExportFolder stage(Configuration conf, String outputRoot, Period period, String provinceCode)
      throws IOException {
    Path parent = periodFolder(outputRoot, period);
    FileSystem fs = parent.getFileSystem(conf);
    if (fs instanceof LocalFileSystem local) {
      // No .crc side files next to the people's files on a local or mounted shared drive.
      fs = local.getRawFileSystem();
    }
    Path staging = new Path(parent, "_staging-" + provinceCode + "-" + UUID.randomUUID());
    if (!fs.mkdirs(staging)) {
      throw new IOException("cannot create " + staging);
    }
    return new ExportFolder(fs, new Path(parent, provinceCode), staging);
  }

  OutputStream create(String fileName) throws IOException {
    return fs.create(new Path(staging, fileName), false);
  }

  /**
   * Moves the staged files into place: the old folder, if any, is first renamed aside, then the staged
   * folder takes its name and the old one is deleted. If the second rename fails the old folder is put back.
   */
  Path publish() throws IOException {
    Path aside = null;
    if (fs.exists(target)) {
      aside = new Path(target.getParent(), "_replaced-" + target.getName() + "-" + UUID.randomUUID());
      if (!fs.rename(target, aside)) {
        throw new IOException("cannot move the previous export " + target + " aside");
      }
    }
    if (!fs.rename(staging, target)) {
      if (aside != null) {
        fs.rename(aside, target);
      }
      throw new IOException("cannot rename " + staging + " to " + target);
    }
    if (aside != null) {
      fs.delete(aside, true);
    }
    return target;
  }

  /** Deletes the staging folder after a failure; the published folder is untouched. */
  void abandon() {
    try {
      fs.delete(staging, true);
    } catch (IOException ignored) {
      // Best effort: a leftover "_staging-…" folder is not data and the next run ignores it.
    }
  }

  Path target() {
    return target;
  }
}
