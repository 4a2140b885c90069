package io.imagestore.job.imaging.bench;

import io.imagestore.job.imaging.CropSpec;
import io.imagestore.job.imaging.EncodedRendition;
import io.imagestore.job.imaging.ImageLimits;
import io.imagestore.job.imaging.ImageProcessor;
import io.imagestore.job.imaging.ImageRejectedException;
import io.imagestore.job.imaging.ProcessedImage;
import io.imagestore.job.imaging.ProcessingProfile;
import io.imagestore.job.imaging.RenditionSpec;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * The imaging kernel against {@code vipsthumbnail} on a set of photos, in one run: photos per
 * CPU-second of each (process CPU, so GC and JIT threads count against us), and the PSNR of each
 * 1280 px rendition against ImageMagick's Lanczos resize to the same size.
 *
 * <p>{@code java -cp <flink-job classpath> io.imagestore.job.imaging.bench.KernelBenchmark
 * --photos DIR [--out DIR] [--references DIR] [--passes N]}. Pin it to one core for figures
 * that compare with a single-threaded vips ({@code taskset -c 0}); vips runs with
 * {@code VIPS_CONCURRENCY=1}. A photo set that any Debian machine can reproduce: the JPEGs of
 * at least 3 MP from {@code lomiri-wallpapers-16.04}, {@code lomiri-wallpapers-20.04} and
 * {@code mate-backgrounds} ({@code apt-get download}, {@code dpkg-deb -x}), made baseline with
 * {@code jpegtran -copy all -optimize} — 26 photos, 243 MP; then the same photos made
 * progressive. Needs {@code vipsthumbnail} (libvips-tools) and ImageMagick's {@code convert} for
 * the baseline and the references, {@code jpegtran} (libjpeg-turbo-progs) for the progressive
 * set; each part is skipped with a note when its tool is missing.
 */
public final class KernelBenchmark {

  private static final RenditionSpec PREVIEW = RenditionSpec.longEdge("preview", 1280, 85);
  private static final RenditionSpec THUMB = RenditionSpec.longEdge("thumb", 320, 85);
  private static final ProcessingProfile PROFILE =
      new ProcessingProfile(CropSpec.NONE, List.of(PREVIEW, THUMB));

  private final List<Path> photos;
  private final Path out;
  private final Path references;
  private final int passes;

  private KernelBenchmark(List<Path> photos, Path out, Path references, int passes) {
    this.photos = photos;
    this.out = out;
    this.references = references;
    this.passes = passes;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    String out = options.get("--out");
    System.exit(run(Path.of(options.getOrDefault("--photos", "photos")),
        out == null ? null : Path.of(out),
        Path.of(options.getOrDefault("--references", defaultReferences().toString())),
        Integer.parseInt(options.getOrDefault("--passes", "3"))));
  }

  /** Where ImageMagick's reference resizes are cached between runs. */
  public static Path defaultReferences() {
    return Path.of(System.getProperty("java.io.tmpdir"), "kernel-bench-references");
  }

  /**
   * Runs the benchmark over the JPEGs in {@code photoDir}, printing its table and last line.
   *
   * @param out where the renditions are kept, or null for a temporary directory
   * @return the exit status: 0, or 2 when there are no photos
   */
  public static int run(Path photoDir, Path out, Path references, int passes) throws Exception {
    List<Path> photos;
    try (Stream<Path> files = Files.list(photoDir)) {
      photos = files.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT)
              .matches(".*\\.jpe?g")).sorted().toList();
    }
    if (photos.isEmpty()) {
      System.err.println("no JPEG photos in " + photoDir);
      return 2;
    }
    Path kept = out != null ? out : Files.createTempDirectory("kernel-bench-out");
    Files.createDirectories(kept);
    Files.createDirectories(references);
    new KernelBenchmark(photos, kept, references, passes).run();
    return 0;
  }

  private void run() throws Exception {
    long megapixels = 0;
    for (Path photo : photos) {
      megapixels += pixels(photo);
    }
    System.out.printf(Locale.ROOT, "photos: %d, %.0f MP in all; renditions 1280 + 320 px, Q85;"
            + " %s %s%n", photos.size(), megapixels / 1e6,
        System.getProperty("java.vm.vendor"), System.getProperty("java.runtime.version"));

    ImageProcessor nativePath = new ImageProcessor(ImageLimits.defaults());
    ImageProcessor pureJava = ImageProcessor.pureJava(ImageLimits.defaults());
    double ours =
        nativePath.usesTurboJpeg() ? timeOurs(nativePath, "native", photos) : Double.NaN;
    double oursJava = timeOurs(pureJava, "java", photos);
    ImageProcessor kernel = nativePath;
    if (!nativePath.usesTurboJpeg()) {
      System.out.println("TurboJPEG is not installed: the kernel below is the pure-Java path");
      ours = oursJava;
      kernel = pureJava;
    }
    double vips = Double.NaN;
    double vipsChained = Double.NaN;
    if (commandExists("vipsthumbnail")) {
      vips = timeVips(false, photos, "vips");
      vipsChained = timeVips(true, photos, "vips-chained");
    } else {
      System.out.println("vipsthumbnail not installed (Debian: libvips-tools): no baseline");
    }

    List<double[]> quality = new ArrayList<>(); // ours, pure Java, vips
    if (commandExists("convert")) {
      System.out.printf(Locale.ROOT, "%-44s %9s %8s %8s %8s%n",
          "photo (PSNR of 1280 vs ImageMagick Lanczos)", "size", "native", "java", "vips");
      for (Path photo : photos) {
        quality.add(psnrRow(photo));
      }
    } else {
      System.out.println("ImageMagick not installed: no PSNR");
    }
    double[] mean = columnMeans(quality);
    double[] min = columnMins(quality);

    printRate("kernel, TurboJPEG path", ours, vips);
    printRate("kernel, pure-Java path", oursJava, vips);
    printRate("vipsthumbnail, each size from the source", vips, vips);
    printRate("vipsthumbnail, 320 from the 1280", vipsChained, vips);
    double[] progressive = progressiveSet(kernel);
    System.out.printf(Locale.ROOT, "PSNR mean / min dB: native %.2f / %.2f, java %.2f / %.2f,"
        + " vips %.2f / %.2f%n", mean[0], min[0], mean[1], min[1], mean[2], min[2]);
    System.out.printf(Locale.ROOT, "peak heap %d MiB (sum of pool peaks), peak RSS %s MiB%n",
        peakHeapMib(), peakRssMib());
    System.out.printf(Locale.ROOT,
        "kernel: ours=%.2f photos/cpu-s vips=%.2f ratio=%.2fx psnr_delta=%+.2fdB"
            + " kernel_vs_vipsthumbnail=%.2f kernel_vs_vips_chained=%.2f psnr_mean_db=%.2f"
            + " vips_psnr_mean_db=%.2f progressive_vs_vipsthumbnail=%.2f%n",
        ours, vips, ours / vips, mean[0] - mean[2], ours / vips, ours / vipsChained,
        mean[0], mean[2], progressive[0] / progressive[1]);
  }

  /**
   * The same photos made progressive losslessly ({@code jpegtran -progressive -copy all}: the
   * same coefficients, so the same renditions), ours against vips' each-size-from-the-source:
   * a progressive file is decoded scan by scan from a whole-image coefficient buffer, which
   * shrink-on-load cannot skip. The copies are cached next to the references. Returns ours and
   * vips' photos per CPU-second, NaN without jpegtran.
   */
  private double[] progressiveSet(ImageProcessor processor) throws Exception {
    if (!commandExists("jpegtran")) {
      System.out.println(
          "jpegtran not installed (Debian: libjpeg-turbo-progs): no progressive set");
      return new double[] {Double.NaN, Double.NaN};
    }
    Path dir = Files.createDirectories(references.resolve("progressive"));
    List<Path> set = new ArrayList<>();
    for (Path photo : photos) {
      Path copy = dir.resolve(photo.getFileName());
      if (!Files.exists(copy)) {
        // Written aside and moved, so that a failed run leaves no half file in the cache.
        Path partial = dir.resolve(photo.getFileName() + ".partial");
        run("jpegtran on " + photo, new ProcessBuilder("jpegtran", "-progressive", "-copy", "all",
            "-outfile", partial.toString(), photo.toString()));
        Files.move(partial, copy, StandardCopyOption.REPLACE_EXISTING);
      }
      set.add(copy);
    }
    double ours = timeOurs(processor, "progressive", set);
    double vips = commandExists("vipsthumbnail")
        ? timeVips(false, set, "vips-progressive") : Double.NaN;
    printRate("kernel, progressive set", ours, vips);
    printRate("vipsthumbnail, progressive set", vips, vips);
    return new double[] {ours, vips};
  }

  /** Photos per process CPU-second, after one warm-up pass (JIT). */
  private double timeOurs(ImageProcessor processor, String label, List<Path> set)
      throws Exception {
    processAll(processor, label, set, true);
    long start = processCpuNanos();
    for (int pass = 0; pass < passes; pass++) {
      processAll(processor, label, set, false);
    }
    double seconds = (processCpuNanos() - start) / 1e9;
    return set.size() * passes / seconds;
  }

  private void processAll(ImageProcessor processor, String label, List<Path> set, boolean keep)
      throws IOException, ImageRejectedException {
    for (Path photo : set) {
      ProcessedImage result = processor.process(photo, PROFILE);
      if (keep) {
        for (EncodedRendition rendition : result.renditions()) {
          Files.write(out.resolve(photo.getFileName() + "." + rendition.spec().name()
              + (label.equals("native") ? "" : "." + label) + ".jpg"), rendition.jpeg());
        }
      }
    }
  }

  /** Photos per CPU-second of vipsthumbnail processes, one per size over the whole set. */
  private double timeVips(boolean chained, List<Path> set, String dirName) throws Exception {
    Path dir = Files.createDirectories(out.resolve(dirName));
    List<String> sources = set.stream().map(Path::toString).toList();
    double seconds = vipsCpuSeconds(sources, "1280x1280", dir + "/%s.preview.jpg[Q=85]");
    List<String> thumbSources = chained
        ? set.stream().map(p -> dir.resolve(stem(p) + ".preview.jpg").toString()).toList()
        : sources;
    seconds += vipsCpuSeconds(thumbSources, "320x320", dir + "/%s.thumb.jpg[Q=85]");
    return set.size() / seconds;
  }

  private static double vipsCpuSeconds(List<String> files, String size, String output)
      throws Exception {
    StringBuilder script = new StringBuilder("vipsthumbnail -s ").append(size)
        .append(" -o '").append(output).append("'");
    for (String file : files) {
      script.append(" '").append(file.replace("'", "'\\''")).append("'");
    }
    // The shell's `times` reports its children's CPU: user and system, the second line.
    script.append(" && times");
    ProcessBuilder builder = new ProcessBuilder("sh", "-c", script.toString());
    builder.environment().put("VIPS_CONCURRENCY", "1");
    String[] lines = run("vipsthumbnail", builder).strip().split("\n");
    String[] children = lines[lines.length - 1].trim().split("\\s+");
    return shellSeconds(children[0]) + shellSeconds(children[1]);
  }

  /** {@code 1m2.345s} → 62.345. */
  private static double shellSeconds(String time) {
    int m = time.indexOf('m');
    return Double.parseDouble(time.substring(0, m)) * 60
        + Double.parseDouble(time.substring(m + 1, time.length() - 1));
  }

  private double[] psnrRow(Path photo) throws Exception {
    BufferedImage ours = ImageIO.read(out.resolve(photo.getFileName() + ".preview.jpg").toFile());
    BufferedImage java = ImageIO.read(
        out.resolve(photo.getFileName() + ".preview.java.jpg").toFile());
    Path vipsFile = out.resolve("vips").resolve(stem(photo) + ".preview.jpg");
    BufferedImage vips = Files.exists(vipsFile) ? ImageIO.read(vipsFile.toFile()) : null;
    double[] row = {
        ours == null ? Double.NaN : Psnr.of(ours, reference(photo, ours)),
        Psnr.of(java, reference(photo, java)),
        vips == null ? Double.NaN : Psnr.of(vips, reference(photo, vips))};
    System.out.printf(Locale.ROOT, "%-44s %9s %8.2f %8.2f %8.2f%n", photo.getFileName(),
        java.getWidth() + "x" + java.getHeight(), row[0], row[1], row[2]);
    return row;
  }

  /** ImageMagick's Lanczos resize of {@code photo} to the size of {@code like}, cached. */
  private BufferedImage reference(Path photo, BufferedImage like) throws Exception {
    String size = like.getWidth() + "x" + like.getHeight();
    Path file = references.resolve(photo.getFileName() + "." + size + ".png");
    if (!Files.exists(file)) {
      run("convert", new ProcessBuilder("convert", photo.toString(), "-auto-orient",
          "-filter", "Lanczos", "-resize", size + "!", file.toString()));
    }
    return ImageIO.read(file.toFile());
  }

  /** Runs {@code tool} to its end and returns what it printed; a failure says what it printed. */
  private static String run(String tool, ProcessBuilder command)
      throws IOException, InterruptedException {
    Process process = command.redirectErrorStream(true).start();
    String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IOException(tool + " failed: " + text);
    }
    return text;
  }

  private static void printRate(String what, double rate, double vips) {
    System.out.printf(Locale.ROOT, "%-44s %6.2f photos/cpu-s  %5.2fx vipsthumbnail%n",
        what, rate, rate / vips);
  }

  private static double[] columnMeans(List<double[]> rows) {
    double[] sum = new double[3];
    for (double[] row : rows) {
      for (int i = 0; i < 3; i++) {
        sum[i] += row[i];
      }
    }
    for (int i = 0; i < 3; i++) {
      sum[i] /= rows.isEmpty() ? Double.NaN : rows.size();
    }
    return sum;
  }

  private static double[] columnMins(List<double[]> rows) {
    double[] min = {Double.NaN, Double.NaN, Double.NaN};
    for (double[] row : rows) {
      for (int i = 0; i < 3; i++) {
        min[i] = Double.isNaN(min[i]) ? row[i] : Math.min(min[i], row[i]);
      }
    }
    return min;
  }

  private static long pixels(Path photo) throws IOException {
    try (var input = ImageIO.createImageInputStream(
        new ByteArrayInputStream(Files.readAllBytes(photo)))) {
      var reader = ImageIO.getImageReaders(input).next();
      try {
        reader.setInput(input);
        return (long) reader.getWidth(0) * reader.getHeight(0);
      } finally {
        reader.dispose();
      }
    }
  }

  private static String stem(Path photo) {
    String name = photo.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }

  private static boolean commandExists(String command) {
    try {
      Process p = new ProcessBuilder("sh", "-c", "command -v " + command).start();
      return p.waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
        ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static long peakHeapMib() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak >> 20;
  }

  private static String peakRssMib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return String.valueOf(Long.parseLong(line.replaceAll("\\D", "")) >> 10);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return "?";
  }
}
