package io.imagestore.system.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagestore.cluster.FaultDrills;
import io.imagestore.cluster.JobJar;
import io.imagestore.cluster.Stack;
import io.imagestore.cluster.StackState;
import io.imagestore.cluster.Waits;
import io.imagestore.objectstore.S3Clients;
import io.imagestore.schemas.ImageMetadata;
import io.imagestore.schemas.ImageReject;
import io.imagestore.schemas.RejectReason;
import io.imagestore.system.audit.CommittedLedger;
import io.imagestore.system.audit.DeliveryAudit;
import io.imagestore.system.load.FtpCamera;
import io.imagestore.system.load.UniqueJpegs;
import io.imagestore.system.load.UploadLoad;
import io.imagestore.system.load.UploadOutcome;
import io.imagestore.system.report.ScenarioRow;
import io.imagestore.system.report.ScenarioTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The cluster issue's fault suite: the standalone stack ({@code bin/imagestore stack up}) as
 * separate processes — 3 KRaft brokers, ZooKeeper, 2 JobManagers with HA, TaskManagers, Ceph RGW
 * on an EC pool, the bridge — with the job jar submitted through Flink's CLI. While cameras keep
 * uploading over FTP (long sessions and a login per file, with re-sent pictures among them), each
 * scenario kills or stops a part of it. After each, every upload answered {@code 226} has exactly
 * one committed record (read_committed), the objects it names are readable, no transaction of
 * the job is open, the job's consumer group has no lag and no multipart upload is left.
 *
 * <p>Prints a table and, as its last line, {@code faults: scenarios=… acknowledged=… lost=…
 * duplicates=…}. Needs the job jar: {@code mvn -Pfaults,job-jar verify}.
 */
@Tag("faults")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StackFaultsIT {
  private static final int BASE_PORT = 19400;
  private static final String CONSUMER_GROUP = "imagestore-job";
  private static final String PROCESSING_VERTEX = "dedup";
  private static final Duration JOB_RECOVERY = Duration.ofMinutes(5);
  // The poison drill stalls the job for three kills while the cameras go on: its backlog (600
  // uploads measured) took up to 4 min to drain on a loaded 2-core machine.
  private static final Duration ALL_RECORDS = Duration.ofMinutes(8);
  private static final Duration QUIET = Duration.ofMinutes(2);
  /** Slower than this counts as slowed in the table (healthy uploads take well under a second). */
  private static final Duration SLOW = Duration.ofSeconds(3);
  private static final List<String> PROFILE = List.of("thumb", "preview");
  private static final List<String> UPGRADED_PROFILE = List.of("thumb", "preview", "medium");

  private static Path projectHome;
  private static Stack stack;
  private static FaultDrills drills;
  private static StackState state;
  private static Path jobJar;
  private static CommitWatcher watcher;
  private static S3Client s3;
  private static Admin admin;
  private static PipelineQuiescence quiescence;
  private static UniqueJpegs images;
  private static List<List<String>> profiles = List.of(PROFILE);
  private static final AtomicLong SEQUENCE = new AtomicLong();
  private static final List<ScenarioRow> ROWS = new ArrayList<>();
  private static final long SUITE_START = System.nanoTime();
  private static final Consumer<String> PROGRESS = line -> System.out.printf("faults %6.1fs: %s%n",
      (System.nanoTime() - SUITE_START) / 1e9, line);

  @BeforeAll
  static void up() throws IOException {
    projectHome = Path.of("").toAbsolutePath().getParent();
    jobJar = JobJar.locate(projectHome);
    Path dataDir = projectHome.resolve("system-tests/target/faults-stack");
    stack = new Stack(projectHome, dataDir);
    if (Files.exists(dataDir)) {
      stack.down(PROGRESS); // leftovers of an interrupted run: only what it recorded
      deleteTree(dataDir);
    }
    state = stack.up(Stack.defaultObjectStore(), BASE_PORT, PROGRESS);
    drills = new FaultDrills(stack);
    stack.jobs().submit(jobJar, stack.jobs().defaultConfig(), List.of(), null, PROGRESS);
    state = stack.state();
    s3 = S3Clients.create(state.objectStoreSettings(), 8);
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, state.kafkaBootstrap()));
    quiescence = new PipelineQuiescence(admin, s3, state.transactionalIdPrefix(), CONSUMER_GROUP,
        state.topics().uploads(), state.buckets().originals());
    watcher = new CommitWatcher(state.kafkaBootstrap(), state.topics().metadata(), state.topics().rejects());
    images = new UniqueJpegs(ThreadLocalRandom.current().nextLong(), 320, 240);
  }

  @AfterAll
  static void report() throws Exception {
    try {
      ScenarioTable.lines(ROWS, "time to recover").forEach(System.out::println);
      System.out.println(ScenarioTable.summary("faults", ROWS));
    } finally {
      if (watcher != null) {
        watcher.close();
      }
      if (admin != null) {
        admin.close();
      }
      if (s3 != null) {
        s3.close();
      }
      if (stack != null) {
        stack.down(PROGRESS);
        deleteTree(stack.layout().dataDir());
      }
    }
  }

  @Test
  @Order(1)
  void aKilledTaskManagerIsReplacedAndTheJobGoesOn() throws Exception {
    Drill drill = new Drill("taskmanager-kill-9");
    try (Loads loads = drill.loads()) {
      pause(Duration.ofSeconds(10));
      drill.fault();
      drills.kill("taskmanager-1");
      PROGRESS.accept("killed taskmanager-1; started " + drills.startTaskManager());
      stack.jobs().awaitRunning(stack.jobs().currentJob(), JOB_RECOVERY);
      pause(Duration.ofSeconds(10));
      drill.stop(loads);
    }
    drill.settleAndAssert();
  }

  @Test
  @Order(2)
  void theStandbyJobManagerTakesOverTheSameJob() throws Exception {
    Drill drill = new Drill("jobmanager-kill-9");
    String jobId = stack.jobs().currentJob();
    try (Loads loads = drill.loads()) {
      pause(Duration.ofSeconds(10));
      String leader = drills.leadingJobManager();
      drill.fault();
      drills.kill(leader);
      PROGRESS.accept("killed the leading " + leader);
      stack.jobs().awaitRunning(jobId, JOB_RECOVERY);
      drills.startJobManager(Integer.parseInt(leader.substring(leader.lastIndexOf('-') + 1)));
      PROGRESS.accept("job " + jobId + " runs under the standby; " + leader + " restarted as standby");
      pause(Duration.ofSeconds(10));
      drill.stop(loads);
    }
    drill.settleAndAssert();
  }

  @Test
  @Order(3)
  void oneBrokerOfThreeDiesAndTheBridgeKeepsAcknowledging() throws Exception {
    Drill drill = new Drill("kafka-broker-kill-9");
    long killed;
    long restarted;
    try (Loads loads = drill.loads()) {
      pause(Duration.ofSeconds(8));
      drill.fault();
      drills.kill(FaultDrills.broker(2));
      killed = System.nanoTime();
      PROGRESS.accept("killed " + FaultDrills.broker(2));
      pause(Duration.ofSeconds(15));
      restarted = System.nanoTime();
      drills.startBrokers(Duration.ofMinutes(3));
      PROGRESS.accept(FaultDrills.broker(2) + " back");
      pause(Duration.ofSeconds(8));
      drill.stop(loads);
    }
    long acknowledgedWhileDown = drill.outcomes.stream()
        .filter(o -> o.acknowledged() && o.finishedBetween(killed, restarted)).count();
    assertThat(acknowledgedWhileDown).as("uploads acknowledged while one broker of three was dead").isPositive();
    drill.settleAndAssert();
  }

  @Test
  @Order(4)
  void allBrokersDownMeansRetriesNotLossAndTheJobRecoversByItself() throws Exception {
    Drill drill = new Drill("kafka-all-down-20s");
    long allDown;
    long back;
    try (Loads loads = drill.loads()) {
      pause(Duration.ofSeconds(8));
      drill.fault();
      drills.stopBrokers();
      allDown = System.nanoTime();
      PROGRESS.accept("all brokers stopped");
      pause(Duration.ofSeconds(20));
      back = System.nanoTime();
      drills.startBrokers(Duration.ofMinutes(3));
      PROGRESS.accept("brokers back");
      stack.jobs().awaitRunning(stack.jobs().currentJob(), JOB_RECOVERY);
      pause(Duration.ofSeconds(10));
      drill.stop(loads);
    }
    // No event can be durable with every broker down, so no 226 either: the sources retried.
    assertThat(drill.outcomes.stream().filter(o -> o.acknowledged() && o.finishedBetween(allDown, back)))
        .as("uploads acknowledged while no broker ran").isEmpty();
    assertThat(drill.outcomes.stream().mapToInt(UploadOutcome::retries).sum())
        .as("uploads refused with 4xx and sent again").isPositive();
    drill.settleAndAssert();
  }

  @Test
  @Order(5)
  void anOsdDiesAndRgwRestartsWhileCamerasUpload() throws Exception {
    Assumptions.assumeTrue(drills.onCeph(), "the stack runs on Ceph RGW only where the Ceph packages are installed");
    Drill drill = new Drill("ceph-osd-kill+rgw-restart");
    try (Loads loads = drill.loads()) {
      pause(Duration.ofSeconds(8));
      drill.fault();
      drills.killOsd(1);
      PROGRESS.accept("osd.1 killed (EC 2+1 serves from the other two)");
      pause(Duration.ofSeconds(15));
      drills.startOsd(1);
      PROGRESS.accept("osd.1 back; restarting RGW");
      drills.restartRgw();
      PROGRESS.accept("RGW answers again");
      pause(Duration.ofSeconds(10));
      drill.stop(loads);
    }
    Duration clean = drills.awaitCephClean(Duration.ofMinutes(4));
    PROGRESS.accept("ceph active+clean " + seconds(clean.toNanos()) + " after the drill");
    drill.settleAndAssert();
  }

  @Test
  @Order(6)
  void rescaleThroughSavepointsFromTwoToThreeToOne() throws Exception {
    Drill drill = new Drill("rescale-2-3-1");
    try (Loads loads = drill.loads()) {
      pause(Duration.ofSeconds(8));
      drill.fault();
      resume(stack.jobs().stopWithSavepoint(stack.jobs().currentJob(), PROGRESS), jobConfig(), 3);
      pause(Duration.ofSeconds(12));
      resume(stack.jobs().stopWithSavepoint(stack.jobs().currentJob(), PROGRESS), jobConfig(), 1);
      pause(Duration.ofSeconds(8));
      drill.stop(loads);
    }
    drill.settleAndAssert();
  }

  @Test
  @Order(7)
  void upgradeAddsARenditionAndResumesFromTheSavepoint() throws Exception {
    Path upgraded = upgradedConfig();
    Drill drill = new Drill("upgrade-new-rendition");
    long resumed;
    try (Loads loads = drill.loads()) {
      pause(Duration.ofSeconds(8));
      drill.fault();
      resume(stack.jobs().stopWithSavepoint(stack.jobs().currentJob(), PROGRESS), upgraded, 1);
      resumed = System.nanoTime();
      profiles = List.of(PROFILE, UPGRADED_PROFILE);
      pause(Duration.ofSeconds(12));
      drill.stop(loads);
    }
    CommittedLedger ledger = drill.settleAndAssert();
    List<String> after = drill.outcomes.stream().filter(o -> o.acknowledged() && o.finishedBetween(resumed, Long.MAX_VALUE))
        .map(UploadOutcome::sha256).toList();
    assertThat(after).as("uploads acknowledged after the upgrade").isNotEmpty();
    assertThat(after.stream().flatMap(s -> ledger.metadataOf(s).stream()).map(StackFaultsIT::renditionNames))
        .as("renditions of uploads acknowledged after the upgrade").contains(UPGRADED_PROFILE);
    profiles = List.of(UPGRADED_PROFILE);
  }

  @Test
  @Order(8)
  void aFileThatKillsItsTaskManagerEveryTimeIsRejectedAfterTheBreakersAttempts() throws Exception {
    Drill drill = new Drill("poison-kills-taskmanager");
    byte[] poison = PoisonImage.png(ThreadLocalRandom.current().nextLong());
    String poisonSha = FtpCamera.sha256(poison);
    PoisonKiller killer = new PoisonKiller(s3, state.buckets().state(), poisonSha, this::killProcessingTaskManagers);
    try (Loads loads = drill.loads()) {
      pause(Duration.ofSeconds(5));
      try (FtpCamera camera = camera()) {
        UploadOutcome sent = camera.send(0, "/poison/poison.png", poison);
        assertThat(sent.acknowledged()).as("the poison file's upload: %s", camera.lastReplyText()).isTrue();
      }
      drill.fault();
      killer.start();
      Waits.until("the poison file's reject", Duration.ofMinutes(8),
          () -> watcher.rejectOf(poisonSha).isPresent() || killer.failed());
      killer.close();
      PROGRESS.accept("poison: rejected after " + killer.kills() + " kills");
      pause(Duration.ofSeconds(10));
      drill.stop(loads);
    }
    assertThat(killer.failure()).as("the drill's own failure").isNull();
    ImageReject reject = watcher.rejectOf(poisonSha).orElseThrow();
    assertThat(reject.reason()).isEqualTo(RejectReason.PROCESSING_FAILED);
    assertThat(reject.message()).contains("gave up after 3 attempts");
    assertThat(killer.kills()).as("TaskManagers killed by the poison file").isEqualTo(3);
    CommittedLedger ledger = drill.settleAndAssert();
    assertThat(ledger.metadataOf(poisonSha)).as("metadata records of the poison file").isEmpty();
    assertThat(ledger.rejectsOf(poisonSha)).as("rejects of the poison file").hasSize(1);
  }

  /** Kills every TaskManager that runs the processing operator, and starts one in place of each. */
  private void killProcessingTaskManagers() throws IOException {
    for (String tm : drills.taskManagersRunning(stack.jobs().currentJob(), PROCESSING_VERTEX)) {
      drills.kill(tm);
      PROGRESS.accept("poison: killed " + tm + " while it processed the file; started " + drills.startTaskManager());
    }
  }

  private static void resume(String savepoint, Path config, int parallelism) {
    stack.jobs().submit(jobJar, config, List.of("parallelism=" + parallelism), savepoint, PROGRESS);
  }

  private static Path jobConfig() {
    return stack.jobs().defaultConfig();
  }

  /** The compose topology's job config with a third rendition in its default profile. */
  private static Path upgradedConfig() throws IOException {
    String yaml = Files.readString(jobConfig(), StandardCharsets.UTF_8);
    String preview = "      - {name: preview, longEdge: 1280, quality: 85}\n";
    assertThat(yaml).as("the default profile's renditions in %s", jobConfig()).contains(preview);
    Path upgraded = stack.layout().dataDir().resolve("job-upgraded.yaml");
    Files.writeString(upgraded, yaml.replace(preview, preview + "      - {name: medium, longEdge: 640, quality: 85}\n"));
    return upgraded;
  }

  private static List<String> renditionNames(ImageMetadata record) {
    return record.renditions().stream().map(ImageMetadata.Rendition::name).toList();
  }

  private static FtpCamera camera() {
    // Up to ~3 minutes of retries per file: longer than any outage a drill causes.
    return new FtpCamera("127.0.0.1", state.ports().ftp(), state.ftpUser(), state.ftpPassword(), 180,
        Duration.ofSeconds(1));
  }

  private static boolean readable(String bucket, String key) {
    try {
      return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray().length > 0;
    } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException e) {
      return false;
    }
  }

  /** One scenario: the uploads it sent, when its fault began, and the checks after it. */
  private static final class Drill {
    private final String name;
    private final String directory;
    private List<UploadOutcome> outcomes = List.of();
    private long faultNanos;

    Drill(String name) {
      this.name = name;
      this.directory = "/" + name;
      PROGRESS.accept("scenario " + name);
    }

    Loads loads() {
      return new Loads(directory);
    }

    void fault() {
      faultNanos = System.nanoTime();
    }

    void stop(Loads loads) throws InterruptedException {
      outcomes = loads.stop();
    }

    /** Waits for the pipeline to settle, audits, adds the scenario's row and asserts on it. */
    CommittedLedger settleAndAssert() throws Exception {
      List<String> acknowledged = outcomes.stream().filter(UploadOutcome::acknowledged).map(UploadOutcome::sha256).toList();
      PROGRESS.accept(name + ": " + outcomes.size() + " uploads sent; waiting for their records");
      Waits.until(name + ": a committed record for each of " + acknowledged.stream().distinct().count()
          + " acknowledged images", ALL_RECORDS, () -> watcher.withoutRecord(acknowledged).isEmpty());
      Waits.until(name + ": no open transaction of the job's", QUIET, () -> quiescence.openTransactions().isEmpty());
      Waits.until(name + ": the job's consumer group caught up", QUIET, () -> quiescence.consumerLag() == 0);
      Waits.until(name + ": no multipart upload left in the originals bucket", QUIET,
          () -> quiescence.openMultipartUploads() == 0);
      CommittedLedger ledger = CommittedLedger.read(state.kafkaBootstrap(), state.topics().metadata(),
          state.topics().rejects(), Duration.ofSeconds(3));
      DeliveryAudit.Result audit = DeliveryAudit.acceptingProfiles(StackFaultsIT::readable,
          state.buckets().originals(), "originals/", profiles).audit(acknowledged, ledger);
      int rejectsToo = (int) acknowledged.stream().distinct()
          .filter(s -> !ledger.metadataOf(s).isEmpty() && !ledger.rejectsOf(s).isEmpty()).count();
      List<String> after = outcomes.stream().filter(o -> o.acknowledged() && o.finishedBetween(faultNanos, Long.MAX_VALUE))
          .map(UploadOutcome::sha256).toList();
      OptionalLong firstAfter = watcher.firstSeen(after);
      ScenarioRow row = new ScenarioRow(name, outcomes.size(), acknowledged.size(),
          outcomes.stream().mapToInt(UploadOutcome::retries).sum(),
          (int) outcomes.stream().filter(o -> o.slowerThan(SLOW)).count(),
          ledger.recordsFor(acknowledged), audit.missing(), audit.duplicates() + rejectsToo,
          firstAfter.isPresent() ? seconds(firstAfter.getAsLong() - faultNanos) : "-");
      ROWS.add(row);
      PROGRESS.accept(String.join(" ", ScenarioTable.lines(List.of(row), "time to recover").get(1)));
      assertThat(audit.lost()).as("%s: acknowledged uploads without their record or objects", name).isEmpty();
      assertThat(row.duplicates()).as("%s: duplicate records", name).isZero();
      assertThat(row.acknowledged()).as("%s: acknowledged uploads", name).isPositive();
      assertThat(ledger.duplicates()).as("duplicate records anywhere on the topics").isZero();
      return ledger;
    }
  }

  /** Three cameras: two keep one session, one logs in per file and re-sends every fifth picture. */
  private static final class Loads implements AutoCloseable {
    private final List<UploadLoad> loads;
    private boolean stopped;

    Loads(String directory) {
      Supplier<FtpCamera> cameras = StackFaultsIT::camera;
      loads = List.of(
          new UploadLoad(cameras, images, SEQUENCE, directory + "/session-a", 1.5).start(),
          new UploadLoad(cameras, images, SEQUENCE, directory + "/session-b", 1.5).start(),
          new UploadLoad(cameras, images, SEQUENCE, directory + "/login-per-file", 1.0, true, 5).start());
    }

    List<UploadOutcome> stop() throws InterruptedException {
      stopped = true;
      List<UploadOutcome> all = new ArrayList<>();
      for (UploadLoad load : loads) {
        all.addAll(load.stop());
      }
      return all;
    }

    @Override
    public void close() throws InterruptedException {
      if (!stopped) {
        stop();
      }
    }
  }

  private static void pause(Duration d) throws InterruptedException {
    Thread.sleep(d.toMillis());
  }

  private static String seconds(long nanos) {
    return String.format("%.1f s", nanos / 1e9);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
