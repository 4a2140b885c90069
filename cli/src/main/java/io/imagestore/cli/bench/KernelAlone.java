package io.imagestore.cli.bench;

import io.imagestore.job.imaging.CropSpec;
import io.imagestore.job.imaging.ImageLimits;
import io.imagestore.job.imaging.ImageProcessor;
import io.imagestore.job.imaging.ProcessingProfile;
import io.imagestore.job.imaging.RenditionSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The baseline of {@code bench pipeline}: the imaging kernel alone — the {@link ImageProcessor}
 * and renditions {@code bench kernel} measures (1280 px preview, 320 px thumb, Q85) — on the same
 * photos, with one thread per core, in the same JVM as the pipeline, so the ratio compares the
 * two on the same cores under the same load from other tenants.
 */
final class KernelAlone {
  static final ProcessingProfile PROFILE = new ProcessingProfile(CropSpec.NONE, List.of(
      RenditionSpec.longEdge("preview", 1280, 85), RenditionSpec.longEdge("thumb", 320, 85)));

  private final ImageProcessor processor = new ImageProcessor(ImageLimits.defaults());
  private final List<Path> photos;
  private final int threads;

  KernelAlone(List<Path> photos, int threads) {
    this.photos = photos;
    this.threads = threads;
  }

  boolean usesTurboJpeg() {
    return processor.usesTurboJpeg();
  }

  /** Processes {@code count} photos, the set in turn, on {@code threads} threads. */
  BenchSpan run(long count) throws Exception {
    AtomicLong next = new AtomicLong();
    BenchSpan.Clock clock = BenchSpan.start();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        running.add(pool.submit(() -> {
          for (long i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
            processor.process(photos.get((int) (i % photos.size())), PROFILE);
          }
          return null;
        }));
      }
      for (Future<?> f : running) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return clock.stop(count);
  }
}
