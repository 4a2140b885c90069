package io.imagestore.bridge.security;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Open control connections in total and per client address, against their limits. */
public final class ConnectionCounter {
  private final int maxTotal;
  private final int maxPerAddress;
  private final Map<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();
  private int total;

  public ConnectionCounter(int maxTotal, int maxPerAddress) {
    this.maxTotal = maxTotal;
    this.maxPerAddress = maxPerAddress;
  }

  /** Takes a slot for {@code address}; false (and nothing taken) when a limit is reached. */
  public synchronized boolean tryAcquire(InetAddress address) {
    int mine = perAddress.getOrDefault(address, 0);
    if (total >= maxTotal || mine >= maxPerAddress) {
      return false;
    }
    total++;
    perAddress.put(address, mine + 1);
    return true;
  }

  public synchronized void release(InetAddress address) {
    Integer mine = perAddress.get(address);
    if (mine == null) {
      return;
    }
    total--;
    if (mine <= 1) {
      perAddress.remove(address);
    } else {
      perAddress.put(address, mine - 1);
    }
  }

  public synchronized int total() {
    return total;
  }
}
