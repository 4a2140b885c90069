package io.imagestore.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imagestore.stack.LocalStackExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a client can make the bridge write to its log before logging in: resets and garbage lines
 * give one short line each, rate-limited, and no stack trace (300 resets wrote 611 KB of stack
 * traces, 50 over-long lines 467 KB).
 */
class ClientErrorLogIT {
  @RegisterExtension
  static final LocalStackExtension STACK = new LocalStackExtension();

  /** Everything that logs for a session: ftpserver, MINA, the bridge. At WARN, a production log's level. */
  private static LogCapture captureSessionLogs() {
    return LogCapture.of(Level.WARN, "org.apache.ftpserver", "org.apache.mina", "io.imagestore");
  }

  private static Socket connect(BridgeHarness h, String localAddress) throws IOException {
    Socket s = new Socket();
    s.bind(new InetSocketAddress(localAddress, 0));
    s.connect(new InetSocketAddress(h.bridge.host(), h.bridge.port()), 10_000);
    s.setSoTimeout(30_000);
    return s;
  }

  @Test
  void resetConnectionsLogAFewShortLinesAndNoStackTrace() throws Exception {
    try (BridgeHarness h = BridgeHarness.start(STACK, b -> b); LogCapture log = captureSessionLogs()) {
      for (int i = 0; i < 300; i++) {
        // Spread over addresses: the per-address limits are not what this is about.
        try (Socket s = connect(h, "127.0.3." + (1 + i % 50))) {
          BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
          assertThat(in.readLine()).startsWith("220");
          // A command whose reply finds the connection reset: RST on close (linger 0).
          s.getOutputStream().write("SYST\r\n".getBytes(StandardCharsets.US_ASCII));
          s.setSoLinger(true, 0);
        }
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> h.bridge.metrics().clientErrors("connection") >= 100);
      // Give the server the time to log all it would.
      await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> true);
      assertBounded(log.lines());
    }
  }

  @Test
  void overLongAndUndecodableLinesGetARepliesAndBoundedLogs() throws Exception {
    try (BridgeHarness h = BridgeHarness.start(STACK, b -> b); LogCapture log = captureSessionLogs()) {
      byte[] longLine = new byte[10_000];
      Arrays.fill(longLine, (byte) 'A');
      longLine[longLine.length - 2] = '\r';
      longLine[longLine.length - 1] = '\n';
      for (int i = 0; i < 50; i++) {
        try (Socket s = connect(h, "127.0.3." + (100 + i % 20))) {
          BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
          assertThat(in.readLine()).startsWith("220");
          OutputStream out = s.getOutputStream();
          out.write(longLine);
          out.flush();
          // 500, and the connection is closed: its sender is not a client.
          String reply;
          try {
            reply = in.readLine();
          } catch (SocketException reset) {
            reply = "reset";
          }
          assertThat(reply).as("reply to a 10,000-byte line").isIn("500 Command line too long", "reset", null);
        }
      }
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
          h.bridge.metrics().clientErrors("line_too_long")).as("%s", log.lines()).isEqualTo(50));

      // Not UTF-8: 501, and the session goes on (ftpserver's own reply, without its hex dump in the log).
      try (Socket s = connect(h, "127.0.3.200")) {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        assertThat(in.readLine()).startsWith("220");
        OutputStream out = s.getOutputStream();
        out.write(new byte[] {'U', 'S', 'E', 'R', ' ', (byte) 0xc3, (byte) 0x28, '\r', '\n'});
        out.flush();
        // The decoder drops the rest of what it read with the bad line: the next command comes after the reply.
        assertThat(in.readLine()).startsWith("501");
        out.write(("USER " + BridgeHarness.USER + "\r\nPASS " + BridgeHarness.PASSWORD + "\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        assertThat(in.readLine()).startsWith("331");
        assertThat(in.readLine()).startsWith("230");
      }
      assertBounded(log.lines());
    }
  }

  private static void assertBounded(List<String> lines) {
    assertThat(lines).as("lines logged").hasSizeLessThanOrEqualTo(25)
        .noneMatch(l -> l.contains("THROWN"))
        .allSatisfy(l -> assertThat(l.length()).as(l).isLessThan(300));
    assertThat(lines).as("one line per kind at least").anyMatch(l -> l.contains("client error kind="));
  }
}
