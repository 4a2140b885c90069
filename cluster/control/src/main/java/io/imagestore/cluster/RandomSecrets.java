package io.imagestore.cluster;

import java.security.SecureRandom;
import java.util.HexFormat;

/** The stack's made-up keys, passwords and id suffixes: hex of cryptographically random bytes. */
final class RandomSecrets {
  private static final SecureRandom RANDOM = new SecureRandom();

  private RandomSecrets() {}

  static String hex(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return HexFormat.of().formatHex(random);
  }
}
