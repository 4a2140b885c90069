package io.imagestore.job.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagestore.stack.LocalStackExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The breaker's markers on a real object store (the embedded S3 server; Ceph RGW in the Ceph
 * suite), as the job uses them: the first attempt is a conditional create, and whatever marker
 * is already there — earlier attempts, stale, garbled — is counted or replaced as it must be.
 */
class AttemptMarkersIT {
  @RegisterExtension
  static final LocalStackExtension STACK = new LocalStackExtension();

  private static final Duration TTL = Duration.ofDays(30);
  private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

  private ImageObjectStore store;
  private String bucket;
  private String sha;

  @BeforeEach
  void store() {
    // Not closed: the client is the extension's, shared by the class.
    store = new ImageObjectStore(STACK.s3(), 1, ImageObjectStore.BODY_READS);
    bucket = STACK.endpoints().buckets().state();
    sha = (UUID.randomUUID().toString().replace("-", "") + "0".repeat(32)).substring(0, 64);
  }

  @Test
  void theFirstAttemptIsRecordedByTheCreateAndTheNextOnesCountIt() {
    assertThat(markers(NOW).begin(sha)).as("no attempt before the first").isZero();
    assertThat(marker()).contains("1 " + NOW.toEpochMilli());

    // The task died during attempt 1: the replay finds it and records attempt 2.
    Instant later = NOW.plusSeconds(30);
    AttemptMarkers afterRestart = markers(later);
    assertThat(afterRestart.begin(sha)).isEqualTo(1);
    assertThat(marker()).as("begin leaves an existing count to the caller").contains("1 " + NOW.toEpochMilli());
    afterRestart.starting(sha, 2);
    assertThat(markers(later.plusSeconds(30)).begin(sha)).isEqualTo(2);
  }

  @Test
  void afterAnOutcomeTheNextUploadOfTheSameBytesStartsAgainAtOne() {
    AttemptMarkers markers = markers(NOW);
    assertThat(markers.begin(sha)).isZero();
    markers.finished(sha);
    assertThat(marker()).isEmpty();
    assertThat(markers.begin(sha)).isZero();
    assertThat(marker()).isPresent();
  }

  @Test
  void aStaleMarkerIsReplacedByAttemptOneSoTheAttemptsAfterItCount() {
    put("3 " + NOW.minus(TTL).minusSeconds(60).toEpochMilli());
    assertThat(markers(NOW).begin(sha)).as("older than the dedup TTL: none").isZero();
    assertThat(marker()).contains("1 " + NOW.toEpochMilli());
    assertThat(markers(NOW.plusSeconds(5)).begin(sha)).isEqualTo(1);
  }

  @Test
  void aGarbledMarkerIsReplacedByAttemptOne() {
    put("x");
    assertThat(markers(NOW).begin(sha)).isZero();
    assertThat(marker()).contains("1 " + NOW.toEpochMilli());
  }

  @Test
  void theCreateRefusesAnExistingKeyAndKeepsItsBytes() {
    String key = AttemptMarkers.key(sha);
    assertThat(store.create(bucket, key, "first".getBytes(), "text/plain")).isTrue();
    assertThat(store.create(bucket, key, "second".getBytes(), "text/plain")).isFalse();
    assertThat(store.readText(bucket, key)).contains("first");
  }

  private AttemptMarkers markers(Instant now) {
    return new AttemptMarkers(store, bucket, TTL, Clock.fixed(now, ZoneOffset.UTC));
  }

  private Optional<String> marker() {
    return store.readText(bucket, AttemptMarkers.key(sha));
  }

  private void put(String text) {
    STACK.s3().putObject(b -> b.bucket(bucket).key(AttemptMarkers.key(sha)), RequestBody.fromString(text));
  }
}
