package io.imagestore.job.storage;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How often processing of some bytes has started, kept in the object store under {@code
 * processing-attempts/<sha256[0:2]>/<sha256>} as {@code "<attempt> <epoch millis>"}. Flink state
 * cannot count this: an input that kills the TaskManager (a native crash, an OOM outside the task)
 * rolls the state back with every restart, so the count must live outside it and be written
 * before processing starts.
 *
 * <p>A marker is deleted once processing ends with an outcome, but kept when the breaker gives
 * up: the give-up's reject is only committed with the next checkpoint, and a failure before that
 * replays the upload — it must then give up again at once rather than kill the task three times
 * more. A marker older than {@code staleAfter} (the dedup TTL: by then the same bytes are a new
 * upload) counts as none.
 */
public final class AttemptMarkers {
  private static final String PREFIX = "processing-attempts/";

  private final ImageObjectStore store;
  private final String bucket;
  private final Duration staleAfter;
  private final Clock clock;

  public AttemptMarkers(ImageObjectStore store, String bucket, Duration staleAfter, Clock clock) {
    this.store = store;
    this.bucket = bucket;
    this.staleAfter = staleAfter;
    this.clock = clock;
  }

  /**
   * Returns the attempts started before this one; when that is 0, this call has recorded attempt
   * 1. Nearly every upload has no marker, so the first attempt is one conditional create
   * ({@code If-None-Match: *}) instead of a read that finds nothing and a write: a third fewer
   * requests per image for the breaker. Only an existing marker is read; the caller then gives up
   * or records the next attempt with {@link #starting}.
   */
  public int begin(String sha256) {
    String key = key(sha256);
    if (store.create(bucket, key, marker(1), "text/plain")) {
      return 0;
    }
    // There, but perhaps stale, garbled or deleted meanwhile: then this is attempt 1, recorded
    // over it — a stale marker left in place would never count the attempts that follow.
    int started = store.readText(bucket, key).map(text -> attemptsIn(text, clock.instant(), staleAfter)).orElse(0);
    if (started == 0) {
      starting(sha256, 1);
    }
    return started;
  }

  /** Records that attempt {@code attempt} (1 for the first) starts now. */
  public void starting(String sha256, int attempt) {
    store.put(bucket, key(sha256), marker(attempt), "text/plain");
  }

  private byte[] marker(int attempt) {
    return (attempt + " " + clock.millis()).getBytes(StandardCharsets.US_ASCII);
  }

  /** Processing ended with an outcome: the count starts again for a later upload. */
  public void finished(String sha256) {
    store.delete(bucket, key(sha256));
  }

  static int attemptsIn(String marker, Instant now, Duration staleAfter) {
    String[] parts = marker.trim().split(" ");
    try {
      int attempts = Integer.parseInt(parts[0]);
      if (parts.length > 1 && Instant.ofEpochMilli(Long.parseLong(parts[1])).plus(staleAfter).isBefore(now)) {
        return 0;
      }
      return Math.max(attempts, 0);
    } catch (NumberFormatException e) {
      return 0; // a marker cut short counts as none: at worst one attempt more
    }
  }

  static String key(String sha256) {
    return PREFIX + sha256.substring(0, 2) + "/" + sha256;
  }
}
