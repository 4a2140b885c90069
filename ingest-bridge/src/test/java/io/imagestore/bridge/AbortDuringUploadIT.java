package io.imagestore.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ABOR during STOR aborts the upload, however the client goes on: ftpserver queues ABOR behind the
 * running STOR, so without a look at the control input the client's close of the data connection
 * looked like a complete file and was published with 226.
 */
class AbortDuringUploadIT {
  @RegisterExtension
  static final BridgeOnStack BRIDGE = new BridgeOnStack(b -> b);

  static BridgeHarness h() {
    return BRIDGE.harness();
  }

  @Test
  void aborThenClosingTheDataConnectionGets426AndPublishesNothing() throws Exception {
    try (RawFtpSession ftp = RawFtpSession.login(h())) {
      Socket data = ftp.passive();
      assertThat(ftp.command("STOR abor-close.jpg")).startsWith("150");
      data.getOutputStream().write(new byte[100_000]);
      data.getOutputStream().flush();
      // ABOR and, without waiting for any reply, the data connection closed cleanly (a FIN).
      ftp.send("ABOR");
      data.close();
      assertThat(ftp.reply()).startsWith("426");
      assertThat(ftp.reply()).startsWith("226");
      // The session goes on: the next upload is published.
      assertThat(uploadOn(ftp, "after-abor.jpg", "the next one".getBytes(StandardCharsets.UTF_8))).startsWith("226");
    }
    assertThat(h().keys("ftp/camera/abor-close.jpg")).isEmpty();
    assertThat(h().events("/abor-close.jpg")).isEmpty();
    assertThat(h().events("/after-abor.jpg")).hasSize(1);
  }

  @Test
  void telnetInterruptAndAborWithTheDataConnectionLeftOpenAbortTheTransfer() throws Exception {
    try (RawFtpSession ftp = RawFtpSession.login(h())) {
      Socket data = ftp.passive();
      assertThat(ftp.command("STOR abor-sync.jpg")).startsWith("150");
      OutputStream out = data.getOutputStream();
      out.write(new byte[50_000]);
      out.flush();
      // RFC 959 4.1.3: IAC IP, then the Synch (IAC DM), then ABOR; the client keeps its data
      // connection open and waits for the server to close it.
      ftp.send(new byte[] {(byte) 0xff, (byte) 0xf4, (byte) 0xff, (byte) 0xf2});
      ftp.send("ABOR");
      assertThat(ftp.reply()).startsWith("426");
      assertThat(ftp.reply()).matches("^[2-5]\\d\\d .*");
      assertThat(closedByServer(data)).isTrue();
    }
    assertThat(h().keys("ftp/camera/abor-sync.jpg")).isEmpty();
    assertThat(h().events("/abor-sync.jpg")).isEmpty();
  }

  @Test
  void aborThenClosingEverythingPublishesNothing() throws Exception {
    for (int i = 0; i < 5; i++) {
      try (RawFtpSession ftp = RawFtpSession.login(h())) {
        Socket data = ftp.passive();
        assertThat(ftp.command("STOR abor-gone-" + i + ".jpg")).startsWith("150");
        data.getOutputStream().write(new byte[20_000]);
        ftp.send("ABOR");
        data.close();
      }
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> h().bridge.metrics().inFlight() == 0);
    assertThat(h().keys("ftp/camera/")).noneMatch(k -> k.contains("abor-gone-"));
    for (int i = 0; i < 5; i++) {
      assertThat(h().events("/abor-gone-" + i + ".jpg")).isEmpty();
    }
  }

  @Test
  void aborOfAMultipartUploadAbortsItInTheStore() throws Exception {
    try (RawFtpSession ftp = RawFtpSession.login(h())) {
      Socket data = ftp.passive();
      assertThat(ftp.command("STOR abor-big.jpg")).startsWith("150");
      OutputStream out = data.getOutputStream();
      // More than one part beyond ftpserver's 8 KiB stream buffer, whatever the read chunks were.
      out.write(new byte[(int) BridgeConfig.MIN_PART_SIZE + 64 * 1024]);
      out.flush();
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
        out.write(0);
        return h().openMultipartUploads() == 1;
      });
      ftp.send("ABOR");
      data.close();
      assertThat(ftp.reply()).startsWith("426");
      assertThat(ftp.reply()).startsWith("226");
    }
    assertThat(h().openMultipartUploads()).isZero();
    assertThat(h().keys("staging/")).isEmpty();
    assertThat(h().events("/abor-big.jpg")).isEmpty();
  }

  @Test
  void aCommonsNetAbortMidUploadIsNotPublished() throws Exception {
    FTPClient ftp = h().login();
    try {
      OutputStream out = ftp.storeFileStream("abor-commons.jpg");
      assertThat(out).as(ftp.getReplyString()).isNotNull();
      out.write(new byte[30_000]);
      out.flush();
      // What a GUI client's "cancel" does: ABOR, then the stream is closed.
      ftp.abort();
      out.close();
      ftp.completePendingCommand();
      assertThat(ftp.sendNoOp()).isTrue();
      assertThat(ftp.storeFile("abor-commons-next.jpg", new ByteArrayInputStream(new byte[] {1, 2})))
          .as(ftp.getReplyString()).isTrue();
    } finally {
      ftp.disconnect();
    }
    assertThat(h().events("/abor-commons.jpg")).isEmpty();
    assertThat(h().events("/abor-commons-next.jpg")).hasSize(1);
  }

  private static String uploadOn(RawFtpSession ftp, String name, byte[] bytes) throws IOException {
    Socket data = ftp.passive();
    assertThat(ftp.command("STOR " + name)).startsWith("150");
    try (data) {
      data.getOutputStream().write(bytes);
    }
    return ftp.reply();
  }

  private static boolean closedByServer(Socket data) throws IOException {
    data.setSoTimeout(10_000);
    try {
      return data.getInputStream().read() == -1;
    } catch (java.net.SocketException reset) {
      return true;
    } finally {
      data.close();
    }
  }
}
