package io.imagestore.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imagestore.job.config.JobConfig;
import io.imagestore.schemas.ContractCodec;
import io.imagestore.schemas.ImageMetadata;
import io.imagestore.stack.LocalStack;
import io.imagestore.stack.StackComponent;
import io.imagestore.stack.StackEndpoints;
import io.imagestore.stack.StackSettings;
import io.imagestore.stack.TopicReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code bin/imagestore local} wires together, on free ports: an FTP upload of a shipped
 * sample becomes a committed metadata record on the console; a restart on the same data dir keeps
 * the account and the dedup state.
 */
class LocalPipelineIT {

  @TempDir Path dataDir;

  @Test
  void sampleUploadIsPrintedAndARestartKeepsAccountAndDedupState() throws Exception {
    byte[] sample = Files.readAllBytes(samples().resolve("landscape.jpg"));
    StackSettings settings = StackSettings.ephemeral(dataDir);

    Map<String, String> firstEnv;
    String firstRun;
    try (Running run = new Running(settings)) {
      firstEnv = run.stack.env();
      assertThat(firstEnv).containsKeys("IMAGESTORE_FTP_HOST", "IMAGESTORE_FTP_PORT", "IMAGESTORE_FTP_USER",
          "IMAGESTORE_FTP_PASSWORD", "IMAGESTORE_KAFKA_BOOTSTRAP", "IMAGESTORE_S3_ENDPOINT");
      assertThat(firstEnv.get("IMAGESTORE_JOB_RESTORED_FROM")).isEmpty();
      assertThat(Files.readString(dataDir.resolve("ftp/users.txt")))
          .as("only the salted hash is stored").doesNotContain(firstEnv.get("IMAGESTORE_FTP_PASSWORD"));

      upload(firstEnv, "/2026-11-25/landscape.jpg", sample);

      await().atMost(Duration.ofMinutes(2)).until(() -> run.console().contains("camera:/2026-11-25/landscape.jpg"));
      firstRun = run.console();
    }
    assertThat(firstRun).as("a healthy job reports no failure").doesNotContain("the job failed", "FAILED");
    assertThat(firstRun).containsPattern("image +[0-9a-f]{12} +camera:/2026-11-25/landscape.jpg +jpeg 1600x1067")
        .contains("thumb 320x213", "preview 1280x854");

    try (Running again = new Running(settings)) {
      Map<String, String> env = again.stack.env();
      assertThat(env.get("IMAGESTORE_FTP_PASSWORD")).isEqualTo(firstEnv.get("IMAGESTORE_FTP_PASSWORD"));
      assertThat(env.get("IMAGESTORE_JOB_RESTORED_FROM")).startsWith("s3p://");

      upload(env, "/resent.jpg", sample);
      byte[] other = Files.readAllBytes(samples().resolve("square.jpg"));
      upload(env, "/square.jpg", other);

      await().atMost(Duration.ofMinutes(2)).until(() -> again.console().contains("camera:/square.jpg"));
      // square.jpg may sit on another partition than the re-send: only once the job has consumed
      // every partition, and has stopped with a savepoint, is the committed output final.
      await().atMost(Duration.ofMinutes(2)).until(again::consumedAllUploads);
      again.job.close();
      assertThat(again.committedPaths()).as("the re-sent bytes stay deduplicated")
          .containsExactlyInAnyOrder("/2026-11-25/landscape.jpg", "/square.jpg");
    }
  }

  private static void upload(Map<String, String> env, String path, byte[] bytes) throws Exception {
    FTPClient ftp = new FTPClient();
    // Without timeouts a bridge that stops answering hangs the build instead of failing the test.
    ftp.setConnectTimeout(10_000);
    ftp.setDefaultTimeout(30_000);
    ftp.connect(env.get("IMAGESTORE_FTP_HOST"), Integer.parseInt(env.get("IMAGESTORE_FTP_PORT")));
    ftp.setSoTimeout(30_000);
    try {
      assertThat(ftp.login(env.get("IMAGESTORE_FTP_USER"), env.get("IMAGESTORE_FTP_PASSWORD"))).isTrue();
      ftp.enterLocalPassiveMode();
      ftp.setFileType(FTP.BINARY_FILE_TYPE);
      String dir = path.substring(0, path.lastIndexOf('/'));
      if (!dir.isEmpty()) {
        ftp.makeDirectory(dir);
      }
      try (InputStream in = new java.io.ByteArrayInputStream(bytes)) {
        assertThat(ftp.storeFile(path, in)).as(ftp.getReplyString()).isTrue();
      }
      assertThat(ftp.getReplyCode()).isEqualTo(226);
      ftp.logout();
    } finally {
      ftp.disconnect();
    }
  }

  private static Path samples() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("samples"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("samples/ above the working directory").isNotNull();
    return dir.resolve("samples");
  }

  /** The local command's components on a stack, with the console captured. */
  private static final class Running implements AutoCloseable {
    final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    final LocalStack stack;
    final FlinkJobComponent job;
    final CommittedRecordFollower follower;

    Running(StackSettings settings) {
      PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
      job = new FlinkJobComponent(settings.dataDir().resolve("flink"), new JobHealthConsole(out, "the log"));
      List<StackComponent> components = List.of(
          new FtpBridgeComponent(settings.dataDir().resolve("ftp"), settings.host(), 0), job);
      stack = LocalStack.start(settings, components, line -> {});
      follower = new CommittedRecordFollower(stack.endpoints().kafkaBootstrap(),
          stack.endpoints().topics().metadata(), stack.endpoints().topics().rejects(),
          new CommittedRecordPrinter(out, false)).start();
    }

    synchronized String console() {
      return buffer.toString(StandardCharsets.UTF_8);
    }

    /**
     * Whether the job's consumer group has committed the end offset of every uploads partition.
     * The job commits offsets only when a checkpoint completes, and checkpoints are aligned: every
     * event below them went through dedup before it, and its output is committed with it.
     */
    boolean consumedAllUploads() throws Exception {
      StackEndpoints e = stack.endpoints();
      String topic = e.topics().uploads();
      String group = JobConfig.defaults(e.kafkaBootstrap(), e.objectStore()).kafka().consumerGroup();
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, e.kafkaBootstrap()))) {
        Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(topic)).allTopicNames()
            .get(30, TimeUnit.SECONDS).get(topic).partitions().stream()
            .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        return ends.entrySet().stream().allMatch(end -> {
          // A partition that never had an event has nothing to consume, and no offset to commit.
          OffsetAndMetadata at = committed.get(end.getKey());
          return end.getValue().offset() == 0 || at != null && at.offset() >= end.getValue().offset();
        });
      }
    }

    /** The original path of every committed metadata record. */
    List<String> committedPaths() throws Exception {
      StackEndpoints e = stack.endpoints();
      List<String> paths = new ArrayList<>();
      for (var r : TopicReader.readCommitted(e.kafkaBootstrap(), e.topics().metadata(), Duration.ofSeconds(2),
          Duration.ofSeconds(30))) {
        paths.add(ContractCodec.shared().read(r.value(), ImageMetadata.class).source().originalPath());
      }
      return paths;
    }

    @Override
    public void close() throws Exception {
      follower.close();
      stack.close();
    }
  }
}
