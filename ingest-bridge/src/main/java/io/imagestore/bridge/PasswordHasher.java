package io.imagestore.bridge;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salted password hashes for the users file: PBKDF2-HMAC-SHA256 from the JDK (no extra library),
 * stored as {@code pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>} so the cost can be raised
 * later without invalidating existing entries.
 *
 * <p>Cost: {@value #DEFAULT_ITERATIONS} iterations, OWASP's figure for PBKDF2-HMAC-SHA256 (its
 * 210,000 is for SHA-512), measured 160–400 ms per verification on a busy 2-core machine. Hashes
 * below {@value #MIN_ITERATIONS} are refused where the users file is read: a file written with the
 * old default must be re-hashed, never silently accepted. Cameras log in once per file, so the
 * bridge puts a verification cache in front (see {@code security.VerifiedLoginCache}; a hit costs
 * microseconds) and caps the verifications that run at once ({@code security.VerificationSlots}).
 *
 * <p>{@code main}: reads a password from the console (or one line of stdin) and prints its hash.
 */
public final class PasswordHasher {

  public static final String SCHEME = "pbkdf2-sha256";
  public static final int DEFAULT_ITERATIONS = 600_000;
  /** The fewest rounds a stored hash may have. */
  public static final int MIN_ITERATIONS = 600_000;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final int iterations;

  public PasswordHasher() {
    this(DEFAULT_ITERATIONS);
  }

  /** @param iterations PBKDF2 rounds for new hashes; existing hashes keep their own count */
  public PasswordHasher(int iterations) {
    if (iterations < MIN_ITERATIONS) {
      throw new IllegalArgumentException("iterations must be at least " + MIN_ITERATIONS + ", got " + iterations);
    }
    this.iterations = iterations;
  }

  public String hash(char[] password) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    byte[] hash = pbkdf2(password, salt, iterations);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
  }

  /** True when {@code password} matches {@code stored}; a malformed {@code stored} never matches. */
  public boolean verify(char[] password, String stored) {
    String[] parts = stored == null ? new String[0] : stored.split("\\$");
    if (parts.length != 4 || !SCHEME.equals(parts[0])) {
      return false;
    }
    try {
      int rounds = Integer.parseInt(parts[1]);
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] expected = Base64.getDecoder().decode(parts[3]);
      if (rounds < 1 || salt.length == 0 || expected.length == 0) {
        return false;
      }
      byte[] actual = pbkdf2(password, salt, rounds);
      return MessageDigest.isEqual(expected, actual);
    } catch (IllegalArgumentException malformed) {
      return false;
    }
  }

  /** True when {@code stored} is a hash this class can verify (and not, say, a plain password). */
  public static boolean looksLikeHash(String stored) {
    String[] parts = stored.split("\\$");
    return parts.length == 4 && SCHEME.equals(parts[0]) && parts[1].chars().allMatch(Character::isDigit);
  }

  /** The PBKDF2 rounds of a stored hash, or -1 when it is not one ({@link #looksLikeHash}). */
  public static int rounds(String stored) {
    if (stored == null || !looksLikeHash(stored)) {
      return -1;
    }
    try {
      return Integer.parseInt(stored.split("\\$")[1]);
    } catch (NumberFormatException tooLarge) {
      return -1;
    }
  }

  private static byte[] pbkdf2(char[] password, byte[] salt, int rounds) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, rounds, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable in this JDK", e);
    } finally {
      spec.clearPassword();
    }
  }

  public static void main(String[] args) throws IOException {
    char[] password;
    Console console = System.console();
    if (console != null) {
      password = console.readPassword("password: ");
    } else {
      String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      password = line == null ? new char[0] : line.toCharArray();
    }
    if (password == null || password.length == 0) {
      System.err.println("no password given");
      System.exit(2);
    }
    System.out.println(new PasswordHasher().hash(password));
    Arrays.fill(password, '\0');
  }
}
