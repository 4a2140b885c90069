package io.imagestore.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Renames of unpublished uploads that a sloppy or racing client gets wrong: never a loss, never two events. */
class RenameRacesIT {
  @RegisterExtension
  static final BridgeOnStack BRIDGE = new BridgeOnStack(b -> b);

  static BridgeHarness h() {
    return BRIDGE.harness();
  }

  @Test
  void renamingAFileToItsOwnNameKeepsIt() throws Exception {
    byte[] bytes = "renamed onto itself".getBytes(StandardCharsets.UTF_8);
    FTPClient ftp = h().login();
    try {
      assertThat(ftp.makeDirectory("/self")).isTrue();
      assertThat(ftp.storeFile("/self/x.tmp", new ByteArrayInputStream(bytes))).as(ftp.getReplyString()).isTrue();
      assertThat(ftp.changeWorkingDirectory("/self")).isTrue();
      // The same file, named as a client may: relative, dotted, absolute, through its parent.
      for (String same : List.of("x.tmp", "./x.tmp", "/self/x.tmp", "../self/x.tmp", "x.tmp/.")) {
        assertThat(ftp.sendCommand("RNFR", "x.tmp")).isEqualTo(350);
        assertThat(ftp.sendCommand("RNTO", same)).as("RNTO %s: %s", same, ftp.getReplyString()).isEqualTo(250);
        assertThat(ftp.sendCommand("SIZE", "x.tmp")).as("after RNTO %s", same).isEqualTo(213);
        assertThat(ftp.getReplyString().trim()).endsWith(" " + bytes.length);
      }
      // Still a temporary file: renaming it to a final name publishes it, once.
      assertThat(ftp.rename("x.tmp", "x.jpg")).as(ftp.getReplyString()).isTrue();
    } finally {
      ftp.disconnect();
    }
    assertThat(h().events("/self/x.tmp")).isEmpty();
    assertThat(h().events("/self/x.jpg")).hasSize(1);
  }

  @Test
  void twoSessionsRenamingTheSameTemporaryFileAtOncePublishItOnce() throws Exception {
    int rounds = 8;
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<FTPClient> sessions = List.of(h().login(), h().login());
    try {
      for (int round = 0; round < rounds; round++) {
        String tmp = "/race/r" + round + ".jpg.tmp";
        // Both to the same final name, or each to its own: either way one event only.
        List<String> targets = round % 2 == 0
            ? List.of("/race/r" + round + ".jpg", "/race/r" + round + ".jpg")
            : List.of("/race/r" + round + "-a.jpg", "/race/r" + round + "-b.jpg");
        assertThat(sessions.get(0).storeFile(tmp, new ByteArrayInputStream(("round " + round).getBytes())))
            .as(sessions.get(0).getReplyString()).isTrue();
        for (FTPClient s : sessions) {
          assertThat(s.sendCommand("RNFR", tmp)).isEqualTo(350);
        }
        CyclicBarrier barrier = new CyclicBarrier(2);
        List<Future<Integer>> replies = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          FTPClient s = sessions.get(i);
          String to = targets.get(i);
          replies.add(pool.submit(() -> {
            barrier.await(10, TimeUnit.SECONDS);
            return s.sendCommand("RNTO", to);
          }));
        }
        List<Integer> codes = new ArrayList<>();
        for (Future<Integer> f : replies) {
          codes.add(f.get(60, TimeUnit.SECONDS));
        }
        assertThat(codes).as("round %d", round).containsOnlyOnce(250);
        assertThat(codes).as("round %d", round).anyMatch(c -> c == 450 || c == 550);
        assertThat(sessions.get(0).sendCommand("SIZE", tmp)).as("temporary file gone").isEqualTo(550);
      }
    } finally {
      pool.shutdownNow();
      for (FTPClient s : sessions) {
        s.disconnect();
      }
    }
    for (int round = 0; round < rounds; round++) {
      List<String> paths = round % 2 == 0
          ? List.of("/race/r" + round + ".jpg")
          : List.of("/race/r" + round + "-a.jpg", "/race/r" + round + "-b.jpg");
      int events = 0;
      for (String p : paths) {
        events += h().events(p).size();
      }
      assertThat(events).as("events of round %d", round).isEqualTo(1);
    }
    // Claims are released: nothing but entries and folders under the account.
    assertThat(h().keys("ftp/camera/")).noneMatch(k -> k.contains("rename-claims."));
  }
}
