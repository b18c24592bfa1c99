package com.governancemetrics.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * The local disk under the scheme {@code faulty://}, whose writes fail like a full disk: once {@link
 * #failWrites} is set, writing to a path containing its text throws "No space left on device" after
 * the given number of bytes (test helper; register with {@code fs.faulty.impl}).
 */
public final class FaultyFileSystem extends RawLocalFileSystem {

  public static final String SCHEME = "faulty";
  private static volatile String failingPath;
  private static volatile long failAfterBytes;

  /** Writes to paths containing {@code pathPart} fail after {@code bytes} bytes; null: none fail. */
  public static void failWrites(String pathPart, long bytes) {
    failingPath = pathPart;
    failAfterBytes = bytes;
  }

  /** Registers the scheme in a Hadoop configuration. */
  public static void register(Configuration conf) {
    conf.set("fs." + SCHEME + ".impl", FaultyFileSystem.class.getName());
    conf.setBoolean("fs." + SCHEME + ".impl.disable.cache", true);
  }

  @Override
  public URI getUri() {
    return URI.create(SCHEME + ":///");
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }

  @Override
  public FSDataOutputStream create(Path f, boolean overwrite, int bufferSize, short replication,
      long blockSize, Progressable progress) throws IOException {
    return failing(f, super.create(f, overwrite, bufferSize, replication, blockSize, progress));
  }

  @Override
  public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize,
      short replication, long blockSize, Progressable progress) throws IOException {
    return failing(f, super.create(f, permission, overwrite, bufferSize, replication, blockSize,
        progress));
  }

  @Override
  public FSDataOutputStream createNonRecursive(Path f, FsPermission permission, boolean overwrite,
      int bufferSize, short replication, long blockSize, Progressable progress) throws IOException {
    return failing(f, super.createNonRecursive(f, permission, overwrite, bufferSize, replication,
        blockSize, progress));
  }

  private static FSDataOutputStream failing(Path f, FSDataOutputStream out) throws IOException {
    String part = failingPath;
    if (part == null || !f.toString().contains(part)) {
      return out;
    }
    long limit = failAfterBytes;
    AtomicLong written = new AtomicLong();
    OutputStream counting = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        check(1);
        out.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        check(len);
        out.write(b, off, len);
      }

      private void check(int n) throws IOException {
        if (written.addAndGet(n) > limit) {
          throw new IOException("No space left on device");
        }
      }

      @Override
      public void flush() throws IOException {
        out.flush();
      }

      @Override
      public void close() throws IOException {
        out.close();
      }
    };
    return new FSDataOutputStream(counting, null);
  }
}
