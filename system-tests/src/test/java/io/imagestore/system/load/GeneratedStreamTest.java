package io.imagestore.system.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class GeneratedStreamTest {

  @Test
  void yieldsExactlyItsLengthWhateverTheReadSizes() throws IOException {
    long length = 3 * 65_536 + 123;
    assertThat(drain(new GeneratedStream(5, length), 1000)).isEqualTo(length);
    assertThat(drain(new GeneratedStream(5, length), 1 << 20)).isEqualTo(length);
  }

  @Test
  void theSameSeedGivesTheSameBytesWhateverTheReadSizes() throws IOException {
    byte[] small = readAll(new GeneratedStream(9, 200_000), 777);
    byte[] large = readAll(new GeneratedStream(9, 200_000), 100_000);
    assertThat(small).isEqualTo(large);
    assertThat(readAll(new GeneratedStream(10, 200_000), 777)).isNotEqualTo(small);
  }

  private static long drain(InputStream in, int chunk) throws IOException {
    byte[] buffer = new byte[chunk];
    long total = 0;
    for (int n; (n = in.read(buffer)) >= 0; ) {
      total += n;
    }
    return total;
  }

  private static byte[] readAll(InputStream in, int chunk) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    byte[] buffer = new byte[chunk];
    for (int n; (n = in.read(buffer)) >= 0; ) {
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }
}
