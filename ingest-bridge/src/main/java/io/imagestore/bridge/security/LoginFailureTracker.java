package io.imagestore.bridge.security;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed logins per client address over a sliding window; an address reaching the limit is banned
 * for a while (as fail2ban or SFTPGo's defender do). The count spans connections, so reconnecting
 * does not reset it; a successful login does.
 */
public final class LoginFailureTracker {
  private final int maxFailures;
  private final Duration window;
  private final Duration banTime;
  private final Clock clock;
  private final Map<InetAddress, Deque<Long>> failures = new ConcurrentHashMap<>();
  private final Map<InetAddress, Long> bannedUntil = new ConcurrentHashMap<>();

  public LoginFailureTracker(int maxFailures, Duration window, Duration banTime, Clock clock) {
    this.maxFailures = maxFailures;
    this.window = window;
    this.banTime = banTime;
    this.clock = clock;
  }

  public boolean isBanned(InetAddress address) {
    Long until = bannedUntil.get(address);
    if (until == null) {
      return false;
    }
    if (until <= clock.millis()) {
      bannedUntil.remove(address, until);
      return false;
    }
    return true;
  }

  /** Records a failure; true when this failure got the address banned. */
  public boolean recordFailure(InetAddress address) {
    long now = clock.millis();
    Deque<Long> times = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
    synchronized (times) {
      times.addLast(now);
      while (!times.isEmpty() && times.peekFirst() <= now - window.toMillis()) {
        times.removeFirst();
      }
      if (times.size() >= maxFailures) {
        times.clear();
        bannedUntil.put(address, now + banTime.toMillis());
        return true;
      }
    }
    return false;
  }

  public void recordSuccess(InetAddress address) {
    failures.remove(address);
  }
}
