import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * HDFS for the cluster test: one NameNode and one DataNode (hadoop-client-minicluster) on one host
 * address, a fresh file system under --dir, until the process is stopped (SIGTERM shuts it down).
 * Run by cluster/cluster.sh start-hdfs as a single-file program:
 *
 * <pre>java -cp MINICLUSTER_CLASSPATH cluster/hdfs/MiniHdfs.java --dir D --host 127.0.0.1 --port 9000
 *     --http-port 9870 --ready FILE</pre>
 *
 * Every address of the NameNode and the DataNode (RPC, data transfer, IPC, web UIs) is bound to --host.
 * When HDFS is up, the file --ready is written with the file system's URI.
 */
public final class MiniHdfs {

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    File dir = new File(require(options, "--dir"));
    String host = options.getOrDefault("--host", "127.0.0.1");
    int port = Integer.parseInt(options.getOrDefault("--port", "9000"));
    int httpPort = Integer.parseInt(options.getOrDefault("--http-port", "9870"));
    Path ready = Path.of(require(options, "--ready"));

    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.getAbsolutePath());
    conf.set("dfs.replication", "1");
    conf.set("dfs.namenode.rpc-address", host + ":" + port);
    conf.set("dfs.namenode.http-address", host + ":" + httpPort);
    conf.set("dfs.namenode.https-address", host + ":0");
    conf.set("dfs.namenode.secondary.http-address", host + ":0");
    conf.set("dfs.datanode.address", host + ":0");
    conf.set("dfs.datanode.http.address", host + ":0");
    conf.set("dfs.datanode.https.address", host + ":0");
    conf.set("dfs.datanode.ipc.address", host + ":0");
    conf.set("dfs.datanode.hostname", host);
    // Clients (Spark's executors) reach the DataNode at the address it registered with.
    conf.setBoolean("dfs.client.use.datanode.hostname", false);

    MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf, dir)
        .nameNodePort(port)
        .nameNodeHttpPort(httpPort)
        .numDataNodes(1)
        .format(true)
        .build();
    cluster.waitActive();
    FileSystem fs = cluster.getFileSystem();
    // One OS user runs the test; open the root so that any user name Spark presents can write.
    fs.setPermission(new org.apache.hadoop.fs.Path("/"), new FsPermission((short) 0777));

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("MiniHdfs: shutting down");
      cluster.shutdown();
      stopped.countDown();
    }));
    String uri = fs.getUri().toString();
    Files.writeString(ready, uri + "\n", StandardCharsets.UTF_8);
    System.out.println("MiniHdfs: up at " + uri + ", NameNode web UI http://" + host + ":" + httpPort
        + ", DataNode " + cluster.getDataNodes().get(0).getXferAddress());
    stopped.await();
  }

  private static String require(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException(name + " is required");
    }
    return value;
  }
}
