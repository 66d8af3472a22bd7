package io.lakeml.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;

/**
 * A real S3-compatible server (S3Proxy, in-memory) on a free loopback port, started in its own JVM
 * through {@code bin/s3proxy.sh}, and the S3A settings that point a session at it. The fixed test
 * identity below is for this loopback server only.
 */
public final class S3ProxyServer implements AutoCloseable {
  public static final String IDENTITY = "lakeml-test";
  public static final String CREDENTIAL = "lakeml-test-secret";
  public static final String BUCKET = "lakeml";

  private final Path root;
  private final Path stateDir;
  private final int port;
  private final String credential;

  private S3ProxyServer(Path root, Path stateDir, int port, String credential) {
    this.root = root;
    this.stateDir = stateDir;
    this.port = port;
    this.credential = credential;
  }

  public static S3ProxyServer start(Path stateDir) throws IOException, InterruptedException {
    return start(stateDir, CREDENTIAL);
  }

  /** A server whose test identity has {@code credential} as its secret key. */
  public static S3ProxyServer start(Path stateDir, String credential)
      throws IOException, InterruptedException {
    Path root = TestConfigs.projectRoot();
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    S3ProxyServer server = new S3ProxyServer(root, stateDir, port, credential);
    server.script("start", Integer.toString(port));
    return server;
  }

  /** The folder bin/s3proxy.sh keeps this server's state in (its client.env, its catalog). */
  public Path stateDir() {
    return stateDir;
  }

  public String credential() {
    return credential;
  }

  public int port() {
    return port;
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** S3A settings for this server, as Hadoop configuration keys. */
  public Map<String, String> s3aSettings() {
    Map<String, String> settings = new java.util.HashMap<>(s3aSettings(endpoint()));
    settings.put("fs.s3a.secret.key", credential);
    return settings;
  }

  /** S3A settings for a server of this kind (the test identity) at {@code endpoint}. */
  public static Map<String, String> s3aSettings(String endpoint) {
    return Map.of(
        "fs.s3a.endpoint", endpoint,
        "fs.s3a.path.style.access", "true",
        "fs.s3a.connection.ssl.enabled", "false",
        "fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider",
        "fs.s3a.access.key", IDENTITY,
        "fs.s3a.secret.key", CREDENTIAL,
        "fs.s3a.attempts.maximum", "2",
        "fs.s3a.retry.limit", "2",
        "fs.s3a.committer.magic.enabled", "true",
        "fs.s3a.committer.name", "magic");
  }

  /**
   * Points a running session at this server and routes its writes through the S3A committers, as
   * {@code conf/env/*.conf} does for a real deployment.
   */
  public void configure(SparkSession spark) {
    configure(spark, endpoint());
    spark.sparkContext().hadoopConfiguration().set("fs.s3a.secret.key", credential);
  }

  /**
   * Points a running session at the server of this kind at {@code endpoint}, for example the one
   * {@code bin/cluster.sh start --with-s3} starts, as {@link #configure(SparkSession)} does.
   */
  public static void configure(SparkSession spark, String endpoint) {
    s3aSettings(endpoint).forEach((k, v) -> spark.sparkContext().hadoopConfiguration().set(k, v));
    spark
        .sparkContext()
        .hadoopConfiguration()
        .set(
            "mapreduce.outputcommitter.factory.scheme.s3a",
            "org.apache.hadoop.fs.s3a.commit.S3ACommitterFactory");
    spark
        .conf()
        .set(
            "spark.sql.sources.commitProtocolClass",
            "org.apache.spark.internal.io.cloud.PathOutputCommitProtocol");
    spark
        .conf()
        .set(
            "spark.sql.parquet.output.committer.class",
            "org.apache.spark.internal.io.cloud.BindingParquetOutputCommitter");
    // A cached S3A client built before these settings would keep the old endpoint.
    try {
      org.apache.hadoop.fs.FileSystem.closeAll();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    script("stop");
  }

  private void script(String... args) throws IOException, InterruptedException {
    String[] command = new String[args.length + 1];
    command[0] = root.resolve("bin/s3proxy.sh").toString();
    System.arraycopy(args, 0, command, 1, args.length);
    Path log = Files.createTempFile("s3proxy-script", ".log");
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("LAKEML_S3PROXY_DIR", stateDir.toString());
    pb.environment().put("LAKEML_S3_CREDENTIAL", credential);
    Process p = pb.start();
    if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IOException(
          "bin/s3proxy.sh "
              + String.join(" ", args)
              + " failed: "
              + Files.readString(log, StandardCharsets.UTF_8));
    }
  }
}
