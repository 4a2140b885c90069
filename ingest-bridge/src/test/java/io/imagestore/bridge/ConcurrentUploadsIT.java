package io.imagestore.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagestore.schemas.UploadEvent;
import io.imagestore.stack.LocalStackExtension;
import io.imagestore.stack.TopicReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.time.Duration;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** 16 clients at once, each logging in per file as cameras do: every upload accounted for. */
class ConcurrentUploadsIT {
  @RegisterExtension
  static final LocalStackExtension STACK = new LocalStackExtension();

  static final int CLIENTS = 16;
  static final int FILES_PER_CLIENT = 3;

  @Test
  void sixteenClientsUploadingAtOnceAreAllPublishedExactlyOnce() throws Exception {
    try (BridgeHarness h = BridgeHarness.start(STACK, b -> b.limits(
        b.limits().withConnections(32, 32).withPreLogin(Duration.ofSeconds(15), 32, 32)))) {
      Map<String, String> expectedSha = new ConcurrentHashMap<>();
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      List<Future<Integer>> results = new ArrayList<>();
      try {
        for (int c = 0; c < CLIENTS; c++) {
          int client = c;
          results.add(pool.submit((Callable<Integer>) () -> {
            int ok = 0;
            for (int f = 0; f < FILES_PER_CLIENT; f++) {
              // One file per client spans two parts (multipart); the others are single PUTs.
              long size = f == 0 ? 5L * 1024 * 1024 + 4096 : 100_000 + client * 1000 + f;
              long seed = client * 100L + f;
              String path = "/c" + client + "-f" + f + ".jpg";
              expectedSha.put(path, BridgeHarness.sha256(BridgeHarness.generated(size, seed)));
              FTPClient ftp = h.login();
              try {
                if (ftp.storeFile(path, BridgeHarness.generated(size, seed)) && ftp.getReplyCode() == 226) {
                  ok++;
                }
              } finally {
                ftp.logout();
                ftp.disconnect();
              }
            }
            return ok;
          }));
        }
        int ok = 0;
        for (Future<Integer> r : results) {
          ok += r.get();
        }
        assertThat(ok).isEqualTo(CLIENTS * FILES_PER_CLIENT);
      } finally {
        pool.shutdownNow();
      }

      List<UploadEvent> events = TopicReader.readCommitted(STACK.endpoints().kafkaBootstrap(),
              STACK.endpoints().topics().uploads(), CLIENTS * FILES_PER_CLIENT, Duration.ofSeconds(60))
          .stream().map(BridgeHarness::read).toList();
      Map<String, String> published = new HashMap<>();
      for (UploadEvent e : events) {
        assertThat(published.put(e.originalPath(), e.sha256())).as("duplicate event for %s", e.originalPath()).isNull();
      }
      assertThat(published).isEqualTo(expectedSha);
      assertThat(h.keys("originals/")).hasSize(CLIENTS * FILES_PER_CLIENT);
      assertThat(h.keys("staging/")).isEmpty();
      assertThat(h.openMultipartUploads()).isZero();
      assertThat(h.bridge.metrics().uploads("ok")).isEqualTo(CLIENTS * FILES_PER_CLIENT);
      assertThat(h.bridge.metrics().inFlight()).isZero();
    }
  }
}
