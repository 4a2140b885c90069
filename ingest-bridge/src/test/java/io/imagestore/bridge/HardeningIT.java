package io.imagestore.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.imagestore.stack.LocalStackExtension;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPConnectionClosedException;
import org.apache.commons.net.ftp.FTPSClient;
import org.apache.commons.net.util.TrustManagerUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What vsftpd/pure-ftpd/SFTPGo users expect of an Internet-facing FTP server. */
class HardeningIT {
  @RegisterExtension
  static final LocalStackExtension STACK = new LocalStackExtension();

  @Test
  void anonymousAndBadPasswordsAreRefusedWith530() throws Exception {
    try (BridgeHarness h = BridgeHarness.start(STACK, b -> b)) {
      for (String[] login : List.of(new String[] {"anonymous", "guest@example.com"},
          new String[] {"ftp", ""}, new String[] {BridgeHarness.USER, "wrong"}, new String[] {"nobody", "x"})) {
        FTPClient ftp = new FTPClient();
        ftp.connect(h.bridge.host(), h.bridge.port());
        try {
          assertThat(ftp.login(login[0], login[1])).isFalse();
          assertThat(ftp.getReplyCode()).isEqualTo(530);
        } finally {
          ftp.disconnect();
        }
      }
    }
  }

  @Test
  void pathTraversalAndAbsoluteEscapesGet550AndControlCharacters553() throws Exception {
    try (BridgeHarness h = BridgeHarness.start(STACK, b -> b)) {
      FTPClient ftp = h.login();
      try {
        for (String bad : List.of("../../x.jpg", "/../x.jpg", "a/../../x.jpg", "..\\..\\x.jpg", "C:/x.jpg")) {
          Socket data = BridgeHarness.passiveData(ftp, null);
          try {
            assertThat(ftp.sendCommand("STOR", bad)).as("STOR %s", bad).isEqualTo(550);
          } finally {
            data.close();
          }
        }
        // A name the bridge does not store is "file name not allowed".
        for (String bad : List.of("bad\u0007name.jpg", "tab\tname.jpg")) {
          Socket data = BridgeHarness.passiveData(ftp, null);
          try {
            assertThat(ftp.sendCommand("STOR", bad)).as("STOR %s", bad).isEqualTo(553);
          } finally {
            data.close();
          }
        }
        assertThat(ftp.changeWorkingDirectory("../..")).isFalse();
        assertThat(ftp.getReplyCode()).isEqualTo(550);
        assertThat(ftp.makeDirectory("../escape")).isFalse();
        assertThat(ftp.getReplyCode()).isEqualTo(550);
        assertThat(ftp.sendCommand("SIZE", "../../camera/x.jpg")).isEqualTo(550);
        assertThat(ftp.printWorkingDirectory()).isEqualTo("/");
        // An absolute path names the account's own namespace (the root is its home), never the host's.
        assertThat(ftp.storeFile("/etc/passwd", new java.io.ByteArrayInputStream(new byte[] {1, 2, 3})))
            .as(ftp.getReplyString()).isTrue();
      } finally {
        ftp.disconnect();
      }
      assertThat(h.keys("ftp/")).noneMatch(k -> k.contains("x.jpg") || k.contains("escape"));
      assertThat(h.keys("ftp/")).filteredOn(k -> k.contains("passwd")).isNotEmpty()
          .allMatch(k -> k.startsWith("ftp/camera/etc/"));
      assertThat(h.keys("originals/")).hasSize(1);
    }
  }

  @Test
  void ftpBounceIsRefusedAndARacedPassivePortStillServesTheClient() throws Exception {
    try (BridgeHarness h = BridgeHarness.start(STACK, b -> b)) {
      FTPClient ftp = h.login();
      try {
        assertThat(ftp.sendCommand("PORT", "127,0,0,2,200,10")).isEqualTo(501);
        assertThat(ftp.sendCommand("EPRT", "|1|10.1.2.3|2000|")).isEqualTo(501);
        assertThat(ftp.sendCommand("PORT", "127,0,0,1,200,10")).as("own address").isEqualTo(200);

        // A foreign address (127.0.0.2) races the passive port and connects first: it is refused,
        // and the port waits on for the client, whose upload goes through with its own bytes.
        Socket intruder = BridgeHarness.passiveData(ftp, "127.0.0.2");
        Socket client = connectToSamePort(intruder, "127.0.0.1");
        assertThat(ftp.sendCommand("STOR", "raced.jpg")).isEqualTo(150);
        try (OutputStream out = intruder.getOutputStream()) {
          out.write("intruder".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException ignored) {
          // the server may already have closed it
        } finally {
          intruder.close();
        }
        byte[] real = "the camera's own bytes".getBytes(StandardCharsets.US_ASCII);
        try (client) {
          client.getOutputStream().write(real);
        }
        assertThat(ftp.getReply()).as(ftp.getReplyString()).isEqualTo(226);
        assertThat(ftp.getReplyString()).contains(BridgeHarness.sha256(new ByteArrayInputStream(real)));
      } finally {
        ftp.disconnect();
      }
      assertThat(h.events("/raced.jpg")).singleElement().satisfies(e -> assertThat(e.size()).isEqualTo(22));
    }
  }

  /** A second connection to the passive port {@code first} is connected to, from {@code localAddress}. */
  private static Socket connectToSamePort(Socket first, String localAddress) throws IOException {
    Socket s = new Socket();
    s.bind(new InetSocketAddress(localAddress, 0));
    s.connect(first.getRemoteSocketAddress(), 10_000);
    return s;
  }

  @Test
  void connectionLimitsInTotalAndPerAddressAnswer421() throws Exception {
    try (BridgeHarness h = BridgeHarness.start(STACK, b -> b.limits(b.limits().withConnections(3, 2).withPreLogin(Duration.ofSeconds(15), 3, 2)))) {
      List<FTPClient> open = new ArrayList<>();
      try {
        open.add(connect(h, "127.0.0.1"));
        open.add(connect(h, "127.0.0.1"));
        assertThat(refusedWith421(h, "127.0.0.1")).as("third from one address").isTrue();
        open.add(connect(h, "127.0.0.2"));
        assertThat(refusedWith421(h, "127.0.0.3")).as("fourth in total").isTrue();
        assertThat(h.bridge.metrics().connectionsRejected("limit")).isEqualTo(2);
      } finally {
        for (FTPClient c : open) {
          c.disconnect();
        }
      }
      // Slots are given back when clients leave.
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        FTPClient again = h.login();
        again.logout();
        again.disconnect();
      });
    }
  }

  @Test
  void repeatedFailedLoginsBanTheAddressAcrossConnections() throws Exception {
    Duration ban = Duration.ofSeconds(5);
    try (BridgeHarness h = BridgeHarness.start(STACK, b -> b.limits(
        b.limits().withLoginFailures(3, ban, Duration.ZERO)))) {
      // Opened before the ban: a ban that only refused new connections would let it go on.
      FTPClient early = connect(h, "127.0.0.4");
      for (int i = 0; i < 2; i++) {
        FTPClient ftp = connect(h, "127.0.0.4");
        // Guessing at another account than the one used below: that account is locked too.
        assertThat(ftp.login("partner", "guess" + i)).isFalse();
        ftp.disconnect();
      }
      FTPClient third = connect(h, "127.0.0.4");
      // The guess that reaches the limit gets 421 and a close, not 530: commons-net turns it into an exception.
      assertThatThrownBy(() -> third.login("partner", "guess3"))
          .isInstanceOf(FTPConnectionClosedException.class);
      assertThat(third.getReplyCode()).isEqualTo(421);
      third.disconnect();
      assertThat(refusedWith421(h, "127.0.0.4")).as("banned address").isTrue();

      // Even the right password is refused while banned, on a new connection and on an open one.
      List<String> replies = rawLogin(h, "127.0.0.4", BridgeHarness.USER, BridgeHarness.PASSWORD);
      assertThat(replies).first().asString().startsWith("421");
      assertThat(replies).noneMatch(r -> r.startsWith("230"));
      try {
        assertThat(early.login(BridgeHarness.USER, BridgeHarness.PASSWORD)).isFalse();
        assertThat(early.getReplyCode()).isIn(421, 530);
      } catch (FTPConnectionClosedException closed) {
        assertThat(closed.getMessage()).contains("421");
      } finally {
        early.disconnect();
      }
      // Other addresses are unaffected.
      FTPClient other = connect(h, "127.0.0.5");
      assertThat(other.login(BridgeHarness.USER, BridgeHarness.PASSWORD)).isTrue();
      other.disconnect();
      // Three refusals; the raw client's USER and PASS, sent regardless of the 421, may be read
      // and refused too before its connection is closed.
      assertThat(h.bridge.metrics().connectionsRejected("banned")).isBetween(3L, 5L);

      // Once the ban has run out the right password works again from the banned address.
      await().pollDelay(ban).atMost(ban.plusSeconds(20)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
          .untilAsserted(() -> {
        FTPClient again = connect(h, "127.0.0.4");
        try {
          assertThat(again.login(BridgeHarness.USER, BridgeHarness.PASSWORD)).as(again.getReplyString()).isTrue();
        } finally {
          again.disconnect();
        }
      });
    }
  }

  @Test
  void idleControlConnectionsAreClosed() throws Exception {
    try (BridgeHarness h = BridgeHarness.start(STACK, b -> b.limits(
        b.limits().withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(5))))) {
      FTPClient ftp = h.login();
      try {
        // Commands keep it open past the idle timeout...
        for (int i = 0; i < 3; i++) {
          Thread.sleep(600);
          assertThat(ftp.sendNoOp()).as("NOOP %d", i).isTrue();
        }
        // ...silence closes it: a 421 then close, or just the close (both end the control stream),
        // about a second after the last command and long before the client's own read timeout.
        long t0 = System.nanoTime();
        assertThatThrownBy(ftp::getReply).isInstanceOf(FTPConnectionClosedException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(15));
        assertThatThrownBy(ftp::sendNoOp).isInstanceOf(IOException.class);
      } finally {
        ftp.disconnect();
      }
    }
  }

  @Test
  void aStalledDataConnectionIsClosedAfterTheDataTimeoutAndNothingIsStored() throws Exception {
    Duration dataTimeout = Duration.ofSeconds(3);
    try (BridgeHarness h = BridgeHarness.start(STACK, b -> b.limits(
        b.limits().withTimeouts(Duration.ofMinutes(5), dataTimeout)))) {
      List<String> before = h.keys("");
      long aborted = h.bridge.metrics().uploads("client_aborted");
      FTPClient ftp = h.login();
      try (Socket data = BridgeHarness.passiveData(ftp, null)) {
        assertThat(ftp.sendCommand("STOR", "stalled.jpg")).isEqualTo(150);
        OutputStream out = data.getOutputStream();
        // Over one part by more than ftpserver's own stream buffers (8 KiB) hold back, so the stall
        // leaves a multipart upload for the bridge to abort however the reads were chunked.
        out.write(new byte[(int) BridgeConfig.MIN_PART_SIZE + 64 * 1024]);
        out.flush();
        // Left alone, the part is in the store only until the data timeout fires, a window a loaded
        // machine can miss; a byte every 200 ms holds the transfer open until the part is seen —
        // from a thread of its own, so a slow listing of the store cannot outlast the timeout.
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try {
          trickle.scheduleWithFixedDelay(() -> {
            try {
              out.write(0);
              out.flush();
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }, 0, 200, TimeUnit.MILLISECONDS);
          await("the staged part's multipart upload in the store").atMost(Duration.ofSeconds(60))
              .pollInterval(Duration.ofMillis(200)).until(h::openMultipartUploads, n -> n == 1);
        } finally {
          trickle.shutdownNow();
          assertThat(trickle.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        // Then nothing, with the data connection left open: only the data timeout can end this.
        long t0 = System.nanoTime();
        int reply = ftp.getReply();
        Duration waited = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(reply).as(ftp.getReplyString()).isEqualTo(426);
        assertThat(waited).isGreaterThanOrEqualTo(dataTimeout.minusMillis(500));
        // The control connection outlives its data connection.
        assertThat(ftp.sendNoOp()).isTrue();
      } finally {
        ftp.disconnect();
      }
      assertThat(h.bridge.metrics().uploads("client_aborted")).isEqualTo(aborted + 1);
      assertThat(h.openMultipartUploads()).isZero();
      assertThat(h.keys("")).containsExactlyInAnyOrderElementsOf(before);
      assertThat(h.events("/stalled.jpg")).isEmpty();
      assertThat(h.bridge.metrics().inFlight()).isZero();
    }
  }

  @Test
  void explicitFtpsWorksAndCanBeRequired() throws Exception {
    Path keystore = STACK.endpoints().dataDir().resolve("bridge-tls.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "bridge", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
        "-dname", "CN=127.0.0.1", "-storetype", "PKCS12", "-keystore", keystore.toString(),
        "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();

    try (BridgeHarness h = BridgeHarness.start(STACK,
        b -> b.tls(new BridgeConfig.Tls(keystore, "changeit", true)))) {
      FTPClient plain = new FTPClient();
      plain.connect(h.bridge.host(), h.bridge.port());
      try {
        assertThat(plain.login(BridgeHarness.USER, BridgeHarness.PASSWORD)).isFalse();
        assertThat(plain.getReplyCode()).isEqualTo(530);
        assertThat(plain.getReplyString()).contains("AUTH TLS");
      } finally {
        plain.disconnect();
      }

      FTPSClient ftps = new FTPSClient(false);
      ftps.setTrustManager(TrustManagerUtils.getAcceptAllTrustManager());
      ftps.connect(h.bridge.host(), h.bridge.port());
      try {
        assertThat(ftps.login(BridgeHarness.USER, BridgeHarness.PASSWORD)).as(ftps.getReplyString()).isTrue();
        // With TLS configured, and only then, FEAT offers it.
        assertThat(ftps.hasFeature("AUTH", "TLS")).isTrue();
        ftps.enterLocalPassiveMode();
        ftps.setFileType(FTP.BINARY_FILE_TYPE);
        // Without PROT P the data connection would be clear text: refused.
        assertThat(ftps.storeFile("clear.jpg", new ByteArrayInputStream(new byte[] {1}))).isFalse();
        assertThat(ftps.getReplyCode()).isEqualTo(521);
        ftps.execPBSZ(0);
        ftps.execPROT("P");
        assertThat(ftps.storeFile("secret.jpg", new ByteArrayInputStream(new byte[] {4, 2})))
            .as(ftps.getReplyString()).isTrue();
        assertThat(ftps.getReplyCode()).isEqualTo(226);
      } finally {
        ftps.disconnect();
      }
      assertThat(h.events("/secret.jpg")).hasSize(1);
      assertThat(h.events("/clear.jpg")).isEmpty();
    }
  }

  private static FTPClient connect(BridgeHarness h, String localAddress) throws IOException {
    FTPClient ftp = new FTPClient();
    ftp.connect(InetAddress.getByName(h.bridge.host()), h.bridge.port(), InetAddress.getByName(localAddress), 0);
    assertThat(ftp.getReplyCode()).as("welcome for %s", localAddress).isEqualTo(220);
    return ftp;
  }

  /**
   * The greeting, then whatever follows USER and PASS sent regardless of it (as a client that ignores
   * a 421 would), until the server closes the connection.
   */
  private static List<String> rawLogin(BridgeHarness h, String localAddress, String user, String password)
      throws IOException {
    List<String> lines = new ArrayList<>();
    try (Socket s = new Socket()) {
      s.bind(new InetSocketAddress(localAddress, 0));
      s.connect(new InetSocketAddress(h.bridge.host(), h.bridge.port()), 10_000);
      s.setSoTimeout(10_000);
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
      lines.add(in.readLine());
      try {
        OutputStream out = s.getOutputStream();
        out.write(("USER " + user + "\r\nPASS " + password + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          lines.add(line);
        }
      } catch (SocketException closedByServer) {
        // a reset: the server closed while our commands were unread
      }
    }
    return lines;
  }

  private static boolean refusedWith421(BridgeHarness h, String localAddress) throws IOException {
    FTPClient ftp = new FTPClient();
    try {
      ftp.connect(InetAddress.getByName(h.bridge.host()), h.bridge.port(), InetAddress.getByName(localAddress), 0);
      return ftp.getReplyCode() == 421;
    } catch (org.apache.commons.net.ftp.FTPConnectionClosedException e) {
      return e.getMessage().contains("421");
    } finally {
      if (ftp.isConnected()) {
        ftp.disconnect();
      }
    }
  }
}
