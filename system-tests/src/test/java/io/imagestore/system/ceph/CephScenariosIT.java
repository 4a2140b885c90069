package io.imagestore.system.ceph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imagestore.schemas.ImageReject;
import io.imagestore.schemas.RejectReason;
import io.imagestore.stack.StackEndpoints;
import io.imagestore.stack.ceph.CephStack;
import io.imagestore.stack.ceph.CephStackExtension;
import io.imagestore.system.audit.CommittedLedger;
import io.imagestore.system.audit.DeliveryAudit;
import io.imagestore.system.load.FtpCamera;
import io.imagestore.stack.fixtures.GeneratedStream;
import io.imagestore.system.load.UniqueJpegs;
import io.imagestore.system.load.UploadLoad;
import io.imagestore.system.load.UploadOutcome;
import io.imagestore.system.report.ScenarioRow;
import io.imagestore.system.report.ScenarioTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Issue 5's promise, end to end on Ceph RGW (erasure-coded 2+1 data pool): cameras upload over FTP
 * through the real bridge, the real job processes on a MiniCluster, and the cluster loses an OSD,
 * grows by one and shrinks by one while they do. Every upload acknowledged with {@code 226} must
 * end with its original, its renditions and exactly one committed metadata record.
 *
 * <p>One Ceph cluster and one pipeline serve the three scenarios, in order. The suite prints a
 * table and, as its last line, {@code ceph-suite: scenarios=… acknowledged=… lost=… duplicates=…}.
 */
@Tag("ceph")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CephScenariosIT {
  private static final String DATA_POOL = "default.rgw.buckets.data";
  private static final long BIG_FILE_BYTES = 200_000_000L;
  private static final Duration CLEAN_TIMEOUT = Duration.ofMinutes(4);
  private static final Duration COMMIT_TIMEOUT = Duration.ofMinutes(3);
  /** An upload slower than this counts as slowed in the table (healthy ones take ~0.1 s here). */
  private static final Duration SLOW = Duration.ofSeconds(2);
  /** A few images per second: enough to be under load during every drill, light on 2 cores. */
  private static final double IMAGES_PER_SECOND = 4;
  /** How long uploads go on with an OSD down. */
  private static final Duration OUTAGE = Duration.ofSeconds(20);

  @RegisterExtension static final CephStackExtension CEPH = new CephStackExtension();

  @TempDir static Path work;

  private static RgwPipeline pipeline;
  private static UniqueJpegs images;
  private static final AtomicLong SEQUENCE = new AtomicLong();
  private static final List<ScenarioRun> RUNS = new ArrayList<>();

  /** What a scenario sent and measured; its rows are audited against the committed records. */
  private record ScenarioRun(String name, List<UploadOutcome> outcomes, boolean rejectedBySize, String toClean) {
    List<String> acknowledgedShas() {
      return outcomes.stream().filter(UploadOutcome::acknowledged).map(UploadOutcome::sha256).toList();
    }
  }

  @BeforeAll
  static void startPipeline() throws Exception {
    pipeline = RgwPipeline.start(CEPH.stack().objectStore(), work);
    images = new UniqueJpegs(ThreadLocalRandom.current().nextLong(), 320, 240);
  }

  @AfterAll
  static void reportAndStop() throws Exception {
    if (pipeline == null) {
      return;
    }
    List<ScenarioRow> rows = new ArrayList<>();
    CommittedLedger ledger;
    try {
      // After a stop with savepoint every transaction the job opened is committed or aborted:
      // what the ledger shows now is final.
      pipeline.stopProcessing();
      ledger = ledger(Duration.ofSeconds(3));
      for (ScenarioRun run : RUNS) {
        rows.add(row(run, ledger));
      }
    } finally {
      pipeline.close();
      pipeline = null;
    }
    CephStack ceph = CEPH.stack();
    String health = ceph.ceph("pg", "stat");
    ScenarioTable.lines(rows).forEach(System.out::println);
    System.out.println("cluster at the end: " + health.strip());
    System.out.println(ScenarioTable.summary("ceph-suite", rows));

    assertThat(rows).as("scenarios run").hasSize(3);
    assertThat(rows).allSatisfy(r -> {
      assertThat(r.acknowledged()).as("%s: acknowledged", r.scenario()).isPositive();
      assertThat(r.missing()).as("%s: lost", r.scenario()).isZero();
      assertThat(r.duplicates()).as("%s: duplicates", r.scenario()).isZero();
    });
    assertThat(ledger.duplicates()).as("duplicate records anywhere on the topics").isZero();
  }

  @Test
  @Order(1)
  void a200MegabyteFtpUploadLandsInTheErasureCodedPool() throws Exception {
    CephStack ceph = CEPH.stack();
    StackEndpoints endpoints = pipeline.endpoints();
    String bucket = endpoints.buckets().originals();
    long t0 = System.nanoTime();
    int reply;
    String replyText;
    String sha;
    try (FtpCamera camera = pipeline.camera();
        DigestInputStream in = FtpCamera.digesting(new GeneratedStream(20_261_125L, BIG_FILE_BYTES))) {
      reply = camera.store("/big/200mb.bin", in);
      replyText = camera.lastReplyText();
      sha = HexFormat.of().formatHex(in.getMessageDigest().digest());
    }
    long finished = System.nanoTime();
    boolean acked = reply == 226;
    RUNS.add(new ScenarioRun("multipart-200MB", List.of(new UploadOutcome(1, "/big/200mb.bin", sha, 1, acked,
        reply, Duration.ofNanos(finished - t0), finished)), true, "-"));

    assertThat(reply).as("STOR of 200 MB: %s", replyText).isEqualTo(226);
    assertThat(replyText).as("the 226 names the stored sha256").contains(sha);

    String key = audit().originalKey(sha);
    long[] size = new long[1];
    try (ResponseInputStream<GetObjectResponse> object = pipeline.s3().getObject(b -> b.bucket(bucket).key(key))) {
      assertThat(sha256(object, size)).as("sha256 of the GET").isEqualTo(sha);
    }
    assertThat(size[0]).isEqualTo(BIG_FILE_BYTES);

    // RGW names a bucket's RADOS objects after the bucket marker: <marker>_<key> is an object's
    // head; a multipart upload's data stays in <marker>__multipart_<upload key>.<id>.<part> pieces
    // (the bridge's staging upload; the server-side copy to the content-addressed key shares them).
    String marker = ceph.bucketMarker(bucket);
    List<String> pieces = ceph.rados("-p", DATA_POOL, "ls").lines().filter(o -> o.startsWith(marker + "_")).toList();
    int parts = (int) Math.ceil(BIG_FILE_BYTES / (double) pipeline.partSize());
    assertThat(pieces).as("RADOS objects of %s in %s", bucket, DATA_POOL).contains(marker + "_" + key);
    assertThat(pieces).filteredOn(o -> o.contains("__multipart_")).as("multipart pieces").hasSize(parts);
    String profile = ceph.erasureCodeProfile(DATA_POOL);
    assertThat(ceph.ceph("osd", "erasure-code-profile", "get", profile).lines().toList())
        .contains("k=2", "m=1", "crush-failure-domain=osd");

    // The job rejects it unread (over its size limit): one committed reject, no renditions.
    await().atMost(COMMIT_TIMEOUT).pollInterval(Duration.ofSeconds(2))
        .until(() -> ledger(Duration.ofSeconds(1)).coversAll(List.of(sha)));
    List<ImageReject> rejects = ledger(Duration.ofSeconds(1)).rejectsOf(sha);
    assertThat(rejects).singleElement().extracting(ImageReject::reason).isEqualTo(RejectReason.FILE_TOO_LARGE);
  }

  @Test
  @Order(2)
  void everyAcknowledgedUploadSurvivesLosingAnOsdUnderLoad() throws Exception {
    CephStack ceph = CEPH.stack();
    int osd = 1;
    UploadLoad load = load("/osd-loss").start();
    List<UploadOutcome> outcomes;
    long downAt;
    long upAt;
    Duration toClean;
    boolean down = false;
    try {
      await().atMost(Duration.ofMinutes(1)).until(() -> load.acknowledged() >= 5);
      ceph.stopOsd(osd);
      down = true;
      downAt = System.nanoTime();
      assertThat(ceph.osdsUp()).isEqualTo(2);
      Thread.sleep(OUTAGE.toMillis()); // the load goes on, on a degraded pool
      ceph.startOsd(osd);
      down = false;
      upAt = System.nanoTime();
      toClean = ceph.waitClean(CLEAN_TIMEOUT);
      int atClean = load.acknowledged();
      await().atMost(Duration.ofMinutes(1)).until(() -> load.acknowledged() >= atClean + 5);
    } finally {
      outcomes = load.stop();
      if (down) {
        // The cluster is shared with the rest of the suite: hand it back whole.
        ceph.startOsd(osd);
        ceph.waitClean(CLEAN_TIMEOUT);
      }
    }
    RUNS.add(new ScenarioRun("osd-loss", outcomes, false, seconds(toClean)));

    long duringOutage = outcomes.stream().filter(o -> o.finishedBetween(downAt, upAt))
        .filter(UploadOutcome::acknowledged).count();
    System.out.printf("osd-loss: %d uploads acknowledged while osd.%d was down; %s%n", duringOutage, osd,
        pace(outcomes));
    // min_size 2 on the 2+1 pool: writes go on with one OSD down (docs/ceph.md).
    assertThat(duringOutage).as("uploads acknowledged while an OSD was down").isPositive();
    assertEveryAcknowledgedUploadDelivered(outcomes);
  }

  @Test
  @Order(3)
  void growingAndShrinkingUnderLoadLosesNothing() throws Exception {
    CephStack ceph = CEPH.stack();
    int removed = 2; // an original OSD, so its share of the data really has to move
    UploadLoad load = load("/grow-shrink").start();
    List<UploadOutcome> outcomes;
    Duration grown;
    Duration shrunk;
    int added;
    try {
      await().atMost(Duration.ofMinutes(1)).until(() -> load.acknowledged() >= 5);
      long t0 = System.nanoTime();
      added = ceph.addOsd();
      assertThat(ceph.osdsUp()).isEqualTo(4);
      ceph.waitClean(CLEAN_TIMEOUT);
      grown = Duration.ofNanos(System.nanoTime() - t0);
      long t1 = System.nanoTime();
      ceph.removeOsd(removed); // out, wait active+clean and safe-to-destroy, stop, purge
      ceph.waitClean(CLEAN_TIMEOUT);
      shrunk = Duration.ofNanos(System.nanoTime() - t1);
      int atClean = load.acknowledged();
      await().atMost(Duration.ofMinutes(1)).until(() -> load.acknowledged() >= atClean + 5);
    } finally {
      outcomes = load.stop();
    }
    RUNS.add(new ScenarioRun("grow+shrink", outcomes, false,
        "add osd." + added + " " + seconds(grown) + ", remove osd." + removed + " " + seconds(shrunk)));

    System.out.printf("grow+shrink: %s%n", pace(outcomes));
    assertThat(ceph.osdsUp()).isEqualTo(3);
    assertThat(ceph.ceph("osd", "ls").lines().map(String::strip).toList())
        .contains(Integer.toString(added)).doesNotContain(Integer.toString(removed));
    assertEveryAcknowledgedUploadDelivered(outcomes);
  }

  private static UploadLoad load(String directory) {
    return new UploadLoad(pipeline::camera, images, SEQUENCE, directory, IMAGES_PER_SECOND);
  }

  private static void assertEveryAcknowledgedUploadDelivered(List<UploadOutcome> outcomes) {
    List<String> acked = outcomes.stream().filter(UploadOutcome::acknowledged).map(UploadOutcome::sha256).toList();
    assertThat(acked).as("acknowledged uploads").isNotEmpty();
    await().atMost(COMMIT_TIMEOUT).pollInterval(Duration.ofSeconds(2))
        .until(() -> ledger(Duration.ofSeconds(1)).coversAll(acked));
    DeliveryAudit.Result result = audit().audit(acked, ledger(Duration.ofSeconds(2)));
    assertThat(result.lost()).as("acknowledged uploads missing something").isEmpty();
    assertThat(result.duplicates()).as("duplicate metadata records").isZero();
    assertThat(result.records()).isEqualTo(result.images());
  }

  private static ScenarioRow row(ScenarioRun run, CommittedLedger ledger) {
    List<UploadOutcome> outcomes = run.outcomes();
    List<String> acked = run.acknowledgedShas();
    int missing;
    int duplicates;
    if (run.rejectedBySize()) {
      // Not an image: its promise is the stored original and exactly one committed reject.
      missing = (int) acked.stream().filter(sha -> ledger.rejectsOf(sha).isEmpty()
          || !exists(pipelineBucket(), audit().originalKey(sha))).count();
      duplicates = acked.stream().mapToInt(sha -> Math.max(0, ledger.rejectsOf(sha).size() - 1)
          + ledger.metadataOf(sha).size()).sum();
    } else {
      DeliveryAudit.Result result = audit().audit(acked, ledger);
      result.lost().forEach(line -> System.out.println(run.name() + " lost " + line));
      missing = result.missing();
      duplicates = result.duplicates();
    }
    return new ScenarioRow(run.name(), outcomes.size(),
        acked.size(), outcomes.stream().mapToInt(UploadOutcome::retries).sum(),
        (int) outcomes.stream().filter(o -> o.acknowledged() && o.slowerThan(SLOW)).count(),
        ledger.recordsFor(acked), missing, duplicates, run.toClean());
  }

  private static DeliveryAudit audit() {
    return new DeliveryAudit(CephScenariosIT::exists, pipelineBucket(), pipeline.originalsPrefix(),
        pipeline.renditionNames());
  }

  private static String pipelineBucket() {
    return pipeline.endpoints().buckets().originals();
  }

  private static boolean exists(String bucket, String key) {
    try {
      pipeline.s3().headObject(b -> b.bucket(bucket).key(key));
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  private static CommittedLedger ledger(Duration quiet) {
    StackEndpoints e = pipeline.endpoints();
    return CommittedLedger.read(e.kafkaBootstrap(), e.topics().metadata(), e.topics().rejects(), quiet);
  }

  private static String sha256(InputStream in, long[] size) throws IOException {
    DigestInputStream digesting = FtpCamera.digesting(in);
    byte[] buffer = new byte[1 << 16];
    long total = 0;
    for (int n; (n = digesting.read(buffer)) > 0; ) {
      total += n;
    }
    size[0] = total;
    return HexFormat.of().formatHex(digesting.getMessageDigest().digest());
  }

  /** Retried and slowed uploads of a drill, and its slowest, for the log of a run. */
  private static String pace(List<UploadOutcome> outcomes) {
    Duration slowest = outcomes.stream().map(UploadOutcome::took).max(Duration::compareTo).orElse(Duration.ZERO);
    return String.format(Locale.ROOT, "%d uploads, %d retried, %d slower than %d s, slowest %d ms", outcomes.size(),
        outcomes.stream().filter(o -> o.retries() > 0).count(), outcomes.stream().filter(o -> o.slowerThan(SLOW)).count(),
        SLOW.toSeconds(), slowest.toMillis());
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }
}
