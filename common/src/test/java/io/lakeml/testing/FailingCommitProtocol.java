package io.lakeml.testing;

import org.apache.hadoop.mapreduce.JobContext;
import org.apache.spark.internal.io.FileCommitProtocol;
import org.apache.spark.internal.io.cloud.PathOutputCommitProtocol;
import scala.collection.Seq;

/**
 * The S3A commit protocol, failing at job commit: every task has written its files (as pending
 * uploads, with the magic committer) and the job dies before publishing them — the worst moment for
 * a writer to fail.
 */
public class FailingCommitProtocol extends PathOutputCommitProtocol {
  private static final long serialVersionUID = 1L;

  public FailingCommitProtocol(String jobId, String dest, boolean dynamicPartitionOverwrite) {
    super(jobId, dest, dynamicPartitionOverwrite);
  }

  @Override
  public void commitJob(
      JobContext jobContext, Seq<FileCommitProtocol.TaskCommitMessage> taskCommits) {
    throw new IllegalStateException("injected failure at job commit");
  }
}
