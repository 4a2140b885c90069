package io.imagestore.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagestore.stack.LocalStackExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Guessing passwords against the real bridge from raw sockets: what a guess costs, how many get
 * checked, and what the guesser is told. Loopback addresses 127.0.0.x stand in for clients.
 */
class LoginThrottleIT {
  @RegisterExtension
  static final LocalStackExtension STACK = new LocalStackExtension();

  /** One control connection from {@code localAddress}, read line by line. */
  private static final class Guesser implements AutoCloseable {
    final Socket socket = new Socket();
    final BufferedReader in;
    final OutputStream out;

    Guesser(BridgeHarness h, String localAddress) throws IOException {
      socket.bind(new InetSocketAddress(localAddress, 0));
      socket.connect(new InetSocketAddress(h.bridge.host(), h.bridge.port()), 10_000);
      socket.setSoTimeout(30_000);
      in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      out = socket.getOutputStream();
      assertThat(in.readLine()).startsWith("220");
    }

    String command(String line) throws IOException {
      out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      return in.readLine();
    }

    /** True when the server closed the connection (end of stream) instead of waiting for a command. */
    boolean closedByServer() throws IOException {
      try {
        return in.readLine() == null;
      } catch (java.net.SocketTimeoutException stillOpen) {
        return false;
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  /** USER then PASS; the PASS reply. */
  private static String login(BridgeHarness h, String from, String user, String password) throws IOException {
    try (Guesser g = new Guesser(h, from)) {
      assertThat(g.command("USER " + user)).startsWith("331");
      return g.command("PASS " + password);
    }
  }

  @Test
  void anUnknownNameGetsTheWrongPasswordsReplyAfterAFullVerification() throws Exception {
    try (BridgeHarness h = BridgeHarness.start(STACK, b -> b)) {
      long v0 = h.bridge.metrics().passwordVerifications();
      String wrongPassword = login(h, "127.0.0.20", BridgeHarness.USER, "wrong");
      long v1 = h.bridge.metrics().passwordVerifications();
      String unknownName = login(h, "127.0.0.20", "no-such-camera", "wrong");
      long v2 = h.bridge.metrics().passwordVerifications();
      String emptyPassword = login(h, "127.0.0.20", "no-such-camera-either", "");
      long v3 = h.bridge.metrics().passwordVerifications();

      assertThat(wrongPassword).startsWith("530 ");
      assertThat(unknownName).as("same code and text").isEqualTo(wrongPassword);
      assertThat(emptyPassword).isEqualTo(wrongPassword);
      // Timing is not asserted (it depends on the machine); what makes it equal is: both paths
      // compute one hash of the same cost (the dummy's rounds are checked in PasswordHashingTest).
      assertThat(v1 - v0).as("hashes for a wrong password").isEqualTo(1);
      assertThat(v2 - v1).as("hashes for an unknown name").isEqualTo(1);
      assertThat(v3 - v2).as("hashes for an unknown name, empty password").isEqualTo(1);
    }
  }

  @Test
  void parallelGuessesGetExactlyTheLimitCheckedAndTheBanningOneGets421AndAClose() throws Exception {
    int parallel = 12;
    // Room for all of them on one address (the per-address default is 8).
    try (BridgeHarness h = BridgeHarness.start(STACK, b -> b.limits(b.limits().withConnections(64, parallel)
        .withPreLogin(Duration.ofSeconds(30), parallel, parallel)));
        LogCapture log = LogCapture.of(
        Class.forName("io.imagestore.bridge.ftp.PassCommand"))) {
      int limit = h.bridge.config().limits().maxLoginFailures();
      long v0 = h.bridge.metrics().passwordVerifications();
      ExecutorService pool = Executors.newFixedThreadPool(parallel);
      try {
        List<Guesser> guessers = new ArrayList<>();
        for (int i = 0; i < parallel; i++) {
          Guesser g = new Guesser(h, "127.0.0.21");
          // A name per connection: only the address's count can stop them.
          assertThat(g.command("USER guess-" + i)).startsWith("331");
          guessers.add(g);
        }
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> outcomes = new ArrayList<>();
        for (Guesser g : guessers) {
          outcomes.add(pool.submit(() -> {
            go.await();
            String reply = g.command("PASS hunter2");
            return reply.substring(0, 3) + (g.closedByServer() ? " closed" : " open");
          }));
        }
        go.countDown();
        List<String> results = new ArrayList<>();
        for (Future<String> f : outcomes) {
          results.add(f.get(2, TimeUnit.MINUTES));
        }
        for (Guesser g : guessers) {
          g.close();
        }
        assertThat(h.bridge.metrics().passwordVerifications() - v0).as("guesses checked").isEqualTo(limit);
        assertThat(results).as(results.toString())
            .filteredOn(r -> r.equals("530 open")).hasSize(limit - 1);
        // The banning guess and every one refused while the limit's worth were being checked.
        assertThat(results).filteredOn(r -> r.equals("421 closed")).hasSize(parallel - limit + 1);
        assertThat(log.lines()).filteredOn(l -> l.contains("login lockout")).singleElement().asString()
            .contains("scope=network", "address=127.0.0.21", "user=\"guess-").doesNotContain("user=null");
      } finally {
        pool.shutdownNow();
      }
      // Banned now: the right password is refused without being checked.
      long v1 = h.bridge.metrics().passwordVerifications();
      try (Socket s = new Socket()) {
        s.bind(new InetSocketAddress("127.0.0.21", 0));
        s.connect(new InetSocketAddress(h.bridge.host(), h.bridge.port()), 10_000);
        s.setSoTimeout(30_000);
        assertThat(new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine())
            .startsWith("421");
      }
      assertThat(h.bridge.metrics().passwordVerifications()).isEqualTo(v1);
      assertThat(login(h, "127.0.0.22", BridgeHarness.USER, BridgeHarness.PASSWORD)).startsWith("230");
    }
  }

  @Test
  void aValidAccountsLoginDoesNotResetTheAddressesCount() throws Exception {
    try (BridgeHarness h = BridgeHarness.start(STACK, b -> b)) {
      int limit = h.bridge.config().limits().maxLoginFailures();
      for (int i = 0; i < limit - 1; i++) {
        assertThat(login(h, "127.0.0.23", "partner", "guess" + i)).startsWith("530");
        // The attacker's own camera account logs in between guesses.
        assertThat(login(h, "127.0.0.23", BridgeHarness.USER, BridgeHarness.PASSWORD)).startsWith("230");
      }
      try (Guesser g = new Guesser(h, "127.0.0.23")) {
        assertThat(g.command("USER someone-else")).startsWith("331");
        assertThat(g.command("PASS guess")).startsWith("421");
        assertThat(g.closedByServer()).isTrue();
      }
    }
  }

  @Test
  void anAccountIsLockedFromEveryAddressButItsRecentlyProvenPasswordStillLogsIn() throws Exception {
    try (BridgeHarness h = BridgeHarness.start(STACK, b -> b)) {
      int limit = h.bridge.config().limits().maxLoginFailures();
      // The real partner logs in (as it does for every file): its password is now proven.
      assertThat(login(h, "127.0.0.30", "partner", "partner-pw")).startsWith("230");
      // A guesser spreads its guesses over addresses, one each: no address reaches the limit.
      for (int i = 0; i < limit - 1; i++) {
        assertThat(login(h, "127.0.0." + (31 + i), "partner", "guess" + i)).startsWith("530");
      }
      assertThat(login(h, "127.0.0.40", "partner", "guess-last")).startsWith("421");
      long v0 = h.bridge.metrics().passwordVerifications();
      assertThat(login(h, "127.0.0.41", "partner", "guess-after")).as("locked: not checked").startsWith("421");
      assertThat(h.bridge.metrics().passwordVerifications()).isEqualTo(v0);
      // The camera that knows the password is not locked out by someone else's guessing ...
      assertThat(login(h, "127.0.0.30", "partner", "partner-pw")).startsWith("230");
      // ... and the other accounts, from the guesser's addresses too, are unaffected.
      assertThat(login(h, "127.0.0.40", BridgeHarness.USER, BridgeHarness.PASSWORD)).startsWith("230");
    }
  }
}
