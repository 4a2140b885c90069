package io.imagestore.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagestore.stack.LocalStackExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The curl and lftp binaries against the bridge, as partner scripts and cameras use them. */
class ExternalClientsIT {
  @RegisterExtension
  static final LocalStackExtension STACK = new LocalStackExtension();

  static BridgeHarness h;

  @BeforeAll
  static void startBridge() throws Exception {
    h = BridgeHarness.start(STACK, b -> b);
  }

  @AfterAll
  static void stopBridge() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void curlUploadsAndCreatesFolders() throws Exception {
    Path file = Files.write(h.dir.resolve("photo.jpg"), "curl upload".getBytes(StandardCharsets.UTF_8));
    try {
      Result root = run("curl", "-sS", "--max-time", "60", "-T", file.toString(), h.url("/"));
      assertThat(root.exit).as(root.output).isZero();
      Result nested = run("curl", "-sS", "--max-time", "60", "--ftp-create-dirs", "-T", file.toString(),
          h.url("/2026-11-26/site-a/"));
      assertThat(nested.exit).as(nested.output).isZero();
      // Without --ftp-create-dirs curl only CWDs into the folder: directories are implicit.
      Result implicit = run("curl", "-sS", "--max-time", "60", "-T", file.toString(), h.url("/smoke/shot.jpg"));
      assertThat(implicit.exit).as(implicit.output).isZero();
      // Refused name: curl reports the server's 550 as an upload failure (exit 25).
      Result refused = run("curl", "-sS", "--max-time", "60", "-T", file.toString(), h.url("/..%2F..%2Fx.jpg"));
      assertThat(refused.exit).as(refused.output).isNotZero();
    } finally {
      Files.deleteIfExists(file);
    }
    String sha = BridgeHarness.sha256(new java.io.ByteArrayInputStream("curl upload".getBytes(StandardCharsets.UTF_8)));
    assertThat(h.events("/photo.jpg")).singleElement().satisfies(e -> assertThat(e.sha256()).isEqualTo(sha));
    assertThat(h.events("/2026-11-26/site-a/photo.jpg")).hasSize(1);
    assertThat(h.events("/smoke/shot.jpg")).hasSize(1);
    assertThat(h.keys("ftp/camera/")).noneMatch(k -> k.endsWith("x.jpg"));
  }

  @Test
  void lftpCameraSessionMakesADateFolderUploadsAsTmpRenamesAndLists() throws Exception {
    Path file = Files.write(h.dir.resolve("IMG_0001.JPG"), new byte[20_000]);
    try {
      String script = String.join("; ",
          "set ftp:ssl-allow no", "set ftp:passive-mode true", "set net:max-retries 1", "set net:timeout 20",
          "mkdir 2026-11-27", "cd 2026-11-27", "put " + file + " -o IMG_0001.JPG.tmp",
          "mv IMG_0001.JPG.tmp IMG_0001.JPG", "cls -l", "quit");
      Result r = run("lftp", "-u", BridgeHarness.USER + "," + BridgeHarness.PASSWORD, "-p",
          Integer.toString(h.bridge.port()), "-e", script, h.bridge.host());
      assertThat(r.exit).as(r.output).isZero();
      assertThat(r.output).contains("IMG_0001.JPG").contains("20000").doesNotContain(".tmp");
    } finally {
      Files.deleteIfExists(file);
    }
    assertThat(h.events("/2026-11-27/IMG_0001.JPG")).singleElement().satisfies(e -> {
      assertThat(e.size()).isEqualTo(20_000);
      assertThat(e.contentType()).isEqualTo("image/jpeg");
    });
    assertThat(h.events("/2026-11-27/IMG_0001.JPG.tmp")).isEmpty();
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
