package com.governancemetrics.output;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What a run is about to publish, written before its first move: {@code _runs/<run_id>/commit.json}
 * lists every move (a staged folder or file into its place, the one it replaces aside). The record is
 * done once {@code _runs/<run_id>/commit.done} exists; a record found not done is rolled forward by
 * the next run ({@link Recovery}). Paths are relative to the output root.
 *
 * @param moves in the order they are made
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CommitRecord(@JsonProperty("run_id") String runId,
    @JsonProperty("moves") List<Move> moves) {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  static final String FILE_NAME = "commit.json";
  static final String DONE_NAME = "commit.done";

  /**
   * One move: {@code staged} becomes {@code target}; what was at {@code target} goes to
   * {@code displaced} first.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Move(@JsonProperty("staged") String staged, @JsonProperty("target") String target,
      @JsonProperty("displaced") String displaced) {}

  public CommitRecord {
    moves = List.copyOf(moves);
  }

  static Path path(Path root, String runId) {
    return new Path(root, Runs.FOLDER + "/" + runId + "/" + FILE_NAME);
  }

  static Path donePath(Path root, String runId) {
    return new Path(root, Runs.FOLDER + "/" + runId + "/" + DONE_NAME);
  }

  /** Writes the record under a temporary name and renames it into place, so it is whole or absent. */
  void write(FileSystem fs, Path root) throws IOException {
    Path target = path(root, runId);
    Path temporary = new Path(target.getParent(), "." + FILE_NAME + ".tmp");
    fs.mkdirs(target.getParent());
    try (OutputStream out = fs.create(temporary, true)) {
      out.write(JSON.writeValueAsBytes(this));
    }
    if (!fs.rename(temporary, target)) {
      throw new IOException("cannot rename " + temporary + " to " + target);
    }
  }

  void markDone(FileSystem fs, Path root) throws IOException {
    fs.create(donePath(root, runId), true).close();
  }

  static boolean isDone(FileSystem fs, Path root, String runId) throws IOException {
    return fs.exists(donePath(root, runId));
  }

  /**
   * Makes the moves that are not made yet, in order; safe to repeat after a crash at any point (a
   * move whose staged path is gone is made). Never renames onto an existing path (a local file
   * system would move the folder inside it). {@code ownSteps}: the publishing run's own moves, whose
   * steps are traced ({@link PublishingSteps}); a recovery's are not.
   */
  void apply(FileSystem fs, Path root, boolean ownSteps) throws IOException {
    for (Move move : moves) {
      Path staged = new Path(root, move.staged());
      Path target = new Path(root, move.target());
      if (!fs.exists(staged)) {
        if (!fs.exists(target)) {
          throw new IOException("the publication of run " + runId + " lost " + staged
              + ": neither it nor " + target + " exists");
        }
        continue;
      }
      if (fs.exists(target)) {
        Path displaced = new Path(root, move.displaced());
        if (fs.exists(displaced)) {
          throw new IOException("cannot move " + target + " aside: " + displaced + " exists already");
        }
        fs.mkdirs(displaced.getParent());
        rename(fs, target, displaced);
        if (ownSteps) {
          PublishingSteps.after("aside:" + stepName(move.target()));
        }
      }
      fs.mkdirs(target.getParent());
      rename(fs, staged, target);
      if (ownSteps) {
        PublishingSteps.after("in:" + stepName(move.target()));
      }
    }
  }

  /** A step's name does not depend on the run: its own id reads {@code <run_id>}. */
  private String stepName(String target) {
    return target.replace(runId, PublishingSteps.RUN_ID);
  }

  private static void rename(FileSystem fs, Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("rename " + from + " -> " + to + " failed");
    }
  }

  static Optional<CommitRecord> read(FileSystem fs, Path root, String runId) throws IOException {
    try (InputStream in = fs.open(path(root, runId))) {
      return Optional.of(JSON.readValue(in, CommitRecord.class));
    } catch (FileNotFoundException e) {
      return Optional.empty();
    }
  }
}
