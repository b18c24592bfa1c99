package com.governancemetrics.input;

import com.governancemetrics.failures.InputFault;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Lists the data files of a dataset: recursively under {@code <input>/<folder>/}; files and folders
 * whose names start with {@code _} or {@code .} are not data (SPEC §1: {@code _SUCCESS}, {@code .crc});
 * {@code k=v} folders give partition values.
 */
public final class DatasetListing {

  private DatasetListing() {}

  /** The dataset's folder under the input root. */
  public static Path datasetFolder(String inputRoot, InputDataset dataset) {
    return new Path(inputRoot, dataset.folder());
  }

  /**
   * Every data file of the dataset, sorted by path. A missing dataset folder is a dataset-level
   * fault (exit 4); an empty one is not (the caller decides what the run needs).
   */
  public static List<InputFile> list(Configuration conf, String inputRoot, InputDataset dataset) {
    Path folder = datasetFolder(inputRoot, dataset);
    try {
      FileSystem fs = folder.getFileSystem(conf);
      FileStatus root;
      try {
        root = fs.getFileStatus(folder);
      } catch (FileNotFoundException e) {
        throw new InputFault(dataset.folder() + ": the input root has no folder " + folder,
            "Deliver " + dataset.folder() + "/ under the input root " + inputRoot
                + " (SPEC §1 layout), or point --input at the right root.");
      }
      if (!root.isDirectory()) {
        throw new InputFault(dataset.folder() + ": " + folder + " is a file, not a folder",
            "Put the dataset's Parquet files in a folder " + dataset.folder()
                + "/ under the input root.");
      }
      List<InputFile> files = new ArrayList<>();
      collect(fs, root.getPath(), "", new LinkedHashMap<>(), files);
      files.sort(Comparator.comparing(InputFile::path));
      return List.copyOf(files);
    } catch (IOException e) {
      throw new InputFault(dataset.folder() + ": cannot list " + folder + ": " + e.getMessage(),
          "Check that the input root exists and is readable by the user running the job.");
    }
  }

  /** True for names that are not data: {@code _SUCCESS}, {@code _temporary}, {@code .crc}, … */
  public static boolean isHidden(String name) {
    return name.startsWith("_") || name.startsWith(".");
  }

  private static void collect(FileSystem fs, Path dir, String relative,
      Map<String, String> partitions, List<InputFile> out) throws IOException {
    FileStatus[] children = fs.listStatus(dir);
    for (FileStatus child : children) {
      String name = child.getPath().getName();
      if (isHidden(name)) {
        continue;
      }
      String childRelative = relative.isEmpty() ? name : relative + "/" + name;
      if (child.isDirectory()) {
        Map<String, String> childPartitions = new LinkedHashMap<>(partitions);
        int eq = name.indexOf('=');
        if (eq > 0) {
          childPartitions.put(name.substring(0, eq), unescape(name.substring(eq + 1)));
        }
        collect(fs, child.getPath(), childRelative, childPartitions, out);
      } else {
        out.add(new InputFile(child.getPath().toString(), childRelative, partitions,
            child.getLen(), child.getModificationTime()));
      }
    }
  }

  /** Undoes hive's escaping of partition values ({@code %2F} and friends), as Spark does. */
  static String unescape(String value) {
    StringBuilder sb = new StringBuilder(value.length());
    int i = 0;
    while (i < value.length()) {
      char c = value.charAt(i);
      if (c == '%' && i + 2 < value.length()
          && isHex(value.charAt(i + 1)) && isHex(value.charAt(i + 2))) {
        sb.append((char) Integer.parseInt(value.substring(i + 1, i + 3), 16));
        i += 3;
      } else {
        sb.append(c);
        i++;
      }
    }
    return sb.toString();
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0;
  }
}
