package io.imagestore.bridge.security;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Open control connections against their limits: in total and per client address, and — for
 * connections that have not logged in yet — a smaller share in total and per address. Idle sockets
 * that never log in then cannot take the slots of sources that do: 8 addresses × 8 idle sockets
 * filled all 64 connections, and every camera got 421 until the idle timeout.
 */
public final class ConnectionCounter {
  /** Why a connection was refused; {@link #metricReason()} is its label in the rejection counter. */
  public enum Refusal {
    TOTAL("Too many connections, try again later"),
    PER_ADDRESS("Too many connections from your address, try again later"),
    PRE_LOGIN("Too many connections waiting to log in, try again later"),
    PRE_LOGIN_PER_ADDRESS("Too many connections from your address waiting to log in, try again later");

    private final String message;

    Refusal(String message) {
      this.message = message;
    }

    public String message() {
      return message;
    }

    public String metricReason() {
      return this == TOTAL || this == PER_ADDRESS ? "limit" : "pre_login_limit";
    }
  }

  /** One connection's slot: taken on connect, moved to the logged-in share once, given back once. */
  public final class Slot {
    private final InetAddress address;
    private boolean loggedIn;
    private boolean released;

    private Slot(InetAddress address) {
      this.address = address;
    }

    /** Moves the slot out of the pre-login share; a no-op after the first call or after release. */
    public void loggedIn() {
      synchronized (ConnectionCounter.this) {
        if (loggedIn || released) {
          return;
        }
        loggedIn = true;
        preLoginTotal--;
        decrement(preLoginPerAddress, address);
      }
    }

    /** Gives the slot back; later calls do nothing. */
    public void release() {
      synchronized (ConnectionCounter.this) {
        if (released) {
          return;
        }
        released = true;
        total--;
        decrement(perAddress, address);
        if (!loggedIn) {
          preLoginTotal--;
          decrement(preLoginPerAddress, address);
        }
      }
    }
  }

  /** A slot, or why there was none. */
  public record Admission(Slot slot, Refusal refusal) {
    public boolean admitted() {
      return slot != null;
    }
  }

  private final int maxTotal;
  private final int maxPerAddress;
  private final int maxPreLogin;
  private final int maxPreLoginPerAddress;
  private final Map<InetAddress, Integer> perAddress = new HashMap<>();
  private final Map<InetAddress, Integer> preLoginPerAddress = new HashMap<>();
  private int total;
  private int preLoginTotal;

  public ConnectionCounter(int maxTotal, int maxPerAddress, int maxPreLogin, int maxPreLoginPerAddress) {
    this.maxTotal = maxTotal;
    this.maxPerAddress = maxPerAddress;
    this.maxPreLogin = maxPreLogin;
    this.maxPreLoginPerAddress = maxPreLoginPerAddress;
  }

  /** Takes a pre-login slot for {@code address}, or says which limit is reached (nothing taken then). */
  public synchronized Admission tryAcquire(InetAddress address) {
    Refusal refusal = null;
    if (total >= maxTotal) {
      refusal = Refusal.TOTAL;
    } else if (perAddress.getOrDefault(address, 0) >= maxPerAddress) {
      refusal = Refusal.PER_ADDRESS;
    } else if (preLoginTotal >= maxPreLogin) {
      refusal = Refusal.PRE_LOGIN;
    } else if (preLoginPerAddress.getOrDefault(address, 0) >= maxPreLoginPerAddress) {
      refusal = Refusal.PRE_LOGIN_PER_ADDRESS;
    }
    if (refusal != null) {
      return new Admission(null, refusal);
    }
    total++;
    preLoginTotal++;
    perAddress.merge(address, 1, Integer::sum);
    preLoginPerAddress.merge(address, 1, Integer::sum);
    return new Admission(new Slot(address), null);
  }

  public synchronized int total() {
    return total;
  }

  public synchronized int preLogin() {
    return preLoginTotal;
  }

  private static void decrement(Map<InetAddress, Integer> counts, InetAddress address) {
    counts.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
  }
}
