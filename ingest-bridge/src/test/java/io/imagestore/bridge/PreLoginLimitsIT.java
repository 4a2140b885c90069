package io.imagestore.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imagestore.stack.LocalStackExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sockets that never log in, against the real bridge with the default connection limits (64 in
 * all, 8 per address, half of them and 2 per address before login): they cannot keep cameras out,
 * and the login deadline closes them however busy they keep the connection.
 */
class PreLoginLimitsIT {
  @RegisterExtension
  static final LocalStackExtension STACK = new LocalStackExtension();

  private static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(3);

  /** A raw control connection from {@code localAddress} that reads its greeting and then does what it is told. */
  private static final class Idler implements AutoCloseable {
    final Socket socket = new Socket();
    final BufferedReader in;
    final OutputStream out;
    final String greeting;

    Idler(BridgeHarness h, String localAddress) throws IOException {
      socket.bind(new InetSocketAddress(localAddress, 0));
      socket.connect(new InetSocketAddress(h.bridge.host(), h.bridge.port()), 10_000);
      socket.setSoTimeout(30_000);
      in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      out = socket.getOutputStream();
      greeting = in.readLine();
    }

    boolean admitted() {
      return greeting != null && greeting.startsWith("220");
    }

    void send(String line) throws IOException {
      out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    }

    /** Every line until the server closes, or null if this client's write found it closed already. */
    List<String> readUntilClosed() throws IOException {
      List<String> lines = new ArrayList<>();
      try {
        for (String l = in.readLine(); l != null; l = in.readLine()) {
          lines.add(l);
        }
      } catch (SocketException reset) {
        lines.add("reset");
      }
      return lines;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  private static BridgeHarness bridgeWithDefaultLimits() throws IOException {
    return BridgeHarness.start(STACK, b -> b.limits(BridgeConfig.Limits.defaults()
        .withLoginFailures(5, Duration.ofMinutes(15), Duration.ZERO)
        .withPreLogin(LOGIN_TIMEOUT, null, BridgeConfig.Limits.defaults().maxPreLoginConnectionsPerIp())));
  }

  private static FTPClient camera(BridgeHarness h, String localAddress) throws IOException {
    FTPClient ftp = new FTPClient();
    ftp.setDefaultTimeout(30_000);
    ftp.connect(InetAddress.getByName(h.bridge.host()), h.bridge.port(), InetAddress.getByName(localAddress), 0);
    assertThat(ftp.login(BridgeHarness.USER, BridgeHarness.PASSWORD)).as("%s: %s", localAddress, ftp.getReplyString())
        .isTrue();
    ftp.enterLocalPassiveMode();
    ftp.setFileType(FTP.BINARY_FILE_TYPE);
    return ftp;
  }

  @Test
  void eightAddressesOfEightIdleSocketsLeaveRoomForCamerasToLogInAndUpload() throws Exception {
    try (BridgeHarness h = bridgeWithDefaultLimits()) {
      List<Idler> idlers = new ArrayList<>();
      List<FTPClient> cameras = new ArrayList<>();
      try {
        int admitted = 0;
        for (int address = 0; address < 8; address++) {
          for (int i = 0; i < 8; i++) {
            Idler idler = new Idler(h, "127.0.1." + (10 + address));
            idlers.add(idler);
            admitted += idler.admitted() ? 1 : 0;
          }
        }
        assertThat(admitted).as("2 per address before login").isEqualTo(16);
        assertThat(idlers).filteredOn(i -> !i.admitted())
            .allSatisfy(i -> assertThat(i.greeting).startsWith("421"));
        // Cameras from other addresses log in and upload; logged in, they leave the pre-login share,
        // so more can log in than the pre-login share holds.
        for (int c = 0; c < 20; c++) {
          cameras.add(camera(h, "127.0.2." + (10 + c)));
        }
        FTPClient uploader = h.login();
        cameras.add(uploader);
        assertThat(uploader.storeFile("while-idlers-wait.jpg", new java.io.ByteArrayInputStream(
            new byte[] {(byte) 0xff, (byte) 0xd8, 1, 2, (byte) 0xff, (byte) 0xd9}))).as(uploader.getReplyString()).isTrue();
        assertThat(h.bridge.metrics().connectionsRejected("pre_login_limit")).isEqualTo(64 - 16);
      } finally {
        for (FTPClient c : cameras) {
          c.disconnect();
        }
        for (Idler i : idlers) {
          i.close();
        }
      }
    }
  }

  @Test
  void aConnectionThatDoesNotLogInInTimeGets421EvenIfItKeepsSendingCommands() throws Exception {
    try (BridgeHarness h = bridgeWithDefaultLimits();
        Idler silent = new Idler(h, "127.0.1.30");
        Idler chatty = new Idler(h, "127.0.1.31");
        Idler halfway = new Idler(h, "127.0.1.32")) {
      FTPClient camera = h.login();
      try {
        long t0 = System.nanoTime();
        assertThat(List.of(silent, chatty, halfway)).allMatch(Idler::admitted);
        halfway.send("USER " + BridgeHarness.USER);
        assertThat(halfway.in.readLine()).startsWith("331");
        // Commands reset the idle timeout, not the login deadline (before login NOOP gets 530).
        for (int i = 0; i < 6; i++) {
          chatty.send("NOOP");
          assertThat(chatty.in.readLine()).startsWith("530");
          Thread.sleep(LOGIN_TIMEOUT.toMillis() / 4);
          if (Duration.ofNanos(System.nanoTime() - t0).compareTo(LOGIN_TIMEOUT.minusMillis(500)) > 0) {
            break;
          }
        }
        for (Idler idler : List.of(silent, chatty, halfway)) {
          List<String> rest = idler.readUntilClosed();
          assertThat(rest).as("after the deadline").anySatisfy(l -> assertThat(l).startsWith("421"));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(LOGIN_TIMEOUT.minusMillis(500));
        assertThat(h.bridge.metrics().connectionsRejected("login_timeout")).isEqualTo(3);
        // The camera that logged in before the deadline keeps its connection.
        assertThat(camera.sendNoOp()).as(camera.getReplyString()).isTrue();
        assertThat(camera.printWorkingDirectory()).isEqualTo("/");
        // REIN would log it out past its deadline: refused.
        assertThat(camera.rein()).isEqualTo(502);
        assertThat(camera.sendNoOp()).isTrue();
      } finally {
        camera.disconnect();
      }
      // Every slot is given back: the pre-login share empties.
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(h.bridge.metrics().scrape()).contains("imagestore_connections_pre_login 0.0"));
    }
  }
}
