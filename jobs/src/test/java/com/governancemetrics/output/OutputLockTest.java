package com.governancemetrics.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.governancemetrics.failures.OutputLocked;
import com.governancemetrics.failures.OutputUnwritable;
import com.governancemetrics.jobs.ExitCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One run per output root: the lock file, its holder, renewal and the takeover of a dead holder's lock. */
class OutputLockTest {

  private static final Duration STALE = Duration.ofMinutes(5);

  @TempDir
  Path out;

  private final FileSystem fs = Publication.fileSystem(new Configuration(), "/");

  private OutputLock acquire(String runId, Duration staleAfter) {
    return OutputLock.acquire(fs, new org.apache.hadoop.fs.Path(out.toString()), runId, "nightly",
        staleAfter);
  }

  /** A lock file as another run would have left it. */
  private Path writeLock(String runId, String host, long pid, Instant renewed) throws IOException {
    Path lock = out.resolve(OutputLock.FILE_NAME);
    Files.writeString(lock, """
        {"run_id": "%s", "job": "nightly", "host": "%s", "pid": %d, "started_at": "2024-07-01T02:00:00Z"}
        """.formatted(runId, host, pid), StandardCharsets.UTF_8);
    Files.setLastModifiedTime(lock, FileTime.from(renewed));
    return lock;
  }

  @Test
  void aSecondRunStopsWithExitFiveNamingTheHolder() {
    try (OutputLock first = acquire("run-a", STALE)) {
      assertThatThrownBy(() -> acquire("run-b", STALE))
          .isInstanceOfSatisfying(OutputLocked.class, e -> {
            assertThat(ExitCode.of(e)).isEqualTo(ExitCode.LOCKED);
            assertThat(e.getMessage()).contains("another run holds the output root", "run run-a",
                "pid " + ProcessHandle.current().pid(), OutputLock.hostName());
            assertThat(e.whatToDo()).contains("_lock", "README");
          });
      first.assertHeld();
    }
    assertThat(out.resolve(OutputLock.FILE_NAME)).doesNotExist();
  }

  @Test
  void theLockOfADeadProcessOnThisHostIsTakenOver() throws IOException {
    long dead = ProcessHandle.current().pid() + 1_000_000;
    writeLock("run-dead", OutputLock.hostName(), dead, Instant.now());
    try (OutputLock lock = acquire("run-b", STALE)) {
      lock.assertHeld();
      assertThat(Files.readString(out.resolve(OutputLock.FILE_NAME))).contains("run-b");
    }
  }

  @Test
  void aLockNotRenewedForTooLongIsTakenOverEvenFromAnotherHost() throws IOException {
    writeLock("run-gone", "some-other-host", 1, Instant.now().minus(Duration.ofMinutes(10)));
    try (OutputLock lock = acquire("run-b", STALE)) {
      lock.assertHeld();
    }
  }

  @Test
  void aRecentlyRenewedLockOfAnotherHostIsNotTakenOver() throws IOException {
    writeLock("run-elsewhere", "some-other-host", 1, Instant.now());
    assertThatThrownBy(() -> acquire("run-b", STALE)).isInstanceOf(OutputLocked.class)
        .hasMessageContaining("run run-elsewhere").hasMessageContaining("some-other-host");
    assertThat(Files.readString(out.resolve(OutputLock.FILE_NAME))).contains("run-elsewhere");
  }

  @Test
  void aLiveRunRenewsItsLock() throws Exception {
    try (OutputLock lock = acquire("run-a", Duration.ofSeconds(2))) {
      Path file = out.resolve(OutputLock.FILE_NAME);
      Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60)));
      Thread.sleep(1_600);
      assertThat(Files.getLastModifiedTime(file).toInstant())
          .isAfter(Instant.now().minusSeconds(5));
      lock.assertHeld();
    }
  }

  @Test
  void aRunWhoseLockWasTakenOverKnowsItAndLeavesTheNewHoldersLock() throws IOException {
    OutputLock stalled = acquire("run-a", STALE);
    writeLock("run-b", "some-other-host", 1, Instant.now());
    assertThatThrownBy(stalled::assertHeld).isInstanceOf(OutputLocked.class)
        .hasMessageContaining("run-a lost its lock").hasMessageContaining("run run-b");
    stalled.close();
    assertThat(Files.readString(out.resolve(OutputLock.FILE_NAME))).contains("run-b");
  }

  @Test
  void anOutputRootThatCannotBeCreatedIsUnwritable() throws IOException {
    Path file = Files.writeString(out.resolve("a-file"), "x");
    assertThatThrownBy(() -> OutputLock.acquire(fs,
        new org.apache.hadoop.fs.Path(file.resolve("out").toString()), "run-a", "nightly", STALE))
        .isInstanceOfSatisfying(OutputUnwritable.class, e -> {
          assertThat(ExitCode.of(e)).isEqualTo(ExitCode.INPUT);
          assertThat(e.getMessage()).contains("cannot write the output root", file.toString());
        });
  }
}
