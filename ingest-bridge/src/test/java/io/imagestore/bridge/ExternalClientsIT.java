package io.imagestore.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The curl and lftp binaries against the bridge, as partner scripts and cameras use them. */
class ExternalClientsIT {
  @RegisterExtension
  static final BridgeOnStack BRIDGE = new BridgeOnStack(b -> b);

  static BridgeHarness h() {
    return BRIDGE.harness();
  }

  @Test
  void curlUploadsAndCreatesFolders() throws Exception {
    Path file = Files.write(h().dir.resolve("photo.jpg"), "curl upload".getBytes(StandardCharsets.UTF_8));
    try {
      Result root = run("curl", "-sS", "--max-time", "60", "-T", file.toString(), h().url("/"));
      assertThat(root.exit).as(root.output).isZero();
      Result nested = run("curl", "-sS", "--max-time", "60", "--ftp-create-dirs", "-T", file.toString(),
          h().url("/2026-11-26/site-a/"));
      assertThat(nested.exit).as(nested.output).isZero();
      // Without --ftp-create-dirs curl only CWDs into the folder: directories are implicit.
      Result implicit = run("curl", "-sS", "--max-time", "60", "-T", file.toString(), h().url("/smoke/shot.jpg"));
      assertThat(implicit.exit).as(implicit.output).isZero();
      // Refused name: curl reports the server's 550 as an upload failure (exit 25).
      Result refused = run("curl", "-sS", "--max-time", "60", "-T", file.toString(), h().url("/..%2F..%2Fx.jpg"));
      assertThat(refused.exit).as(refused.output).isNotZero();
    } finally {
      Files.deleteIfExists(file);
    }
    String sha = BridgeHarness.sha256(new java.io.ByteArrayInputStream("curl upload".getBytes(StandardCharsets.UTF_8)));
    assertThat(h().events("/photo.jpg")).singleElement().satisfies(e -> assertThat(e.sha256()).isEqualTo(sha));
    assertThat(h().events("/2026-11-26/site-a/photo.jpg")).hasSize(1);
    assertThat(h().events("/smoke/shot.jpg")).hasSize(1);
    assertThat(h().keys("ftp/camera/")).noneMatch(k -> k.endsWith("x.jpg"));
  }

  @Test
  void lftpCameraSessionMakesADateFolderUploadsAsTmpRenamesAndLists() throws Exception {
    Path file = Files.write(h().dir.resolve("IMG_0001.JPG"), new byte[20_000]);
    try {
      String script = String.join("; ",
          "set ftp:ssl-allow no", "set ftp:passive-mode true", "set net:max-retries 1", "set net:timeout 20",
          "mkdir 2026-11-27", "cd 2026-11-27", "put " + file + " -o IMG_0001.JPG.tmp",
          "mv IMG_0001.JPG.tmp IMG_0001.JPG", "cls -l", "quit");
      Result r = run("lftp", "-u", BridgeHarness.USER + "," + BridgeHarness.PASSWORD, "-p",
          Integer.toString(h().bridge.port()), "-e", script, h().bridge.host());
      assertThat(r.exit).as(r.output).isZero();
      assertThat(r.output).contains("IMG_0001.JPG").contains("20000").doesNotContain(".tmp");
    } finally {
      Files.deleteIfExists(file);
    }
    assertThat(h().events("/2026-11-27/IMG_0001.JPG")).singleElement().satisfies(e -> {
      assertThat(e.size()).isEqualTo(20_000);
      assertThat(e.contentType()).isEqualTo("image/jpeg");
    });
    assertThat(h().events("/2026-11-27/IMG_0001.JPG.tmp")).isEmpty();
  }

  @Test
  void curlKilledMidFilePublishesNothing() throws Exception {
    Path file = h().dir.resolve("killed.jpg");
    try (InputStream in = BridgeHarness.generated(4L * 1024 * 1024, 17)) {
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    }
    List<String> originals = h().keys("originals/");
    long aborted = h().bridge.metrics().uploads("client_aborted");
    long ok = h().bridge.metrics().uploads("ok");
    Process curl = new ProcessBuilder("curl", "--progress-bar", "--max-time", "120", "--limit-rate", "200k", "-T",
        file.toString(), h().url("/killed.jpg")).redirectErrorStream(true).start();
    ProgressBar progress = ProgressBar.follow(curl);
    try {
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
          .until(() -> h().bridge.metrics().inFlight() == 1 && progress.percent() >= 5);
    } finally {
      // SIGKILL: the kernel closes curl's sockets with a FIN, just as after a complete upload.
      curl.destroyForcibly();
      assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
      Files.deleteIfExists(file);
    }
    assertThat(progress.percent()).as("killed mid-file").isLessThan(50);

    await().atMost(Duration.ofSeconds(10)).until(() -> h().bridge.metrics().inFlight() == 0);
    assertThat(h().bridge.metrics().uploads("ok")).as("published").isEqualTo(ok);
    assertThat(h().bridge.metrics().uploads("client_aborted")).isEqualTo(aborted + 1);
    assertThat(h().events("/killed.jpg")).isEmpty();
    assertThat(h().keys("ftp/camera/killed.jpg")).isEmpty();
    assertThat(h().keys("originals/")).containsExactlyInAnyOrderElementsOf(originals);
    assertThat(h().keys("staging/")).isEmpty();
    assertThat(h().openMultipartUploads()).isZero();
  }

  /** The last percentage of curl's {@code --progress-bar}, read from its output as it is drawn. */
  private static final class ProgressBar {
    private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)%$");
    private volatile double percent;

    static ProgressBar follow(Process curl) {
      ProgressBar bar = new ProgressBar();
      Thread reader = new Thread(() -> bar.read(curl.getInputStream()), "curl-progress");
      reader.setDaemon(true);
      reader.start();
      return bar;
    }

    private void read(InputStream in) {
      StringBuilder line = new StringBuilder();
      try (in) {
        for (int c = in.read(); c >= 0; c = in.read()) {
          if (c == '\r' || c == '\n') {
            line.setLength(0);
            continue;
          }
          line.append((char) c);
          Matcher m = c == '%' ? PERCENT.matcher(line) : null;
          if (m != null && m.find()) {
            percent = Double.parseDouble(m.group(1));
          }
        }
      } catch (IOException ended) {
        // curl is gone
      }
    }

    double percent() {
      return percent;
    }
  }

  private record Result(int exit, String output) {}

  private static Result run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(command[0] + " did not finish: " + out);
    }
    return new Result(p.exitValue(), out);
  }
}
