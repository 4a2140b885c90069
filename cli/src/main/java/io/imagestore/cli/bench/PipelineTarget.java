package io.imagestore.cli.bench;

import io.imagestore.cli.bench.BridgeBenchUploads.FtpTarget;
import io.imagestore.objectstore.ObjectStoreSettings;
import java.util.Optional;

/**
 * What {@code bench pipeline} runs against: the embedded stack it starts itself, or a standalone
 * stack (separate processes, Ceph RGW or the S3 server) someone started and submitted the job to.
 */
interface PipelineTarget extends AutoCloseable {
  /** One line: what runs where. */
  String describe();

  FtpTarget ftp();

  String kafkaBootstrap();

  String metadataTopic();

  String rejectsTopic();

  ObjectStoreSettings objectStore();

  /** The FTP folder this run uploads into; its records name paths below it. */
  String folder(long run);

  /**
   * Whether the record topics hold only this run's records, so a reader may start at their
   * beginning; a stack that ran before holds earlier runs' records too.
   */
  boolean freshTopics();

  /** Starts measuring the CPU the pipeline uses from now on. */
  PipelineCpu startCpu();

  /** Why the job can no longer deliver, if it cannot (failed for good, cancelled); asked often. */
  Optional<String> jobProblem();

  @Override
  void close();
}
