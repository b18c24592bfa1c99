package com.governancemetrics.output;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.governancemetrics.failures.OutputLocked;
import com.governancemetrics.failures.OutputUnwritable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run per output root at a time (SPEC §3): the file {@code <output>/_lock}, created atomically
 * ({@link FileSystem#create} without overwrite, atomic on HDFS and local disks), holds the run id, job,
 * host, pid and start; its modification time is renewed while the run lives. A second run stops with
 * {@link OutputLocked} (exit 5) naming the holder. A lock whose holder is gone — not renewed for the
 * configured time, or a pid that no longer runs on this same host — is taken over with a warning.
 */
public final class OutputLock implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(OutputLock.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  public static final String FILE_NAME = "_lock";

  /** What the lock file says about the run that holds it. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Holder(@JsonProperty("run_id") String runId, @JsonProperty("job") String job,
      @JsonProperty("host") String host, @JsonProperty("pid") long pid,
      @JsonProperty("started_at") String startedAt) {

    String describe() {
      return "run " + runId + " (" + job + ", host " + host + ", pid " + pid + ", started " + startedAt
          + ")";
    }
  }

  private final FileSystem fs;
  private final Path file;
  private final Holder self;
  private final ScheduledExecutorService renewal;
  private volatile boolean lost;

  private OutputLock(FileSystem fs, Path file, Holder self, Duration staleAfter) {
    this.fs = fs;
    this.file = file;
    this.self = self;
    this.renewal = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "output-lock-renewal");
      t.setDaemon(true);
      return t;
    });
    long every = Math.max(1000, staleAfter.toMillis() / 5);
    renewal.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Takes the lock of {@code root} for the run, creating the root if needed. Throws {@link
   * OutputUnwritable} (nothing can be written there) or {@link OutputLocked} (a live run holds it).
   */
  public static OutputLock acquire(FileSystem fs, Path root, String runId, String job,
      Duration staleAfter) {
    Path file = new Path(root, FILE_NAME);
    Holder self = new Holder(runId, job, hostName(), ProcessHandle.current().pid(),
        Instant.now().toString());
    try {
      fs.mkdirs(root);
    } catch (IOException e) {
      throw cannotWrite(root, e);
    }
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        create(fs, file, self);
        return new OutputLock(fs, file, self, staleAfter);
      } catch (FileAlreadyExistsException e) {
        // held, or left behind: look at the holder below
      } catch (IOException e) {
        if (!exists(fs, file)) {
          throw cannotWrite(root, e);
        }
      }
      Optional<FileStatus> status = status(fs, file);
      if (status.isEmpty()) {
        continue; // released in between: try again
      }
      Holder holder = readHolder(fs, file).orElse(null);
      String gone = whyGone(holder, status.get(), staleAfter);
      if (gone == null) {
        throw locked(root, holder, status.get(), staleAfter);
      }
      if (takeOver(fs, root, file, holder, self)) {
        LOG.warn("Took over the lock of {}: {} {}", root,
            holder == null ? "an unreadable lock file" : holder.describe(), gone);
        return new OutputLock(fs, file, self, staleAfter);
      }
    }
    Holder holder = readHolder(fs, file).orElse(null);
    throw locked(root, holder, status(fs, file).orElse(null), staleAfter);
  }

  /** Whether this run still holds the lock (not taken over after it stalled longer than allowed). */
  public void assertHeld() {
    Optional<Holder> now = readHolder(fs, file);
    if (lost || now.isEmpty() || !self.runId().equals(now.get().runId())) {
      lost = true;
      throw new OutputLocked("run " + self.runId() + " lost its lock on " + file.getParent()
          + (now.map(h -> " to " + h.describe()).orElse("")) + "; it publishes nothing",
          "Make sure no other run writes this output root, then run again (raise "
              + "settings.lock_stale_after_seconds if the run stalls for long).");
    }
  }

  public Holder holder() {
    return self;
  }

  /** Stops renewing and deletes the lock file if it is still this run's. */
  @Override
  public void close() {
    renewal.shutdownNow();
    try {
      Optional<Holder> now = readHolder(fs, file);
      if (now.isPresent() && self.runId().equals(now.get().runId())) {
        fs.delete(file, false);
      }
    } catch (IOException e) {
      LOG.warn("could not release the lock {}: {}", file, e.toString());
    }
  }

  private void renew() {
    try {
      Optional<Holder> now = readHolder(fs, file);
      if (now.isEmpty() || !self.runId().equals(now.get().runId())) {
        if (!lost) {
          LOG.error("The lock {} is no longer this run's ({}): this run will not publish", file,
              now.map(Holder::describe).orElse("no lock file"));
        }
        lost = true;
        return;
      }
      fs.setTimes(file, System.currentTimeMillis(), -1);
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not renew the lock {}: {}", file, e.toString());
    }
  }

  /** Null while the holder may be alive; else why it is taken to be gone. */
  static String whyGone(Holder holder, FileStatus status, Duration staleAfter) {
    long age = System.currentTimeMillis() - status.getModificationTime();
    if (age > staleAfter.toMillis()) {
      return "(not renewed for " + age / 1000 + " s, over settings.lock_stale_after_seconds = "
          + staleAfter.toSeconds() + ")";
    }
    if (holder != null && holder.host() != null && holder.host().equals(hostName())
        && ProcessHandle.of(holder.pid()).map(p -> !p.isAlive()).orElse(true)) {
      return "(its process " + holder.pid() + " no longer runs on this host)";
    }
    return null;
  }

  /**
   * Moves the dead holder's lock aside, checks it was that holder's (and not a lock another run took
   * over in between, which is put back), then creates this run's. False when another run won.
   */
  private static boolean takeOver(FileSystem fs, Path root, Path file, Holder dead, Holder self) {
    Path aside = new Path(root, FILE_NAME + ".taken-by-" + self.runId());
    try {
      if (!fs.rename(file, aside)) {
        return false;
      }
      Optional<Holder> moved = readHolder(fs, aside);
      boolean same = dead == null ? moved.isEmpty()
          : moved.isPresent() && dead.runId().equals(moved.get().runId());
      if (!same) {
        if (!exists(fs, file)) {
          fs.rename(aside, file);
        }
        return false;
      }
      fs.delete(aside, false);
      create(fs, file, self);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      throw cannotWrite(root, e);
    }
  }

  private static void create(FileSystem fs, Path file, Holder holder) throws IOException {
    try (OutputStream out = fs.create(file, false)) {
      out.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(holder));
    }
  }

  static Optional<Holder> readHolder(FileSystem fs, Path file) {
    try (InputStream in = fs.open(file)) {
      return Optional.ofNullable(JSON.readValue(in, Holder.class));
    } catch (FileNotFoundException e) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<FileStatus> status(FileSystem fs, Path file) {
    try {
      return Optional.of(fs.getFileStatus(file));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static boolean exists(FileSystem fs, Path file) {
    return status(fs, file).isPresent();
  }

  private static OutputLocked locked(Path root, Holder holder, FileStatus status,
      Duration staleAfter) {
    String renewed = status == null ? "" : ", last renewed "
        + Instant.ofEpochMilli(status.getModificationTime());
    return new OutputLocked("another run holds the output root " + root + ": "
        + (holder == null ? "an unreadable lock file" : holder.describe()) + renewed,
        "Wait for that run to finish and run again; if its host is gone, the lock is taken over "
            + "after " + staleAfter.toSeconds() + " s without renewal, or delete "
            + new Path(root, FILE_NAME) + " by hand once you are sure it no longer runs (README).");
  }

  private static OutputUnwritable cannotWrite(Path root, IOException e) {
    return new OutputUnwritable("cannot write the output root " + root + ": " + e.getMessage(),
        "Check that --output names a folder the user running the job may create and write, on a "
            + "reachable file system with free space.", e);
  }

  static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      String env = System.getenv("HOSTNAME");
      return env == null ? "unknown" : env;
    }
  }
}
