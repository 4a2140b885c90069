package io.imagestore.cli.bench;

import io.imagestore.job.imaging.bench.KernelBenchmark;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code imagestore bench kernel}: the job's imaging kernel against vipsthumbnail. */
@Command(name = "kernel", mixinStandardHelpOptions = true,
    description = "Makes 1280 px (preview) and 320 px (thumb) JPEGs at quality 85 of every JPEG in "
        + "--photos with the job's ImageProcessor (TurboJPEG path and pure-Java path) and with "
        + "vipsthumbnail, and prints photos per CPU-second of each and the PSNR of each preview "
        + "against ImageMagick's Lanczos resize; then the same photos made progressive "
        + "losslessly, ours against vipsthumbnail. Pin it to one core (taskset -c 0) for figures "
        + "that compare with single-threaded vips. Needs libvips-tools and imagemagick for the "
        + "baseline and the references, libjpeg-turbo-progs (jpegtran) for the progressive set, "
        + "libturbojpeg0 for the native path.")
public final class KernelBenchCommand implements Callable<Integer> {

  @Option(names = "--photos", required = true, description = "Directory of JPEG photos; "
      + "scripts/fetch-bench-photos.sh DIR fetches the benchmark set.")
  Path photos;

  @Option(names = "--out", description = "Keep the renditions here, as <photo file name>."
      + "<rendition name>.jpg (default: a temporary directory).")
  Path out;

  @Option(names = "--references", description = "Cache of ImageMagick's reference resizes "
      + "(default: kernel-bench-references in the temporary directory).")
  Path references = KernelBenchmark.defaultReferences();

  @Option(names = "--passes", description = "Timed passes over the set after one warm-up "
      + "(default: ${DEFAULT-VALUE}).")
  int passes = 3;

  @Override
  public Integer call() throws Exception {
    return KernelBenchmark.run(photos, out, references, passes);
  }
}
