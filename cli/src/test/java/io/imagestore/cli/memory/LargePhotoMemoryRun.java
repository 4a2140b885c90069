package io.imagestore.cli.memory;

import io.imagestore.job.imaging.CropSpec;
import io.imagestore.job.imaging.EncodedRendition;
import io.imagestore.job.imaging.ImageLimits;
import io.imagestore.job.imaging.ImageProcessor;
import io.imagestore.job.imaging.ProcessedImage;
import io.imagestore.job.imaging.ProcessingProfile;
import io.imagestore.job.imaging.RenditionSpec;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Processes one photo as the job does — the benchmark profile (1280 + 320 px), then a worst case
 * with a full-resolution rendition — and prints the renditions, the peak Java heap and the peak
 * C-heap growth, for {@link LargePhotoMemoryIT} to run in a JVM with the TaskManager's heap.
 */
public final class LargePhotoMemoryRun {
  private LargePhotoMemoryRun() {}

  public static void main(String[] args) throws Exception {
    Path photo = Path.of(args[0]);
    RenditionSpec preview = RenditionSpec.longEdge("preview", 1280, 85);
    RenditionSpec thumb = RenditionSpec.longEdge("thumb", 320, 85);
    List<ProcessingProfile> profiles = List.of(
        new ProcessingProfile(CropSpec.NONE, List.of(preview, thumb)),
        new ProcessingProfile(CropSpec.NONE, List.of(RenditionSpec.longEdge("full", 100_000, 90), preview, thumb)));
    ImageProcessor processor = new ImageProcessor(ImageLimits.defaults());
    System.out.println("path " + (processor.usesTurboJpeg() ? "turbojpeg" : "pure-java"));
    long baseline = NativeHeapProbe.inUseBytes();
    for (ProcessingProfile profile : profiles) {
      AtomicLong peak = new AtomicLong(baseline);
      // The decode buffer lives through resize and encode: a 1 ms sample does not miss it.
      Thread sampler = new Thread(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          peak.accumulateAndGet(NativeHeapProbe.inUseBytes(), Math::max);
          try {
            Thread.sleep(1);
          } catch (InterruptedException e) {
            return;
          }
        }
      });
      sampler.start();
      ProcessedImage result;
      try {
        result = processor.process(photo, profile);
      } finally {
        sampler.interrupt();
        sampler.join();
      }
      peak.accumulateAndGet(NativeHeapProbe.inUseBytes(), Math::max);
      StringBuilder line = new StringBuilder("profile");
      for (EncodedRendition r : result.renditions()) {
        line.append(' ').append(r.spec().name()).append('=').append(r.width()).append('x').append(r.height());
      }
      System.out.println(line + " native_peak_mib=" + ((peak.get() - baseline) >> 20));
    }
    System.out.println("heap_peak_mib=" + heapPeak() / (1 << 20) + " max_heap_mib="
        + Runtime.getRuntime().maxMemory() / (1 << 20));
  }

  private static long heapPeak() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }
}
