package io.imagestore.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {
  private static final String HOST = "127.0.0.1";

  @Test
  void neverHandsOutTheSamePortTwiceAlthoughEveryProbeReleasesIt() {
    Set<Integer> ports = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      assertThat(ports.add(FreePorts.pick(HOST))).as("pick %d was new", i).isTrue();
    }
  }

  @Test
  void aPreferredPortThatIsTakenOrHandedOutIsReplaced() throws Exception {
    int handedOut = FreePorts.pick(HOST);
    assertThat(FreePorts.preferOrPick(handedOut, HOST)).isNotEqualTo(handedOut);
    try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      int taken = listening.getLocalPort();
      assertThat(FreePorts.isFree(taken, HOST)).isFalse();
      assertThat(FreePorts.preferOrPick(taken, HOST)).isNotEqualTo(taken);
    }
  }
}
