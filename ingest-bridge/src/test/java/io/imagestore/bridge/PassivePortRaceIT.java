package io.imagestore.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagestore.stack.LocalStackExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A passive port that only a foreign address reaches: the bridge waits for the client until the
 * data timeout, then gives up (HardeningIT shows the race the client wins).
 */
class PassivePortRaceIT {
  @RegisterExtension
  static final LocalStackExtension STACK = new LocalStackExtension();

  @Test
  void aPassivePortReachedOnlyByAForeignAddressTimesOutAndStoresNothing() throws Exception {
    try (BridgeHarness h = BridgeHarness.start(STACK, b -> b.limits(
        b.limits().withTimeouts(Duration.ofMinutes(5), Duration.ofSeconds(2))))) {
      FTPClient ftp = h.login();
      try {
        Socket intruder = BridgeHarness.passiveData(ftp, "127.0.0.2");
        assertThat(ftp.sendCommand("STOR", "stolen.jpg")).isEqualTo(150);
        try (OutputStream out = intruder.getOutputStream()) {
          out.write(new byte[1000]);
        } catch (IOException ignored) {
          // the server may already have closed it
        } finally {
          intruder.close();
        }
        assertThat(ftp.getReply()).isBetween(425, 426);
        assertThat(ftp.sendNoOp()).isTrue();
      } finally {
        ftp.disconnect();
      }
      assertThat(h.events("/stolen.jpg")).isEmpty();
      assertThat(h.keys("ftp/camera/stolen.jpg")).isEmpty();
    }
  }
}
