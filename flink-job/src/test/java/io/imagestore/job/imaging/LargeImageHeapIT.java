package io.imagestore.job.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagestore.job.testing.TestImages;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 24 MP photo must process in a 512 MiB heap, with typical renditions and with a
 * full-resolution one. Runs the processor in a separate JVM so that the heap limit is real.
 *
 * <p>Both decode paths. Measured on the development machine with a full-size rendition, where
 * nothing can be shrunk on load: the ImageIO path passes with 320 MiB and fails with 256 MiB
 * (the decoded image, the scaled pixels and their upright copy); the TurboJPEG path passes with
 * 256 MiB, as its decode is native memory (72 MB here).
 */
class LargeImageHeapIT {

  @TempDir Path dir;

  @ParameterizedTest(name = "TurboJPEG {0}")
  @ValueSource(booleans = {true, false})
  void processes24MegapixelsIn512MibOfHeap(boolean turboJpeg) throws Exception {
    // Shown 6000 x 4000, stored 4000 x 6000 (orientation 6): the rotated copy is made too.
    Path photo = TestImages.write(dir, "24mp.jpg", TestImages.jpegWithOrientation(6000, 4000, 6));
    Path output = dir.resolve("child.out");

    Process child = new ProcessBuilder(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m",
            "-D" + TurboJpegAvailability.PROPERTY + "=" + turboJpeg,
            "-Djava.io.tmpdir=" + dir,
            "-cp", testClassPath(),
            HeapBoundProcess.class.getName(),
            photo.toString()))
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
    boolean ended = child.waitFor(10, TimeUnit.MINUTES); // a guard against a hung child only
    if (!ended) {
      child.destroyForcibly().waitFor();
    }
    String log = Files.readString(output, StandardCharsets.UTF_8);

    assertThat(ended).as("child ended; output:%n%s", log).isTrue();
    assertThat(child.exitValue()).as("exit status; output:%n%s", log).isZero();
    assertThat(log)
        .contains("original 4000x6000")
        .contains("rendition large 1280x853")
        .contains("rendition thumb 320x213")
        .contains("rendition full 6000x4000")
        .doesNotContain("OutOfMemoryError");
  }

  /** Surefire and Failsafe run tests from a manifest-only jar; the real path is in a property. */
  private static String testClassPath() {
    String classPath = System.getProperty("surefire.test.class.path");
    if (classPath == null || classPath.isBlank()) {
      classPath = System.getProperty("java.class.path");
    }
    assertThat(classPath.split(File.pathSeparator)).isNotEmpty();
    return classPath;
  }
}
