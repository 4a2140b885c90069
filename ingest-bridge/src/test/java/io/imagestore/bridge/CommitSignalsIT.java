package io.imagestore.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagestore.bridge.upload.CommitPolicy;
import io.imagestore.bridge.upload.CommitPolicy.ContainerCheck;
import io.imagestore.stack.LocalStackExtension;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import javax.imageio.ImageIO;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The signals that decide whether a complete-looking transfer is published, with a real FTP
 * client: a client that ends its data connection normally but early (FileZilla and commons-net
 * do when the local read fails) sends exactly what {@code storeFile} of the first half sends here.
 */
class CommitSignalsIT {
  @RegisterExtension
  static final LocalStackExtension STACK = new LocalStackExtension();

  static BridgeHarness strict;
  static BridgeHarness lenient;
  static byte[] jpeg;

  @BeforeAll
  static void start() throws Exception {
    jpeg = jpeg();
    strict = BridgeHarness.start(STACK, b -> b.commitPolicy(new CommitPolicy(ContainerCheck.REFUSE, Set.of("partner"))));
    lenient = BridgeHarness.start(STACK, b -> b);
  }

  @AfterAll
  static void stop() {
    if (strict != null) {
      strict.close();
    }
    if (lenient != null) {
      lenient.close();
    }
  }

  @Test
  void refuseDiscardsAJpegThatEndsBeforeItsEndMarker() throws Exception {
    byte[] cut = Arrays.copyOf(jpeg, jpeg.length / 2);
    FTPClient ftp = strict.login();
    try {
      assertThat(ftp.storeFile("/signals/cut.jpg", new ByteArrayInputStream(cut))).isFalse();
      assertThat(ftp.getReplyCode()).isEqualTo(451);
      assertThat(ftp.getReplyString()).contains("end marker");
      assertThat(ftp.storeFile("/signals/whole.jpg", new ByteArrayInputStream(jpeg)))
          .as(ftp.getReplyString()).isTrue();
    } finally {
      ftp.disconnect();
    }
    assertThat(strict.events("/signals/cut.jpg")).isEmpty();
    assertThat(strict.keys("ftp/camera/signals/cut.jpg")).isEmpty();
    assertThat(strict.keys("originals/" + sha(cut).substring(0, 2) + "/" + sha(cut))).isEmpty();
    assertThat(strict.events("/signals/whole.jpg")).singleElement()
        .satisfies(e -> assertThat(e.size()).isEqualTo(jpeg.length));
  }

  @Test
  void waitPublishesACutJpegFromAClientStillConnectedSoTheJobCanRejectIt() throws Exception {
    byte[] cut = Arrays.copyOf(jpeg, jpeg.length / 3);
    FTPClient ftp = lenient.login();
    try {
      assertThat(ftp.storeFile("/signals/truncated-at-source.jpg", new ByteArrayInputStream(cut)))
          .as(ftp.getReplyString()).isTrue();
    } finally {
      ftp.disconnect();
    }
    assertThat(lenient.events("/signals/truncated-at-source.jpg")).singleElement()
        .satisfies(e -> assertThat(e.sha256()).isEqualTo(sha(cut)));
  }

  @Test
  void anAccountThatPublishesOnRenameOnlyIsPublishedByTheRenameAlone() throws Exception {
    FTPClient ftp = strict.login("partner", "partner-pw");
    try {
      assertThat(ftp.storeFile("/in/never-renamed.jpg", new ByteArrayInputStream(jpeg))).isTrue();
      assertThat(ftp.getReplyString()).contains("published when renamed");
      byte[] other = Arrays.copyOf(jpeg, jpeg.length + 1);
      assertThat(ftp.storeFile("/in/upload.jpg", new ByteArrayInputStream(other))).isTrue();
      assertThat(ftp.rename("/in/upload.jpg", "/in/final.jpg")).as(ftp.getReplyString()).isTrue();
      assertThat(ftp.getReplyString()).contains("published");
    } finally {
      ftp.disconnect();
    }
    assertThat(strict.events("partner", "/in/never-renamed.jpg")).isEmpty();
    assertThat(strict.keys("ftp/partners/acme/in/never-renamed.jpg")).hasSize(1);
    assertThat(strict.events("partner", "/in/upload.jpg")).isEmpty();
    assertThat(strict.events("partner", "/in/final.jpg")).singleElement()
        .satisfies(e -> assertThat(e.size()).isEqualTo(jpeg.length + 1));
    // Other accounts publish at STOR as before.
    FTPClient camera = strict.login();
    try {
      assertThat(camera.storeFile("/signals/camera.jpg", new ByteArrayInputStream(jpeg))).isTrue();
    } finally {
      camera.disconnect();
    }
    assertThat(strict.events("/signals/camera.jpg")).hasSize(1);
  }

  private static byte[] jpeg() throws IOException {
    BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(11);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        image.setRGB(x, y, random.nextInt(1 << 24));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "jpeg", out);
    return out.toByteArray();
  }

  private static String sha(byte[] bytes) throws IOException {
    return BridgeHarness.sha256(new ByteArrayInputStream(bytes));
  }
}
