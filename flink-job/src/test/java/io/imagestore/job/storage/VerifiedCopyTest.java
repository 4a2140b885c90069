package io.imagestore.job.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifiedCopyTest {
  private static final byte[] BYTES = "the uploaded bytes".getBytes(StandardCharsets.US_ASCII);
  private static final String SHA = sha(BYTES);

  @TempDir Path dir;

  @Test
  void theExpectedBytesAreCopied() throws Exception {
    Path target = dir.resolve("copy");
    VerifiedCopy.copy(new ByteArrayInputStream(BYTES), target, BYTES.length, SHA);
    assertThat(Files.readAllBytes(target)).isEqualTo(BYTES);
  }

  @Test
  void otherBytesOfTheSameSizeAreRefused() {
    byte[] other = BYTES.clone();
    other[0] = 'T';
    assertThatThrownBy(() -> VerifiedCopy.copy(new ByteArrayInputStream(other), dir.resolve("c"), BYTES.length, SHA))
        .isInstanceOf(OriginalMismatchException.class).hasMessageContaining("SHA-256");
  }

  @Test
  void shorterAndLongerObjectsAreRefused() {
    assertThatThrownBy(() -> VerifiedCopy.copy(new ByteArrayInputStream(BYTES, 0, 5), dir.resolve("c"), BYTES.length, SHA))
        .isInstanceOf(OriginalMismatchException.class).hasMessageContaining("has 5 bytes");
    assertThatThrownBy(() -> VerifiedCopy.copy(new ByteArrayInputStream(BYTES), dir.resolve("d"), 5, SHA))
        .isInstanceOf(OriginalMismatchException.class).hasMessageContaining("more than the 5 bytes");
  }

  private static String sha(byte[] bytes) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
