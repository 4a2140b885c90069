package io.imagestore.bridge.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginGuardsTest {
  /** A clock the test moves by hand: bans and windows are checked without sleeping. */
  static final class ManualClock extends Clock {
    Instant now = Instant.parse("2026-11-25T12:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  final InetAddress a = InetAddress.getLoopbackAddress();

  @Test
  void banAfterMaxFailuresWithinTheWindowThenExpiry() throws Exception {
    ManualClock clock = new ManualClock();
    LoginFailureTracker t = new LoginFailureTracker(3, Duration.ofMinutes(10), Duration.ofMinutes(15), clock);
    assertThat(t.recordFailure(a)).isFalse();
    assertThat(t.recordFailure(a)).isFalse();
    assertThat(t.isBanned(a)).isFalse();
    assertThat(t.recordFailure(a)).isTrue();
    assertThat(t.isBanned(a)).isTrue();
    assertThat(t.isBanned(InetAddress.getByName("127.0.0.2"))).isFalse();
    clock.now = clock.now.plus(Duration.ofMinutes(16));
    assertThat(t.isBanned(a)).isFalse();
  }

  @Test
  void failuresOutsideTheWindowAndAfterASuccessDoNotCount() {
    ManualClock clock = new ManualClock();
    LoginFailureTracker t = new LoginFailureTracker(2, Duration.ofMinutes(1), Duration.ofMinutes(15), clock);
    t.recordFailure(a);
    clock.now = clock.now.plus(Duration.ofMinutes(2));
    assertThat(t.recordFailure(a)).isFalse();
    t.recordSuccess(a);
    assertThat(t.recordFailure(a)).isFalse();
  }

  @Test
  void connectionCounterLimitsTotalAndPerAddress() throws Exception {
    InetAddress b = InetAddress.getByName("127.0.0.2");
    ConnectionCounter c = new ConnectionCounter(3, 2);
    assertThat(c.tryAcquire(a)).isTrue();
    assertThat(c.tryAcquire(a)).isTrue();
    assertThat(c.tryAcquire(a)).isFalse();
    assertThat(c.tryAcquire(b)).isTrue();
    assertThat(c.tryAcquire(b)).isFalse();
    c.release(a);
    assertThat(c.total()).isEqualTo(2);
    assertThat(c.tryAcquire(b)).isTrue();
    c.release(InetAddress.getByName("127.0.0.9"));
    assertThat(c.total()).isEqualTo(3);
  }

  @Test
  void verifiedLoginCacheHitsOnlyForTheSamePasswordAndHash() {
    ManualClock clock = new ManualClock();
    VerifiedLoginCache cache = new VerifiedLoginCache(Duration.ofMinutes(10), 100, clock);
    cache.add("camera", "pw".toCharArray(), "hash1");
    assertThat(cache.contains("camera", "pw".toCharArray(), "hash1")).isTrue();
    assertThat(cache.contains("camera", "pW".toCharArray(), "hash1")).isFalse();
    assertThat(cache.contains("camera", "pw".toCharArray(), "hash2")).as("password changed").isFalse();
    assertThat(cache.contains("other", "pw".toCharArray(), "hash1")).isFalse();
    clock.now = clock.now.plus(Duration.ofMinutes(11));
    assertThat(cache.contains("camera", "pw".toCharArray(), "hash1")).isFalse();
  }
}
