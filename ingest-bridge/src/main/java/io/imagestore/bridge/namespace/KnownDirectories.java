package io.imagestore.bridge.namespace;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Directories this bridge has seen exist, for every session: a camera logs in once per file, and
 * without this each of its uploads listed its folder again. Bounded (least recently used out) and
 * forgotten after a while, because another bridge instance may remove an empty folder: until then
 * a STOR of a file with that folder's exact name is refused as a directory, which is all a stale
 * entry can cause — uploads into a folder need no marker to be listed.
 */
final class KnownDirectories {
  private final int capacity;
  private final Duration lifetime;
  private final Clock clock;
  private final Map<String, Instant> seen;

  KnownDirectories(int capacity, Duration lifetime, Clock clock) {
    this.capacity = capacity;
    this.lifetime = lifetime;
    this.clock = clock;
    this.seen = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
        return size() > KnownDirectories.this.capacity;
      }
    };
  }

  synchronized boolean contains(String key) {
    Instant at = seen.get(key);
    if (at == null) {
      return false;
    }
    if (at.plus(lifetime).isBefore(clock.instant())) {
      seen.remove(key);
      return false;
    }
    return true;
  }

  synchronized void add(String key) {
    seen.put(key, clock.instant());
  }

  synchronized void remove(String key) {
    seen.remove(key);
  }
}
