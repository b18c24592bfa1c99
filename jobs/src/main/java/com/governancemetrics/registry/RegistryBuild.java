package com.governancemetrics.registry;

import com.governancemetrics.failures.UsageError;
import com.governancemetrics.input.ColumnSpec;
import com.governancemetrics.input.InputDataset;
import com.governancemetrics.parquet.ParquetFileWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds {@code data/registry/townships/townships.parquet} from the admin-division CSVs: the same rows
 * as the registry bundled in the jar, written deterministically (the same CSVs give the same bytes).
 */
public final class RegistryBuild {

  private static final Logger LOG = LoggerFactory.getLogger(RegistryBuild.class);

  /** The one file the registry folder holds. */
  public static final String FILE_NAME = "townships.parquet";

  /** Where the CSVs are and where the registry goes. */
  public record Options(String source, String output) {}

  private RegistryBuild() {}

  public static List<Township> run(Options options) {
    Configuration conf = new Configuration();
    Path source = new Path(options.source());
    List<Township> townships;
    try {
      FileSystem fs = source.getFileSystem(conf);
      townships = AdminDivisions.build(name -> open(fs, new Path(source, name)));
      Path folder = new Path(options.output());
      FileSystem out = folder.getFileSystem(conf);
      if (out.exists(folder)) {
        out.delete(folder, true);
      }
      out.mkdirs(folder);
      ParquetFileWriter.write(conf, new Path(folder, FILE_NAME), schema(),
          townships.stream().map(RegistryBuild::row).toList());
      LOG.info("Registry: {} townships from {} written to {}", townships.size(), source, folder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build the registry: " + e.getMessage(), e);
    }
    return townships;
  }

  static MessageType schema() {
    Type[] columns = InputDataset.TOWNSHIPS.columns().stream().map(ColumnSpec::name)
        .map(ParquetFileWriter::string).toArray(Type[]::new);
    return ParquetFileWriter.schema("townships", columns);
  }

  private static Object[] row(Township t) {
    return new Object[] {t.townshipCode(), t.townshipName(), t.townshipType(), t.countyCode(),
        t.countyName(), t.cityCode(), t.cityName(), t.provinceCode(), t.provinceName()};
  }

  private static InputStream open(FileSystem fs, Path file) {
    try {
      return fs.open(file);
    } catch (IOException e) {
      throw new UsageError("registry: cannot read " + file + ": " + e.getMessage(),
          "Pass --source with the folder holding provinces.csv, cities.csv, areas.csv, streets.csv.");
    }
  }
}
