package io.imagestore.job.config;

import java.io.Serializable;

/**
 * Test-only: makes the process operator throw once, in its first attempt, after it has handled
 * {@code failAfterRecords} uploads, to prove that a restart loses and duplicates nothing.
 * Zero (the default) disables it.
 */
public record FaultInjection(long failAfterRecords) implements Serializable {
  public static final FaultInjection NONE = new FaultInjection(0);

  public boolean enabled() {
    return failAfterRecords > 0;
  }
}
