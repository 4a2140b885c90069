package io.imagestore.system.load;

import java.time.Duration;

/**
 * What one file cost a camera: how many STORs it took and whether one was answered {@code 226}.
 *
 * @param sha256 of the bytes sent (hex); the key the job and the bridge address the image by
 * @param attempts STORs sent, the first included; each 4xx reply or broken connection adds one
 * @param acknowledged a STOR got {@code 226}: from then on the pipeline owns the image
 * @param lastReply the last reply code, or -1 when the last attempt broke before a reply
 * @param took from the first attempt to the final reply, retries and their pauses included
 * @param finishedAtNanos {@link System#nanoTime()} at the final reply, to place it in a drill's phases
 */
public record UploadOutcome(
    long sequence, String path, String sha256, int attempts, boolean acknowledged, int lastReply, Duration took,
    long finishedAtNanos) {

  public int retries() {
    return Math.max(0, attempts - 1);
  }

  /** Whether the final reply came within [{@code fromNanos}, {@code toNanos}) of {@link System#nanoTime()}. */
  public boolean finishedBetween(long fromNanos, long toNanos) {
    return finishedAtNanos - fromNanos >= 0 && finishedAtNanos - toNanos < 0;
  }

  public boolean slowerThan(Duration limit) {
    return took.compareTo(limit) > 0;
  }
}
