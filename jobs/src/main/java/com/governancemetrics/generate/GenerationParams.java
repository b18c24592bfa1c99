package com.governancemetrics.generate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import org.apache.hadoop.conf.Configuration;

/** The run-wide settings every task needs, with the driver's Hadoop configuration (for hdfs:// etc.). */
final class GenerationParams implements Serializable {
  private static final long serialVersionUID = 1L;

  final long seed;
  final double badRowRate;
  final double duplicateRate;
  final FileSplit split;
  /** The qualified output root, e.g. file:/…/data/sample or hdfs://nn/gov/raw. */
  final String outputRoot;
  /** The last day generated: nothing is rectified after it. */
  final LocalDate snapshot;
  private final byte[] hadoopConfiguration;

  GenerationParams(long seed, double badRowRate, double duplicateRate, FileSplit split, String outputRoot,
      LocalDate snapshot, Configuration conf) {
    this.seed = seed;
    this.badRowRate = badRowRate;
    this.duplicateRate = duplicateRate;
    this.split = split;
    this.outputRoot = outputRoot;
    this.snapshot = snapshot;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      conf.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.hadoopConfiguration = bytes.toByteArray();
  }

  Configuration hadoopConfiguration() {
    Configuration conf = new Configuration(false);
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(hadoopConfiguration))) {
      conf.readFields(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return conf;
  }

  /** Identical extra copies per row; with county files half the rate goes to whole files delivered twice. */
  double rowDuplicateRate() {
    return split == FileSplit.COUNTY ? duplicateRate / 2 : duplicateRate;
  }
}
