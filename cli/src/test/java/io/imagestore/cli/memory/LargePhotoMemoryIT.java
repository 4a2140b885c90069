package io.imagestore.cli.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 24 MP photo processes in a 512 MiB heap, and the native memory the TurboJPEG path takes for it
 * fits the TaskManager's task off-heap budget: the standalone stack gives a TaskManager
 * {@code taskmanager.memory.task.off-heap.size: 160m} for 2 slots, 80 MiB per slot processing one
 * image at a time. Runs the job's processor in a child JVM with {@code -Xmx512m} and measures the
 * C heap's growth around each photo (TurboJPEG's buffers are malloc'd, outside the Java heap and
 * outside the JVM's own native memory tracking).
 *
 * <p>Measured here: the benchmark profile (1280 + 320 px) takes 39 MiB of C heap for a 24 MP
 * JPEG (DCT-scaled decode); a profile with a full-resolution rendition takes about 320 MiB (the
 * full-size decode, its upright copy to encode and the encoder's output buffer, each with a
 * quarter of headroom) — more than the 80 MiB share, which the README's sizing notes say. The
 * heap side on both decode paths is flink-job's {@code LargeImageHeapIT}.
 */
class LargePhotoMemoryIT {
  /** The standalone stack's task off-heap size over its slots per TaskManager. */
  private static final long OFF_HEAP_PER_SLOT_MIB = 160 / 2;

  @TempDir Path dir;

  @Test
  void twentyFourMegapixelsIn512MibOfHeapAndTheTaskOffHeapShare() throws Exception {
    Path photo = dir.resolve("24mp.jpg");
    ImageIO.write(cameraLike(6000, 4000), "jpg", photo.toFile());
    Path output = dir.resolve("child.out");

    Process child = new ProcessBuilder(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m", "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=" + dir,
            "-cp", testClassPath(), LargePhotoMemoryRun.class.getName(), photo.toString()))
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
    boolean ended = child.waitFor(10, TimeUnit.MINUTES); // a guard against a hung child only
    if (!ended) {
      child.destroyForcibly().waitFor();
    }
    String log = Files.readString(output, StandardCharsets.UTF_8);
    System.out.println("24 MP photo in a child JVM with -Xmx512m:\n" + log);

    assertThat(ended).as("child ended; output:%n%s", log).isTrue();
    assertThat(child.exitValue()).as("exit status; output:%n%s", log).isZero();
    assertThat(log).contains("path turbojpeg")
        .containsPattern("profile preview=1280x853 thumb=320x213 native_peak_mib=\\d+")
        .containsPattern("profile full=6000x4000 preview=1280x853 thumb=320x213 native_peak_mib=\\d+")
        .doesNotContain("OutOfMemoryError");
    assertThat(nativePeakMib(log, "profile preview")).as("native MiB for the benchmark profile")
        .isLessThanOrEqualTo(OFF_HEAP_PER_SLOT_MIB);
  }

  private static long nativePeakMib(String log, String profileLine) {
    Matcher m = Pattern.compile(Pattern.quote(profileLine) + ".* native_peak_mib=(\\d+)").matcher(log);
    assertThat(m.find()).as(log).isTrue();
    return Long.parseLong(m.group(1));
  }

  /** Smooth gradients with fine noise, so the JPEG holds detail in every block as a photo does. */
  private static BufferedImage cameraLike(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    SplittableRandom random = new SplittableRandom(24);
    int[] row = new int[width];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int noise = random.nextInt(24);
        int r = (x * 255 / width + noise) & 0xFF;
        int g = (y * 255 / height + noise) & 0xFF;
        int b = ((x + y) * 255 / (width + height) + noise) & 0xFF;
        row[x] = r << 16 | g << 8 | b;
      }
      image.setRGB(0, y, width, 1, row, 0, width);
    }
    return image;
  }

  private static String testClassPath() {
    String classPath = System.getProperty("surefire.test.class.path");
    if (classPath == null || classPath.isBlank()) {
      classPath = System.getProperty("java.class.path");
    }
    assertThat(classPath.split(File.pathSeparator)).hasSizeGreaterThan(1);
    return classPath;
  }
}
