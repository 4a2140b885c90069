package io.imagestore.bridge.security;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * Failed logins over a sliding window, counted per account name and per client network
 * ({@link ClientNetwork}: IPv4 address, IPv6 /64); either reaching the limit is locked out for the
 * ban time, as fail2ban or SFTPGo's defender do. Counts span connections, so reconnecting does not
 * reset them.
 *
 * <p>A password is checked only after {@link #begin} has counted it as a failure to come: with
 * parallel connections every guess used to pass the ban check before the first one had failed
 * (12 guesses for a limit of 5, measured). Now at most {@code maxFailures} guesses per account and
 * per network are checked in a window, and the one that reaches the limit bans.
 *
 * <p>An account's own successful login resets the account's count; nothing resets a network's
 * count before the window passes, so one valid camera account does not buy unlimited guesses at
 * the others. Unknown names are counted like real ones, so a lock-out tells nothing about whether
 * an account exists.
 *
 * <p>Both maps are bounded (least recently used out), since names and addresses are the client's
 * to choose. One lock guards all state: each call is a few map operations, never a hash.
 */
public final class LoginThrottle {
  /** What a login attempt was refused for, or what its failure started. */
  public enum Lockout { NETWORK, ACCOUNT, BUSY }

  /** Entries each map keeps at most; about 200 bytes each. */
  static final int MAX_TRACKED = 50_000;

  private final int maxFailures;
  private final long windowMillis;
  private final long banMillis;
  private final Clock clock;
  private final BoundedExpiringMap<String, Failures> byAccount;
  private final BoundedExpiringMap<String, Failures> byNetwork;
  /** Counts finished checks, so a waiter cannot miss one ({@link #awaitOutcome}). */
  private long outcomes;

  public LoginThrottle(int maxFailures, Duration window, Duration banTime, Clock clock) {
    this(maxFailures, window, banTime, clock, MAX_TRACKED);
  }

  LoginThrottle(int maxFailures, Duration window, Duration banTime, Clock clock, int maxTracked) {
    this.maxFailures = maxFailures;
    this.windowMillis = window.toMillis();
    this.banMillis = banTime.toMillis();
    this.clock = clock;
    this.byAccount = new BoundedExpiringMap<>(maxTracked, f -> f.idle(clock.millis()));
    this.byNetwork = new BoundedExpiringMap<>(maxTracked, f -> f.idle(clock.millis()));
  }

  /** True while {@code address}'s network is banned (checked on connect, before any login). */
  public synchronized boolean isBanned(InetAddress address) {
    Failures f = byNetwork.get(ClientNetwork.of(address));
    return f != null && f.banned(clock.millis());
  }

  /**
   * Starts a login of {@code user} from {@code address}: either refused (see {@link
   * Attempt#refused()}), or counted as pending until {@link Attempt#failed()} or {@link
   * Attempt#succeeded()}.
   */
  public synchronized Attempt begin(String user, InetAddress address) {
    long now = clock.millis();
    Failures network = byNetwork.getOrCreate(ClientNetwork.of(address), Failures::new);
    Failures account = byAccount.getOrCreate(user == null ? "" : user, Failures::new);
    if (network.banned(now)) {
      return new Attempt(Lockout.NETWORK, null, null, outcomes);
    }
    if (account.banned(now)) {
      return new Attempt(Lockout.ACCOUNT, null, null, outcomes);
    }
    if (!network.roomForOneMore(now) || !account.roomForOneMore(now)) {
      // Enough guesses are being checked right now to reach the limit: wait for their outcome.
      return new Attempt(Lockout.BUSY, null, null, outcomes);
    }
    network.pending++;
    account.pending++;
    return new Attempt(null, network, account, outcomes);
  }

  /**
   * Waits until a check running when {@code busy} was refused has finished (or {@code timeout}
   * passed), so the refused login can try again: cameras sharing one account log in at once, and
   * after the first check succeeds the others are let in by the login cache, not refused.
   */
  public synchronized void awaitOutcome(Attempt busy, Duration timeout) throws InterruptedException {
    long until = System.nanoTime() + timeout.toNanos();
    while (outcomes == busy.outcomesBefore) {
      long left = until - System.nanoTime();
      if (left <= 0) {
        return;
      }
      java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  private synchronized Lockout fail(Failures network, Failures account) {
    outcomes++;
    notifyAll();
    long now = clock.millis();
    network.pending--;
    account.pending--;
    boolean networkBanned = network.fail(now);
    boolean accountBanned = account.fail(now);
    return networkBanned ? Lockout.NETWORK : accountBanned ? Lockout.ACCOUNT : null;
  }

  private synchronized void succeed(Failures network, Failures account) {
    outcomes++;
    notifyAll();
    network.pending--;
    account.pending--;
    account.times.clear();
  }

  private synchronized void abandon(Failures network, Failures account) {
    outcomes++;
    notifyAll();
    network.pending--;
    account.pending--;
  }

  synchronized int tracked() {
    return byAccount.size() + byNetwork.size();
  }

  /** One login attempt that {@link #begin} let through or refused. */
  public final class Attempt {
    private final Lockout refused;
    private final Failures network;
    private final Failures account;
    private final long outcomesBefore;
    private boolean done;

    private Attempt(Lockout refused, Failures network, Failures account, long outcomesBefore) {
      this.outcomesBefore = outcomesBefore;
      this.refused = refused;
      this.network = network;
      this.account = account;
      this.done = refused != null;
    }

    /** Why the password must not be checked, or null when it may be. */
    public Lockout refused() {
      return refused;
    }

    /** Counts the failure; the lock-out it started, or null. */
    public Lockout failed() {
      if (done) {
        return null;
      }
      done = true;
      return fail(network, account);
    }

    public void succeeded() {
      if (!done) {
        done = true;
        succeed(network, account);
      }
    }

    /** The password was not checked (no verification slot): neither a failure nor a success. */
    public void abandoned() {
      if (!done) {
        done = true;
        abandon(network, account);
      }
    }
  }

  /** Failure times within the window, checks in progress and a ban, of one account or network. */
  private final class Failures {
    final ArrayDeque<Long> times = new ArrayDeque<>();
    int pending;
    long bannedUntil;

    boolean banned(long now) {
      return bannedUntil > now;
    }

    boolean roomForOneMore(long now) {
      prune(now);
      return times.size() + pending < maxFailures;
    }

    /** True when this failure reached the limit and started a ban. */
    boolean fail(long now) {
      prune(now);
      times.addLast(now);
      if (times.size() >= maxFailures && !banned(now)) {
        times.clear();
        bannedUntil = now + banMillis;
        return true;
      }
      return false;
    }

    boolean idle(long now) {
      prune(now);
      return pending == 0 && !banned(now) && times.isEmpty();
    }

    private void prune(long now) {
      while (!times.isEmpty() && times.peekFirst() <= now - windowMillis) {
        times.removeFirst();
      }
    }
  }
}
