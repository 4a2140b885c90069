package io.imagestore.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imagestore.stack.LocalStackExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** close(): uploads in flight finish (and are published) within the grace period, or are aborted cleanly. */
class GracefulShutdownIT {
  @RegisterExtension
  static final LocalStackExtension STACK = new LocalStackExtension();

  @Test
  void anUploadInFlightFinishesAndIsPublishedWhileTheBridgeStops() throws Exception {
    BridgeHarness h = BridgeHarness.start(STACK, b -> b.shutdownGrace(Duration.ofSeconds(60)));
    CompletableFuture<Void> closing;
    FTPClient ftp = h.login();
    try (Socket data = BridgeHarness.passiveData(ftp, null)) {
      assertThat(ftp.sendCommand("STOR", "last.jpg")).isEqualTo(150);
      OutputStream out = data.getOutputStream();
      out.write(new byte[1 << 20]);
      await().until(() -> h.bridge.metrics().inFlight() == 1);
      closing = CompletableFuture.runAsync(h::close);
      // New connections are refused once the bridge drains...
      await().atMost(Duration.ofSeconds(30)).until(() -> h.bridge.metrics().connectionsRejected("shutdown") > 0
          || refusedWith421(h));
      // ...while the transfer in flight carries on to its end.
      out.write(new byte[1 << 20]);
      out.flush();
      data.shutdownOutput();
      assertThat(ftp.getReply()).isEqualTo(226);
    } finally {
      ftp.disconnect();
    }
    closing.get(60, TimeUnit.SECONDS);
    assertThat(h.events("/last.jpg")).singleElement().satisfies(e -> assertThat(e.size()).isEqualTo(2 << 20));
  }

  @Test
  void anUploadStillRunningAfterTheGracePeriodIsAbortedWith451() throws Exception {
    BridgeHarness h = BridgeHarness.start(STACK, b -> b.shutdownGrace(Duration.ofSeconds(1)));
    CompletableFuture<Void> closing;
    FTPClient ftp = h.login();
    try (Socket data = BridgeHarness.passiveData(ftp, null)) {
      assertThat(ftp.sendCommand("STOR", "slow.jpg")).isEqualTo(150);
      OutputStream out = data.getOutputStream();
      for (int i = 0; i < 6; i++) {
        out.write(new byte[1 << 20]);
      }
      out.flush();
      await().atMost(Duration.ofSeconds(30)).until(() -> h.openMultipartUploads() == 1);
      // The client stalls; the bridge stops.
      closing = CompletableFuture.runAsync(h::close);
      assertThat(ftp.getReply()).isEqualTo(451);
    } finally {
      ftp.disconnect();
    }
    closing.get(60, TimeUnit.SECONDS);
    assertThat(h.openMultipartUploads()).isZero();
    assertThat(h.keys("staging/")).isEmpty();
    assertThat(h.events("/slow.jpg")).isEmpty();
    assertThat(h.bridge.metrics().uploads("shutdown")).isEqualTo(1);
  }

  private static boolean refusedWith421(BridgeHarness h) {
    FTPClient probe = new FTPClient();
    try {
      probe.connect(h.bridge.host(), h.bridge.port());
      return probe.getReplyCode() == 421;
    } catch (IOException closed) {
      return closed.getMessage() != null && closed.getMessage().contains("421");
    } finally {
      try {
        probe.disconnect();
      } catch (IOException ignored) {
        // already closed by the server
      }
    }
  }
}
