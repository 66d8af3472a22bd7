package io.lakeml.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.spark.sql.SparkSession;

/**
 * Small-file I/O on any Hadoop file system ({@code file:}, {@code s3a:}, {@code s3:} on EMR),
 * through the session's Hadoop configuration so S3A settings apply. For manifests, metadata and
 * reports; data goes through Spark.
 */
public final class LakeFiles {
  private final Configuration hadoop;

  public LakeFiles(Configuration hadoop) {
    this.hadoop = hadoop;
  }

  public static LakeFiles of(SparkSession spark) {
    return new LakeFiles(spark.sparkContext().hadoopConfiguration());
  }

  public void writeString(String location, String text) {
    writeBytes(location, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Writes a whole file, replacing any earlier one, so that readers see the old or the new content
   * and never a part: on a local file system through a temporary file renamed over the target
   * (rename(2) is atomic); on S3 an object appears only when its upload completes.
   */
  public void writeBytes(String location, byte[] bytes) {
    Path path = path(location);
    try {
      FileSystem fs = fs(path);
      boolean local = fs instanceof RawLocalFileSystem;
      Path target = local ? new Path(path.getParent(), "." + path.getName() + ".tmp") : path;
      try (OutputStream out = fs.create(target, true)) {
        out.write(bytes);
      }
      if (local && !fs.rename(target, path)) {
        throw new IOException("rename of " + target + " returned false");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + location + ": " + e.getMessage(), e);
    }
  }

  public String readString(String location) {
    Path path = path(location);
    try (InputStream in = fs(path).open(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + location + ": " + e.getMessage(), e);
    }
  }

  public boolean exists(String location) {
    Path path = path(location);
    try {
      return fs(path).exists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check " + location + ": " + e.getMessage(), e);
    }
  }

  /** The names of the direct children of a folder that are folders; empty when it is absent. */
  public List<String> childFolders(String location) {
    Path path = path(location);
    List<String> out = new ArrayList<>();
    try {
      FileSystem fs = fs(path);
      if (!fs.exists(path)) {
        return out;
      }
      for (FileStatus status : fs.listStatus(path)) {
        if (status.isDirectory()) {
          out.add(status.getPath().getName());
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + location + ": " + e.getMessage(), e);
    }
  }

  /** The files directly in a folder whose names end with {@code suffix}. */
  public List<String> files(String location, String suffix) {
    Path path = path(location);
    List<String> out = new ArrayList<>();
    try {
      FileSystem fs = fs(path);
      if (!fs.exists(path)) {
        return out;
      }
      for (FileStatus status : fs.listStatus(path)) {
        if (status.isFile() && status.getPath().getName().endsWith(suffix)) {
          out.add(status.getPath().toString());
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + location + ": " + e.getMessage(), e);
    }
  }

  /**
   * The SHA-256 (hex) of every file under a folder, by its path relative to the folder, in path
   * order. Hidden files (a local file system's {@code .crc} checksums) are left out.
   */
  public java.util.SortedMap<String, String> sha256Tree(String location) {
    Path root = path(location);
    java.util.SortedMap<String, String> out = new java.util.TreeMap<>();
    try {
      FileSystem fs = fs(root);
      String prefix = fs.makeQualified(root).toString() + "/";
      org.apache.hadoop.fs.RemoteIterator<org.apache.hadoop.fs.LocatedFileStatus> files =
          fs.listFiles(root, true);
      while (files.hasNext()) {
        org.apache.hadoop.fs.LocatedFileStatus f = files.next();
        if (f.getPath().getName().startsWith(".")) {
          continue;
        }
        String relative = fs.makeQualified(f.getPath()).toString().substring(prefix.length());
        out.put(relative, sha256(fs, f.getPath()));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + location + ": " + e.getMessage(), e);
    }
  }

  private static String sha256(FileSystem fs, Path file) throws IOException {
    java.security.MessageDigest digest;
    try {
      digest = java.security.MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
    try (java.io.InputStream in = fs.open(file)) {
      byte[] buffer = new byte[64 * 1024];
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
    return java.util.HexFormat.of().formatHex(digest.digest());
  }

  public void delete(String location) {
    Path path = path(location);
    try {
      fs(path).delete(path, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + location + ": " + e.getMessage(), e);
    }
  }

  /** Renames {@code from} to {@code to}; on a local or HDFS file system this is atomic. */
  public void rename(String from, String to) {
    Path src = path(from);
    Path dst = path(to);
    try {
      FileSystem fs = fs(src);
      if (dst.getParent() != null) {
        fs.mkdirs(dst.getParent());
      }
      if (!fs.rename(src, dst)) {
        throw new IOException("rename returned false");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot rename " + from + " to " + to + ": " + e.getMessage(), e);
    }
  }

  private static Path path(String location) {
    return new Path(URI.create(location));
  }

  private FileSystem fs(Path path) throws IOException {
    FileSystem fs = path.getFileSystem(hadoop);
    // The local file system's checksum layer writes a hidden .crc beside every file; manifests,
    // metadata and reports are for people and other tools to read, so write them plainly.
    return fs instanceof ChecksumFileSystem checksummed ? checksummed.getRawFileSystem() : fs;
  }
}
