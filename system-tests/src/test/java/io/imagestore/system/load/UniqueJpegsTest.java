package io.imagestore.system.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.LongStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class UniqueJpegsTest {

  @Test
  void everyImageOfARunAndOfAnotherRunIsDifferent() {
    UniqueJpegs run = new UniqueJpegs(42L, 320, 240);
    UniqueJpegs other = new UniqueJpegs(43L, 320, 240);
    Set<String> shas = new HashSet<>();
    LongStream.rangeClosed(1, 200).forEach(n -> shas.add(FtpCamera.sha256(run.jpeg(n))));
    LongStream.rangeClosed(1, 200).forEach(n -> shas.add(FtpCamera.sha256(other.jpeg(n))));
    assertThat(shas).hasSize(400);
  }

  @Test
  void theSameSequenceNumberGivesTheSameBytes() {
    assertThat(new UniqueJpegs(7L, 256, 128).jpeg(99)).isEqualTo(new UniqueJpegs(7L, 256, 128).jpeg(99));
  }

  @Test
  void imagesAreSmallJpegsOfTheRequestedSize() throws IOException {
    byte[] jpeg = new UniqueJpegs(1L, 320, 240).jpeg(1);
    assertThat(jpeg).startsWith(0xFF, 0xD8);
    assertThat(jpeg.length).isLessThan(64 * 1024);
    var decoded = ImageIO.read(new ByteArrayInputStream(jpeg));
    assertThat(decoded.getWidth()).isEqualTo(320);
    assertThat(decoded.getHeight()).isEqualTo(240);
  }

  @Test
  void refusesImagesTooNarrowForTheBitStrip() {
    assertThatThrownBy(() -> new UniqueJpegs(1L, 100, 100)).isInstanceOf(IllegalArgumentException.class);
  }
}
