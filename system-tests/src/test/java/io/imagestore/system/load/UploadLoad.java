package io.imagestore.system.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A steady stream of unique images from one camera thread, at a fixed pace, until stopped. The
 * outcome of every file is kept, so a scenario can check each acknowledged one afterwards.
 */
public final class UploadLoad implements AutoCloseable {
  private final Supplier<FtpCamera> cameras;
  private final UniqueJpegs images;
  private final AtomicLong sequence;
  private final String directory;
  private final Duration interval;
  private final boolean loginPerFile;
  private final int duplicateEvery;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicInteger acknowledged = new AtomicInteger();
  private final List<UploadOutcome> outcomes = new ArrayList<>();
  private Thread thread;
  private volatile Throwable failure;

  /**
   * @param sequence shared by every load of a run, so no two loads send the same image
   * @param directory FTP directory the files go to, e.g. {@code /osd-loss}
   * @param perSecond files started per second (fewer when uploads are slower than that)
   */
  public UploadLoad(Supplier<FtpCamera> cameras, UniqueJpegs images, AtomicLong sequence, String directory,
      double perSecond) {
    this(cameras, images, sequence, directory, perSecond, false, 0);
  }

  /**
   * @param loginPerFile a new FTP session and login for every file, as many cameras do, instead of
   *     one session for all
   * @param duplicateEvery every n-th file sends the bytes of the file numbered one below it again,
   *     under its own name (a camera re-sending a picture); 0 for none
   */
  public UploadLoad(Supplier<FtpCamera> cameras, UniqueJpegs images, AtomicLong sequence, String directory,
      double perSecond, boolean loginPerFile, int duplicateEvery) {
    this.loginPerFile = loginPerFile;
    this.duplicateEvery = duplicateEvery;
    this.cameras = cameras;
    this.images = images;
    this.sequence = sequence;
    this.directory = directory;
    this.interval = Duration.ofNanos((long) (1e9 / perSecond));
  }

  public UploadLoad start() {
    if (!running.compareAndSet(false, true)) {
      throw new IllegalStateException("already started");
    }
    thread = new Thread(this::run, "upload-load" + directory.replace('/', '-'));
    thread.setDaemon(true);
    thread.start();
    return this;
  }

  /** Files acknowledged with 226 so far. */
  public int acknowledged() {
    checkAlive();
    return acknowledged.get();
  }

  /** Finishes the file in flight, then returns every outcome in the order sent. */
  public List<UploadOutcome> stop() throws InterruptedException {
    running.set(false);
    if (thread != null) {
      thread.join(Duration.ofMinutes(5).toMillis());
      if (thread.isAlive()) {
        thread.interrupt();
        throw new IllegalStateException("the camera thread did not finish its last upload within 5 minutes");
      }
    }
    checkAlive();
    synchronized (outcomes) {
      return List.copyOf(outcomes);
    }
  }

  private void checkAlive() {
    if (failure != null) {
      throw new IllegalStateException("the camera thread failed", failure);
    }
  }

  private void run() {
    try (FtpCamera camera = cameras.get()) {
      long next = System.nanoTime();
      while (running.get()) {
        long n = sequence.incrementAndGet();
        boolean duplicate = duplicateEvery > 0 && n > 1 && n % duplicateEvery == 0;
        UploadOutcome outcome = camera.send(n, String.format("%s/img-%06d.jpg", directory, n),
            images.jpeg(duplicate ? n - 1 : n));
        if (loginPerFile) {
          camera.close();
        }
        synchronized (outcomes) {
          outcomes.add(outcome);
        }
        if (outcome.acknowledged()) {
          acknowledged.incrementAndGet();
        }
        next += interval.toNanos();
        long wait = next - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        } else {
          next = System.nanoTime(); // behind after a slow upload: do not burst to catch up
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable t) {
      failure = t;
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (running.get()) {
      stop();
    }
  }
}
