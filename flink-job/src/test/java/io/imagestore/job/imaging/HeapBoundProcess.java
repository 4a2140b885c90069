package io.imagestore.job.imaging;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.List;

/**
 * Processes one file with two profiles and prints the renditions, for {@link LargeImageHeapIT}
 * to run in a JVM with a small heap. An OutOfMemoryError ends it with a non-zero exit status.
 */
public final class HeapBoundProcess {

  private HeapBoundProcess() {}

  public static void main(String[] args) throws Exception {
    RenditionSpec large = RenditionSpec.longEdge("large", 1280, 85);
    RenditionSpec thumb = RenditionSpec.longEdge("thumb", 320, 85);
    // Typical: decoded subsampled. Worst case: a full-resolution rendition, nothing subsampled.
    ProcessingProfile standard = new ProcessingProfile(CropSpec.NONE, List.of(large, thumb));
    ProcessingProfile full = new ProcessingProfile(
        CropSpec.NONE, List.of(RenditionSpec.longEdge("full", 100_000, 90), large, thumb));
    ImageProcessor processor = new ImageProcessor(ImageLimits.defaults());
    for (ProcessingProfile profile : List.of(standard, full)) {
      ProcessedImage result = processor.process(Path.of(args[0]), profile);
      System.out.println("original " + result.width() + "x" + result.height());
      for (EncodedRendition rendition : result.renditions()) {
        System.out.println("rendition " + rendition.spec().name() + " "
            + rendition.width() + "x" + rendition.height() + " " + rendition.jpeg().length);
      }
    }
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.println("sum of heap pool peaks MiB " + peak / (1024 * 1024)
        + ", max heap MiB " + Runtime.getRuntime().maxMemory() / (1024 * 1024));
  }
}
