package io.imagestore.job.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagestore.schemas.UploadEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeduplicateUploadsHarnessTest {
  private static final Duration TTL = Duration.ofDays(30);
  private static final String A = "a".repeat(64);
  private static final String B = "b".repeat(64);
  private static final String C = "c".repeat(64);

  private KeyedOneInputStreamOperatorTestHarness<String, UploadEvent, UploadEvent> harness;

  @BeforeEach
  void open() throws Exception {
    harness = newHarness();
    harness.setStateTtlProcessingTime(0);
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void firstUploadPassesAndLaterOnesAreOnlyCounted() throws Exception {
    UploadEvent first = upload(A, "/one.jpg");
    harness.processElement(first, 1);
    harness.processElement(upload(A, "/copy.jpg"), 2);
    harness.processElement(upload(B, "/other.jpg"), 3);
    harness.processElement(upload(A, "/third-time.jpg"), 4);

    assertThat(harness.extractOutputValues()).extracting(UploadEvent::sha256).containsExactly(A, B);
    assertThat(harness.extractOutputValues().get(0)).isEqualTo(first);
    assertThat(uploadsSeen(A)).isEqualTo(3L);
    assertThat(uploadsSeen(B)).isEqualTo(1L);
    assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
  }

  @Test
  void afterTheTtlTheSameBytesCountAsNew() throws Exception {
    harness.processElement(upload(A, "/one.jpg"), 1);
    harness.setStateTtlProcessingTime(TTL.toMillis() - 1);
    harness.processElement(upload(A, "/within-ttl.jpg"), 2);
    assertThat(harness.extractOutputValues()).hasSize(1);

    // The duplicate above was a write, so the TTL now runs from it (OnCreateAndWrite).
    harness.setStateTtlProcessingTime(TTL.toMillis() - 1 + TTL.toMillis() + 1);
    harness.processElement(upload(A, "/long-after.jpg"), 3);

    assertThat(harness.extractOutputValues()).extracting(UploadEvent::originalPath)
        .containsExactly("/one.jpg", "/long-after.jpg");
    assertThat(uploadsSeen(A)).isEqualTo(1L);
  }

  @Test
  void expiredEntriesDoNotSurviveACheckpoint() throws Exception {
    harness.processElement(upload(A, "/a.jpg"), 1);
    harness.processElement(upload(B, "/b.jpg"), 2);
    harness.setStateTtlProcessingTime(TTL.toMillis() + 1);
    harness.processElement(upload(C, "/c.jpg"), 3);
    assertThat(uploadsSeen(A)).isNull();

    // Full snapshots leave expired entries out, so state does not grow with the whole history.
    OperatorSubtaskState snapshot = harness.snapshot(1, 10);
    harness.close();
    harness = newHarness();
    harness.setStateTtlProcessingTime(TTL.toMillis() + 2);
    harness.initializeState(snapshot);
    harness.open();

    assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    assertThat(uploadsSeen(C)).isEqualTo(1L);
  }

  @Test
  void stateSurvivesSnapshotAndRestore() throws Exception {
    harness.processElement(upload(A, "/a.jpg"), 1);
    OperatorSubtaskState snapshot = harness.snapshot(1, 10);
    harness.close();

    harness = newHarness();
    harness.setStateTtlProcessingTime(0);
    harness.initializeState(snapshot);
    harness.open();
    harness.processElement(upload(A, "/again.jpg"), 2);
    harness.processElement(upload(B, "/b.jpg"), 3);

    assertThat(harness.extractOutputValues()).extracting(UploadEvent::sha256).containsExactly(B);
    assertThat(uploadsSeen(A)).isEqualTo(2L);
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, UploadEvent, UploadEvent> newHarness() throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new DeduplicateUploads(TTL)), UploadEvent::sha256, Types.STRING);
  }

  private Long uploadsSeen(String sha) throws Exception {
    KeyedStateBackend<String> backend = harness.getOperator().getKeyedStateBackend();
    backend.setCurrentKey(sha);
    ValueState<Long> state = backend.getPartitionedState(
        VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, DeduplicateUploads.stateDescriptor(TTL));
    return state.value();
  }

  private static UploadEvent upload(String sha, String path) {
    return UploadEvent.of(UUID.randomUUID(), "camera-1", path, "originals", "originals/" + sha.substring(0, 2) + "/" + sha,
        1234, sha, "image/jpeg", Instant.parse("2026-11-25T10:00:00Z"), "bridge-1");
  }
}
