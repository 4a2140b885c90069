package io.imagestore.cli.bench;

import io.imagestore.cli.bench.BridgeBenchUploads.Client;
import io.imagestore.cli.bench.BridgeBenchUploads.FtpTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The uploads of {@code bench pipeline}: parallel FTP clients, each one session for many files
 * (the bridge bench measures logins), taking the next upload as soon as the last got its 226 —
 * sources push as fast as the bridge accepts, so a slower job builds a backlog, which shows in
 * the latency. Notes each upload's 226 time.
 */
final class PipelineUploads {
  static final String THREAD_NAME = "bench-ftp-client-";

  private final FtpTarget target;
  private final String folder;
  private final StampedPhotos photos;
  private final long run;
  private final int count;
  private final AtomicLongArray ackedAt;
  private final AtomicLong acked = new AtomicLong();

  PipelineUploads(FtpTarget target, String folder, StampedPhotos photos, long run, int count) {
    this.target = target;
    this.folder = folder;
    this.photos = photos;
    this.run = run;
    this.count = count;
    this.ackedAt = new AtomicLongArray(count);
  }

  /** The original path upload {@code id} is stored under, as the metadata record names it. */
  String path(long id) {
    return folder + "/" + photos.fileName(id);
  }

  List<String> paths() {
    List<String> paths = new ArrayList<>(count);
    for (int id = 0; id < count; id++) {
      paths.add(path(id));
    }
    return paths;
  }

  /**
   * Runs every upload from {@code clients} threads; returns when each has its 226. The clients log
   * in one after the other first: they all come from one address, and the bridge lets only a
   * few connections per address wait for their login at the same time (cameras have addresses
   * of their own).
   */
  void run(int clients) throws Exception {
    List<Client> sessions = new ArrayList<>();
    AtomicLong next = new AtomicLong();
    AtomicLong threadNumber = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(clients,
        r -> new Thread(r, THREAD_NAME + threadNumber.incrementAndGet()));
    try {
      for (int k = 0; k < clients; k++) {
        Client session = BridgeBenchUploads.ftpSession(target, folder, photos, run);
        sessions.add(session);
        session.logIn();
      }
      List<Future<?>> running = new ArrayList<>();
      for (Client session : sessions) {
        running.add(pool.submit(() -> {
          for (long id = next.getAndIncrement(); id < count; id = next.getAndIncrement()) {
            session.upload(id);
            ackedAt.set((int) id, System.nanoTime());
            acked.incrementAndGet();
          }
          return null;
        }));
      }
      for (Future<?> f : running) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(1, TimeUnit.MINUTES);
      for (Client session : sessions) {
        session.close();
      }
    }
  }

  long acked() {
    return acked.get();
  }

  /** {@link System#nanoTime()} of upload {@code id}'s 226. */
  long ackedAt(int id) {
    return ackedAt.get(id);
  }
}
