package io.imagestore.bridge.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembers recently verified (user, password) pairs so a camera that logs in for every file pays
 * the PBKDF2 cost once per TTL, not per file. Entries are an HMAC of the pair under a random key
 * that lives only in this process: the cache never holds a password, and an entry is useless
 * outside this JVM. Keyed also by the stored hash, so a password change invalidates it at once.
 */
public final class VerifiedLoginCache {
  private final byte[] key = new byte[32];
  private final Duration ttl;
  private final int maxEntries;
  private final Clock clock;
  private final Map<String, Long> expiries = new ConcurrentHashMap<>();

  public VerifiedLoginCache(Duration ttl, int maxEntries, Clock clock) {
    new SecureRandom().nextBytes(key);
    this.ttl = ttl;
    this.maxEntries = maxEntries;
    this.clock = clock;
  }

  public boolean contains(String user, char[] password, String storedHash) {
    Long expiry = expiries.get(fingerprint(user, password, storedHash));
    return expiry != null && expiry > clock.millis();
  }

  public void add(String user, char[] password, String storedHash) {
    if (expiries.size() >= maxEntries) {
      long now = clock.millis();
      expiries.values().removeIf(e -> e <= now);
      if (expiries.size() >= maxEntries) {
        expiries.clear();
      }
    }
    expiries.put(fingerprint(user, password, storedHash), clock.millis() + ttl.toMillis());
  }

  private String fingerprint(String user, char[] password, String storedHash) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update(user.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      mac.update(storedHash.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      byte[] pw = new String(password).getBytes(StandardCharsets.UTF_8);
      mac.update(pw);
      java.util.Arrays.fill(pw, (byte) 0);
      return java.util.HexFormat.of().formatHex(mac.doFinal());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
