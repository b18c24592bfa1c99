package com.governancemetrics.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The TCP sockets that processes listen on, read from Linux's /proc (what {@code ss -ltnp} shows,
 * without needing it installed): /proc/net/tcp and tcp6 give every listening socket with its local
 * address and inode, /proc/PID/fd which of them a process holds.
 */
public final class ListeningSockets {

  private static final Pattern SOCKET = Pattern.compile("socket:\\[(\\d+)]");

  private ListeningSockets() {}

  /** One listening socket of a process. */
  public record Listener(long pid, String command, InetAddress address, int port) {

    public boolean loopback() {
      return address.isLoopbackAddress();
    }

    @Override
    public String toString() {
      return address.getHostAddress() + ":" + port + " (pid " + pid + " " + command + ")";
    }
  }

  /** The listening sockets of the processes and all their descendants, now. */
  public static List<Listener> of(Collection<Long> pids) {
    Map<Long, InetAddressAndPort> listening = listeningByInode();
    Set<Long> all = new TreeSet<>();
    for (long pid : pids) {
      all.add(pid);
      ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> all.add(d.pid())));
    }
    List<Listener> result = new ArrayList<>();
    for (long pid : all) {
      String command = command(pid);
      for (long inode : socketInodes(pid)) {
        InetAddressAndPort at = listening.get(inode);
        if (at != null) {
          result.add(new Listener(pid, command, at.address(), at.port()));
        }
      }
    }
    return result;
  }

  /**
   * Samples the listening sockets of some processes (and their descendants) every few hundred
   * milliseconds in the background, until {@link #stop()}: for processes that come and go (a run's
   * driver and executors).
   */
  public static final class Sampler implements AutoCloseable {
    private final Set<String> seen = new java.util.LinkedHashSet<>();
    private final List<Listener> listeners = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private int samples;

    public Sampler(java.util.function.Supplier<Collection<Long>> pids) {
      thread = new Thread(() -> {
        while (running) {
          List<Listener> now = of(pids.get());
          synchronized (this) {
            samples++;
            for (Listener l : now) {
              if (seen.add(l.pid() + " " + l.address().getHostAddress() + " " + l.port())) {
                listeners.add(l);
              }
            }
          }
          try {
            Thread.sleep(250);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "listening-sockets-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    /** Stops sampling; every distinct listener seen. */
    public synchronized List<Listener> stop() {
      running = false;
      thread.interrupt();
      return List.copyOf(listeners);
    }

    public synchronized int samples() {
      return samples;
    }

    @Override
    public void close() {
      stop();
    }
  }

  /** The listeners that are not on a loopback address. */
  public static List<Listener> notLoopback(Collection<Listener> listeners) {
    return listeners.stream().filter(l -> !l.loopback()).toList();
  }

  private record InetAddressAndPort(InetAddress address, int port) {}

  private static Map<Long, InetAddressAndPort> listeningByInode() {
    Map<Long, InetAddressAndPort> result = new HashMap<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      List<String> lines;
      try {
        lines = Files.readAllLines(Path.of(table));
      } catch (IOException e) {
        continue; // no IPv6 on this machine
      }
      for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
        String[] f = line.trim().split("\\s+");
        // sl local_address rem_address st tx:rx tr:tm retrnsmt uid timeout inode
        if (f.length < 10 || !f[3].equals("0A")) {
          continue; // 0A = LISTEN
        }
        String[] local = f[1].split(":");
        result.put(Long.parseLong(f[9]),
            new InetAddressAndPort(address(local[0]), Integer.parseInt(local[1], 16)));
      }
    }
    return result;
  }

  /** /proc/net/tcp* addresses: hex, each 32-bit word in host (little-endian) byte order. */
  private static InetAddress address(String hex) {
    byte[] bytes = new byte[hex.length() / 2];
    for (int word = 0; word < bytes.length / 4; word++) {
      for (int b = 0; b < 4; b++) {
        int at = word * 8 + (3 - b) * 2;
        bytes[word * 4 + b] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
      }
    }
    try {
      return InetAddress.getByAddress(bytes); // an IPv4-mapped IPv6 address comes back as IPv4
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(hex, e);
    }
  }

  private static Set<Long> socketInodes(long pid) {
    Set<Long> inodes = new TreeSet<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
      for (Path fd : fds) {
        try {
          Matcher m = SOCKET.matcher(Files.readSymbolicLink(fd).toString());
          if (m.matches()) {
            inodes.add(Long.parseLong(m.group(1)));
          }
        } catch (IOException e) {
          // the descriptor closed meanwhile
        }
      }
    } catch (IOException e) {
      // the process ended meanwhile
    }
    return inodes;
  }

  private static String command(long pid) {
    try (Stream<String> words = Stream.of(Files.readString(Path.of("/proc", Long.toString(pid),
        "cmdline")).split("\0"))) {
      String all = words.collect(Collectors.joining(" "));
      for (String main : List.of("org.apache.spark.deploy.master.Master",
          "org.apache.spark.deploy.worker.Worker", "org.apache.spark.deploy.worker.DriverWrapper",
          "org.apache.spark.executor.CoarseGrainedExecutorBackend",
          "org.apache.spark.deploy.SparkSubmit", "MiniHdfs")) {
        if (all.contains(main)) {
          return main.substring(main.lastIndexOf('.') + 1);
        }
      }
      return all.length() > 80 ? all.substring(0, 80) + "…" : all;
    } catch (IOException e) {
      return "?";
    }
  }
}
