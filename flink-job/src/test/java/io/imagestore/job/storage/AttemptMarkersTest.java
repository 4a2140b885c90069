package io.imagestore.job.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AttemptMarkersTest {
  private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
  private static final Duration TTL = Duration.ofDays(30);

  @Test
  void aFreshMarkerCountsItsAttempts() {
    assertThat(AttemptMarkers.attemptsIn("3 " + NOW.minusSeconds(5).toEpochMilli(), NOW, TTL)).isEqualTo(3);
  }

  @Test
  void aMarkerOlderThanTheDedupTtlCountsAsNone() {
    assertThat(AttemptMarkers.attemptsIn("3 " + NOW.minus(TTL).minusSeconds(1).toEpochMilli(), NOW, TTL)).isZero();
  }

  @Test
  void aMarkerWithoutTimeIsCountedAsFresh() {
    assertThat(AttemptMarkers.attemptsIn("2\n", NOW, TTL)).isEqualTo(2);
  }

  @Test
  void aMarkerCutShortOrGarbledCountsAsNone() {
    assertThat(AttemptMarkers.attemptsIn("", NOW, TTL)).isZero();
    assertThat(AttemptMarkers.attemptsIn("3 17332", NOW, TTL)).isZero();
    assertThat(AttemptMarkers.attemptsIn("x 1", NOW, TTL)).isZero();
    assertThat(AttemptMarkers.attemptsIn("3 x", NOW, TTL)).isZero();
    assertThat(AttemptMarkers.attemptsIn("-4", NOW, TTL)).isZero();
  }

  @Test
  void keysSpreadOverTwoHexDigitPrefixes() {
    assertThat(AttemptMarkers.key("ab" + "0".repeat(62))).isEqualTo("processing-attempts/ab/ab" + "0".repeat(62));
  }
}
