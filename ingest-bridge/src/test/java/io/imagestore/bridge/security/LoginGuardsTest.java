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

  static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static LoginThrottle.Lockout fail(LoginThrottle t, String user, InetAddress from) {
    LoginThrottle.Attempt attempt = t.begin(user, from);
    assertThat(attempt.refused()).as("%s from %s refused", user, from).isNull();
    return attempt.failed();
  }

  @Test
  void theFailureThatReachesTheLimitBansTheNetworkUntilTheBanEnds() {
    ManualClock clock = new ManualClock();
    LoginThrottle t = new LoginThrottle(3, Duration.ofMinutes(10), Duration.ofMinutes(15), clock);
    assertThat(fail(t, "u1", a)).isNull();
    assertThat(fail(t, "u2", a)).isNull();
    assertThat(t.isBanned(a)).isFalse();
    assertThat(fail(t, "u3", a)).isEqualTo(LoginThrottle.Lockout.NETWORK);
    assertThat(t.isBanned(a)).isTrue();
    assertThat(t.begin("u4", a).refused()).isEqualTo(LoginThrottle.Lockout.NETWORK);
    assertThat(t.isBanned(ip("127.0.0.2"))).isFalse();
    clock.now = clock.now.plus(Duration.ofMinutes(16));
    assertThat(t.isBanned(a)).isFalse();
    assertThat(t.begin("u4", a).refused()).isNull();
  }

  @Test
  void guessesBeingCheckedCountAgainstTheLimitSoParallelConnectionsGetNoMore() {
    ManualClock clock = new ManualClock();
    LoginThrottle t = new LoginThrottle(3, Duration.ofMinutes(10), Duration.ofMinutes(15), clock);
    LoginThrottle.Attempt[] running = {t.begin("x", a), t.begin("y", a), t.begin("z", a)};
    assertThat(running).allMatch(r -> r.refused() == null);
    // Three hashes are being computed: a fourth guess waits for their outcome, it is not checked.
    assertThat(t.begin("w", a).refused()).isEqualTo(LoginThrottle.Lockout.BUSY);
    assertThat(running[0].failed()).isNull();
    assertThat(running[1].failed()).isNull();
    assertThat(running[2].failed()).isEqualTo(LoginThrottle.Lockout.NETWORK);
    assertThat(running[2].failed()).as("an attempt counts once").isNull();

    // A success gives its slot back without counting.
    InetAddress b = ip("127.0.0.2");
    LoginThrottle.Attempt ok = t.begin("camera", b);
    fail(t, "x", b);
    fail(t, "y", b);
    assertThat(t.begin("z", b).refused()).isEqualTo(LoginThrottle.Lockout.BUSY);
    ok.succeeded();
    assertThat(fail(t, "z", b)).isEqualTo(LoginThrottle.Lockout.NETWORK);
  }

  @Test
  void aBusyLoginWaitsForTheChecksInProgressNotForTheTimeout() throws Exception {
    LoginThrottle t = new LoginThrottle(1, Duration.ofMinutes(10), Duration.ofMinutes(15), new ManualClock());
    LoginThrottle.Attempt running = t.begin("camera", a);
    LoginThrottle.Attempt busy = t.begin("camera", a);
    assertThat(busy.refused()).isEqualTo(LoginThrottle.Lockout.BUSY);
    Thread finisher = new Thread(() -> {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        return;
      }
      running.succeeded();
    });
    finisher.start();
    long t0 = System.nanoTime();
    t.awaitOutcome(busy, Duration.ofMinutes(1));
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
    finisher.join();
    assertThat(t.begin("camera", a).refused()).as("room again").isNull();
    // An outcome before the wait began is not missed.
    LoginThrottle.Attempt busyAgain = t.begin("camera", a);
    assertThat(busyAgain.refused()).isEqualTo(LoginThrottle.Lockout.BUSY);
  }

  @Test
  void anotherAccountsSuccessDoesNotResetTheNetworkOnlyItsOwnAccount() {
    ManualClock clock = new ManualClock();
    LoginThrottle t = new LoginThrottle(3, Duration.ofMinutes(10), Duration.ofMinutes(15), clock);
    fail(t, "partner", a);
    fail(t, "partner", a);
    t.begin("camera", a).succeeded();
    assertThat(fail(t, "other", a)).as("one valid account buys no guesses").isEqualTo(LoginThrottle.Lockout.NETWORK);

    // From many addresses, the account's own count locks it; its own success resets it.
    fail(t, "camera", ip("10.0.0.1"));
    fail(t, "camera", ip("10.0.0.2"));
    t.begin("camera", ip("10.0.0.3")).succeeded();
    assertThat(fail(t, "camera", ip("10.0.0.4"))).isNull();
    assertThat(fail(t, "camera", ip("10.0.0.5"))).isNull();
    assertThat(fail(t, "camera", ip("10.0.0.6"))).isEqualTo(LoginThrottle.Lockout.ACCOUNT);
    assertThat(t.begin("camera", ip("10.0.0.7")).refused()).isEqualTo(LoginThrottle.Lockout.ACCOUNT);
    assertThat(t.isBanned(ip("10.0.0.7"))).as("an account lock-out is not an address ban").isFalse();
    // Unknown names are locked like real ones: a lock-out says nothing about existence.
    for (int i = 0; i < 3; i++) {
      fail(t, "no-such-user", ip("10.1.0." + i));
    }
    assertThat(t.begin("no-such-user", ip("10.1.0.9")).refused()).isEqualTo(LoginThrottle.Lockout.ACCOUNT);
  }

  @Test
  void failuresOutsideTheWindowDoNotCount() {
    ManualClock clock = new ManualClock();
    LoginThrottle t = new LoginThrottle(2, Duration.ofMinutes(1), Duration.ofMinutes(15), clock);
    fail(t, "u", a);
    clock.now = clock.now.plus(Duration.ofMinutes(2));
    assertThat(fail(t, "u", a)).isNull();
    assertThat(fail(t, "u", a)).isEqualTo(LoginThrottle.Lockout.NETWORK);
  }

  @Test
  void ipv6IsCountedPerSlash64AndIpv4MappedAsIpv4() {
    assertThat(ClientNetwork.of(ip("2001:db8:1:2::1"))).isEqualTo("2001:db8:1:2::/64")
        .isEqualTo(ClientNetwork.of(ip("2001:db8:1:2:ffff:ffff:ffff:fffe")));
    assertThat(ClientNetwork.of(ip("2001:db8:1:3::1"))).isEqualTo("2001:db8:1:3::/64");
    assertThat(ClientNetwork.of(ip("::ffff:192.0.2.7"))).isEqualTo("192.0.2.7");
    assertThat(ClientNetwork.of(ip("192.0.2.7"))).isEqualTo("192.0.2.7");

    ManualClock clock = new ManualClock();
    LoginThrottle t = new LoginThrottle(3, Duration.ofMinutes(10), Duration.ofMinutes(15), clock);
    fail(t, "u1", ip("2001:db8:1:2::1"));
    fail(t, "u2", ip("2001:db8:1:2::2"));
    assertThat(fail(t, "u3", ip("2001:db8:1:2:dead:beef::3"))).isEqualTo(LoginThrottle.Lockout.NETWORK);
    assertThat(t.isBanned(ip("2001:db8:1:2::99"))).isTrue();
    assertThat(t.isBanned(ip("2001:db8:1:3::1"))).isFalse();
  }

  @Test
  void theMapsAreBoundedAndKeepTheAddressesInUse() {
    ManualClock clock = new ManualClock();
    LoginThrottle t = new LoginThrottle(3, Duration.ofMinutes(10), Duration.ofMinutes(15), clock, 100);
    fail(t, "u1", a);
    fail(t, "u2", a);
    // A flood of fresh names and addresses (one failure each) ...
    for (int i = 0; i < 10_000; i++) {
      fail(t, "name-" + i, ip("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255)));
      if (i % 50 == 0) {
        assertThat(t.isBanned(a)).isFalse(); // the attacker's own address stays recently used
      }
    }
    assertThat(t.tracked()).isLessThanOrEqualTo(200);
    // ... neither grows the maps nor evicts the count of an address that keeps guessing.
    assertThat(fail(t, "u3", a)).isEqualTo(LoginThrottle.Lockout.NETWORK);
  }

  @Test
  void connectionCounterLimitsTotalAndPerAddress() throws Exception {
    InetAddress b = InetAddress.getByName("127.0.0.2");
    ConnectionCounter c = new ConnectionCounter(3, 2, 3, 2);
    ConnectionCounter.Slot first = c.tryAcquire(a).slot();
    assertThat(c.tryAcquire(a).admitted()).isTrue();
    assertThat(c.tryAcquire(a).refusal()).isEqualTo(ConnectionCounter.Refusal.PER_ADDRESS);
    assertThat(c.tryAcquire(b).admitted()).isTrue();
    assertThat(c.tryAcquire(b).refusal()).isEqualTo(ConnectionCounter.Refusal.TOTAL);
    first.release();
    first.release();
    assertThat(c.total()).as("a second release gives nothing back").isEqualTo(2);
    assertThat(c.tryAcquire(b).admitted()).isTrue();
    assertThat(c.total()).isEqualTo(3);
  }

  @Test
  void connectionsNotLoggedInHaveTheirOwnShareAndLeaveItOnLogin() throws Exception {
    InetAddress b = InetAddress.getByName("127.0.0.2");
    InetAddress d = InetAddress.getByName("127.0.0.4");
    ConnectionCounter c = new ConnectionCounter(4, 4, 2, 1);
    ConnectionCounter.Slot idle = c.tryAcquire(a).slot();
    assertThat(c.tryAcquire(a).refusal()).isEqualTo(ConnectionCounter.Refusal.PRE_LOGIN_PER_ADDRESS);
    ConnectionCounter.Slot camera = c.tryAcquire(b).slot();
    assertThat(c.tryAcquire(d).refusal()).isEqualTo(ConnectionCounter.Refusal.PRE_LOGIN);
    assertThat(c.preLogin()).isEqualTo(2);
    camera.loggedIn();
    camera.loggedIn();
    assertThat(c.preLogin()).isEqualTo(1);
    // The logged-in connection keeps its slot, and the room it left is there for the next login.
    ConnectionCounter.Slot next = c.tryAcquire(d).slot();
    assertThat(next).isNotNull();
    next.loggedIn();
    assertThat(c.tryAcquire(b).admitted()).as("the camera's address, its first one logged in").isTrue();
    assertThat(c.total()).isEqualTo(4);
    camera.release();
    idle.release();
    assertThat(c.total()).isEqualTo(2);
    assertThat(c.preLogin()).isEqualTo(1);
    // Released before it logged in (a login that finished after the close): nothing moves twice.
    ConnectionCounter.Slot late = c.tryAcquire(a).slot();
    late.release();
    late.loggedIn();
    assertThat(c.preLogin()).isEqualTo(1);
    assertThat(c.total()).isEqualTo(2);
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
