package io.imagestore.bridge.security;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A map of at most {@code maxEntries}, least recently used first out, for state keyed by what a
 * client chooses (user names, addresses): a flood of fresh names cannot grow the heap. Not
 * thread-safe: {@link LoginThrottle} holds one lock over all its maps.
 */
final class BoundedExpiringMap<K, V> {
  private final LinkedHashMap<K, V> entries;
  private final Predicate<V> expired;

  BoundedExpiringMap(int maxEntries, Predicate<V> expired) {
    this.expired = expired;
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > maxEntries;
      }
    };
  }

  /** The entry for {@code key}, null when absent or expired (an expired one is removed). */
  V get(K key) {
    V v = entries.get(key);
    if (v != null && expired.test(v)) {
      entries.remove(key);
      return null;
    }
    return v;
  }

  V getOrCreate(K key, Supplier<V> create) {
    V v = get(key);
    if (v == null) {
      v = create.get();
      entries.put(key, v);
    }
    return v;
  }

  int size() {
    return entries.size();
  }
}
