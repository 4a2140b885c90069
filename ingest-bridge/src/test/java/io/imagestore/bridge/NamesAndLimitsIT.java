package io.imagestore.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Names the bridge must refuse before the transfer (553), so that nothing is stored or published
 * for them and the client does not retry: names and paths too long for the object store, and
 * names that only broken or hostile clients send.
 */
class NamesAndLimitsIT {
  @RegisterExtension
  static final BridgeOnStack BRIDGE = new BridgeOnStack(b -> b);

  static BridgeHarness h() {
    return BRIDGE.harness();
  }

  @Test
  void namesAndPathsTooLongForTheStoreGet553BeforeTheTransferAndLeaveNothing() throws Exception {
    List<String> originals = h().keys("originals/");
    String deep = ("d".repeat(200) + "/").repeat(5);
    // The case (≥ 219 bytes published, then 451), multi-byte names counted in bytes, a path
    // over the 1024-byte key limit reached by CWD (the argument alone is short), and a path whose
    // URL-encoded form overflows the original's 2 KB of user metadata while its key would fit.
    List<String> refused = List.of("a".repeat(219) + ".jpg", "b".repeat(250) + ".jpg", "ü".repeat(101) + ".jpg",
        ("写".repeat(60) + "/").repeat(4) + "x.jpg");
    FTPClient ftp = h().loginUtf8();
    try {
      for (String name : refused) {
        try (Socket data = BridgeHarness.passiveData(ftp, null)) {
          assertThat(ftp.sendCommand("STOR", name)).as("STOR %s: %s", name, ftp.getReplyString()).isEqualTo(553);
        }
      }
      assertThat(ftp.changeWorkingDirectory(deep)).as(ftp.getReplyString()).isTrue();
      try (Socket data = BridgeHarness.passiveData(ftp, null)) {
        assertThat(ftp.sendCommand("STOR", "c".repeat(200))).as(ftp.getReplyString()).isEqualTo(553);
      }
      assertThat(ftp.sendNoOp()).isTrue();
    } finally {
      ftp.disconnect();
    }
    // Not even the folders of a refused path are recorded.
    assertThat(h().keys("ftp/camera/")).noneMatch(k -> k.contains("aaaa") || k.contains("bbbb") || k.contains("üü")
        || k.contains("写") || k.contains("dddd"));
    assertThat(h().keys("originals/")).containsExactlyInAnyOrderElementsOf(originals);
    assertThat(h().events("/" + refused.get(0))).isEmpty();
  }

  @Test
  void spoofingInvisibleAndSpaceOnlyNamesGet553OnStorRntoAndMkd() throws Exception {
    List<String> refused = List.of("photo\u202Egpj.exe", "a\u2066b.jpg", "line\u2028break.jpg", "\u00A0\u00A0.jpg".substring(0, 2),
        "\u00A0", " leading.jpg", "\u3000x.jpg", "zero\u200Bwidth.jpg", "bell\u0007.jpg");
    FTPClient ftp = h().loginUtf8();
    try {
      assertThat(ftp.storeFile("spoof.jpg.tmp", new ByteArrayInputStream(new byte[] {1, 2, 3}))).isTrue();
      for (String name : refused) {
        try (Socket data = BridgeHarness.passiveData(ftp, null)) {
          assertThat(ftp.sendCommand("STOR", name)).as("STOR %s: %s", name, ftp.getReplyString()).isEqualTo(553);
        }
        assertThat(ftp.sendCommand("RNFR", "spoof.jpg.tmp")).isEqualTo(350);
        assertThat(ftp.sendCommand("RNTO", name)).as("RNTO %s", name).isEqualTo(553);
        try (Socket data = BridgeHarness.passiveData(ftp, null)) {
          assertThat(ftp.sendCommand("STOR", "dir/" + name + "/x.jpg")).as("in a folder %s", name).isEqualTo(553);
        }
        assertThat(ftp.makeDirectory(name)).isFalse();
      }
      // Still there, still unpublished.
      assertThat(ftp.sendCommand("SIZE", "spoof.jpg.tmp")).isEqualTo(213);
    } finally {
      ftp.disconnect();
    }
    assertThat(h().keys("ftp/camera/")).noneMatch(k -> k.contains("gpj") || k.contains("leading") || k.contains("\u00A0")
        || k.contains("width") || k.contains("bell"));
    assertThat(h().events("/photo\u202Egpj.exe")).isEmpty();
  }

  @Test
  void theLongestAllowedNameIsStoredListedAndPublishedOnce() throws Exception {
    String name = "e".repeat(196) + ".jpg";
    String multiByte = "é".repeat(98) + ".jpg";
    FTPClient ftp = h().loginUtf8();
    try {
      for (String n : List.of(name, multiByte)) {
        assertThat(ftp.storeFile(n, new ByteArrayInputStream(n.getBytes(StandardCharsets.UTF_8))))
            .as("%s: %s", n, ftp.getReplyString()).isTrue();
        assertThat(ftp.getReplyCode()).isEqualTo(226);
      }
      assertThat(Arrays.asList(ftp.listNames())).contains(name, multiByte);
    } finally {
      ftp.disconnect();
    }
    assertThat(h().events("/" + name)).hasSize(1);
    assertThat(h().events("/" + multiByte)).hasSize(1);
  }
}
