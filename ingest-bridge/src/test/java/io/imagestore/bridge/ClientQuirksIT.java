package io.imagestore.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagestore.stack.LocalStackExtension;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What cameras and FTP clients do that a file-system FTP server never sees. */
class ClientQuirksIT {
  @RegisterExtension
  static final BridgeOnStack BRIDGE = new BridgeOnStack(b -> b);
  static final LocalStackExtension STACK = BRIDGE.stack();

  static BridgeHarness h() {
    return BRIDGE.harness();
  }

  @Test
  void listingAFolderThatExistsOnlyImplicitlyIsEmpty() throws Exception {
    FTPClient ftp = h().login();
    try {
      // As cameras do: CWD into today's folder before anything was uploaded there.
      assertThat(ftp.changeWorkingDirectory("/2026-12-03/cam-7")).as(ftp.getReplyString()).isTrue();
      assertThat(ftp.listFiles()).as(ftp.getReplyString()).isEmpty();
      assertThat(ftp.getReplyCode()).isEqualTo(226);
      assertThat(ftp.listFiles("-la")).isEmpty();
      assertThat(ftp.getReplyCode()).isEqualTo(226);
      assertThat(ftp.listNames()).isEmpty();
      assertThat(ftp.mlistDir()).isEmpty();
      assertThat(ftp.getReplyCode()).isEqualTo(226);
      // A named folder that does not exist is still "no such directory".
      assertThat(ftp.listFiles("/elsewhere/never")).isEmpty();
      assertThat(ftp.getReplyCode()).isEqualTo(450);
    } finally {
      ftp.disconnect();
    }
    assertThat(h().keys("ftp/camera/2026-12-03/")).isEmpty();
  }

  @Test
  void uploadsInAsciiModeAreRefusedWithAReplyThatSaysBinary() throws Exception {
    // Line endings a client in ASCII mode rewrites (LF → CRLF): what corrupts a JPEG on the way.
    byte[] image = {(byte) 0xff, (byte) 0xd8, '\n', 1, '\r', '\n', 2, (byte) 0xff, (byte) 0xd9};
    FTPClient ftp = h().login();
    try {
      assertThat(ftp.setFileType(FTP.ASCII_FILE_TYPE)).isTrue();
      assertThat(ftp.storeFile("ascii.jpg", new ByteArrayInputStream(image))).isFalse();
      assertThat(ftp.getReplyCode()).isEqualTo(504);
      assertThat(ftp.getReplyString()).contains("TYPE I");
      // The same client once it switched to binary.
      assertThat(ftp.setFileType(FTP.BINARY_FILE_TYPE)).isTrue();
      assertThat(ftp.storeFile("binary.jpg", new ByteArrayInputStream(image))).as(ftp.getReplyString()).isTrue();
      assertThat(ftp.getSize("binary.jpg")).isEqualTo(String.valueOf(image.length));
    } finally {
      ftp.disconnect();
    }
    assertThat(h().events("/ascii.jpg")).isEmpty();
    assertThat(h().keys("ftp/camera/ascii.jpg")).isEmpty();

    // An operator may allow ASCII mode: the bytes are then stored as the client sent them.
    try (BridgeHarness lenient = BridgeHarness.start(STACK, b -> b.asciiUploads(true))) {
      FTPClient ascii = lenient.login();
      try {
        assertThat(ascii.setFileType(FTP.ASCII_FILE_TYPE)).isTrue();
        assertThat(ascii.storeFile("ascii-allowed.txt", new ByteArrayInputStream("a\nb\n".getBytes())))
            .as(ascii.getReplyString()).isTrue();
        assertThat(ascii.getSize("ascii-allowed.txt")).isEqualTo("6");
      } finally {
        ascii.disconnect();
      }
    }
  }

  @Test
  void featAndHelpAdvertiseOnlyWhatWorks() throws Exception {
    FTPClient ftp = h().login();
    try {
      assertThat(ftp.storeFile("feat.jpg", new ByteArrayInputStream(new byte[] {1, 2, 3}))).isTrue();
      assertThat(ftp.features()).as(ftp.getReplyString()).isTrue();
      List<String> features = Arrays.stream(ftp.getReplyStrings()).skip(1)
          .filter(l -> l.startsWith(" ")).map(String::trim).toList();
      assertThat(features).contains("SIZE", "MDTM", "UTF8", "EPSV")
          .noneMatch(f -> f.startsWith("REST") || f.startsWith("MODE") || f.startsWith("AUTH") || f.equals("MFMT")
              || f.equals("MD5") || f.equals("MMD5"));
      // Each advertised feature answers with success.
      assertThat(ftp.sendCommand("SIZE", "feat.jpg")).isEqualTo(213);
      assertThat(ftp.sendCommand("MDTM", "feat.jpg")).isEqualTo(213);
      assertThat(ftp.sendCommand("MLST", "feat.jpg")).isEqualTo(250);
      assertThat(ftp.sendCommand("OPTS", "UTF8 ON")).isEqualTo(200);
      assertThat(ftp.sendCommand("EPSV")).isEqualTo(229);
      // And what is not advertised is refused as such.
      assertThat(ftp.sendCommand("MFMT", "20260101000000 feat.jpg")).isEqualTo(502);

      String help = ftp.listHelp();
      assertThat(help).as(ftp.getReplyString()).contains("STOR", "RNTO", "MLSD").doesNotContain("APPE", "STOU");
      assertThat(ftp.sendCommand("HELP", "APPE")).isEqualTo(502);
      assertThat(ftp.sendCommand("HELP", "stor")).isEqualTo(214);
    } finally {
      ftp.disconnect();
    }
  }

  @Test
  void modeZIsRefusedAndDeflatedBytesAreNeverInflated() throws Exception {
    // 64 MiB of zeros deflate to about 65 KB: what the issue measured as a bomb.
    ByteArrayOutputStream bomb = new ByteArrayOutputStream();
    try (DeflaterOutputStream z = new DeflaterOutputStream(bomb, new Deflater(Deflater.BEST_COMPRESSION))) {
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 64; i++) {
        z.write(zeros);
      }
    }
    try (RawFtpSession ftp = RawFtpSession.login(h())) {
      assertThat(ftp.command("MODE Z")).startsWith("504");
      assertThat(ftp.command("mode z")).startsWith("504");
      assertThat(ftp.command("MODE B")).startsWith("504");
      assertThat(ftp.command("MODE S")).startsWith("200");
      // A client that ignores the 504 and sends deflated data anyway: stored as sent.
      Socket data = ftp.passive();
      assertThat(ftp.command("STOR bomb.jpg")).startsWith("150");
      try (data) {
        data.getOutputStream().write(bomb.toByteArray());
      }
      assertThat(ftp.reply()).startsWith("226");
      assertThat(ftp.command("SIZE bomb.jpg")).isEqualTo("213 " + bomb.size());
    }
    assertThat(h().events("/bomb.jpg")).singleElement().satisfies(e -> assertThat(e.size()).isEqualTo(bomb.size()));
  }
}
