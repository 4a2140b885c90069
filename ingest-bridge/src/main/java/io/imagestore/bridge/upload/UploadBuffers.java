package io.imagestore.bridge.upload;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Upload buffers in power-of-two sizes, reused from one upload to the next. A camera image needs
 * buffers of megabytes, which the JVM allocates outside the young generation (G1 "humongous"
 * objects): allocated afresh per upload they cost a full old-generation collection every few dozen
 * uploads. Idle buffers are kept up to a byte budget; beyond it they are left to the collector.
 */
public final class UploadBuffers {
  private final long idleBudget;
  private final Map<Integer, ArrayDeque<byte[]>> idle = new HashMap<>();
  private long idleBytes;

  public UploadBuffers(long idleBudget) {
    this.idleBudget = idleBudget;
  }

  /** A buffer of exactly {@code size} bytes (a power of two, or the part size); contents undefined. */
  public synchronized byte[] take(int size) {
    ArrayDeque<byte[]> free = idle.get(size);
    byte[] b = free == null ? null : free.poll();
    if (b == null) {
      return new byte[size];
    }
    idleBytes -= size;
    return b;
  }

  /** Returns {@code b}, which its holder must not touch again. */
  public synchronized void give(byte[] b) {
    if (idleBytes + b.length > idleBudget) {
      return;
    }
    idle.computeIfAbsent(b.length, k -> new ArrayDeque<>()).push(b);
    idleBytes += b.length;
  }
}
