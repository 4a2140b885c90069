package io.imagestore.bridge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The bridge's accounts, one per line: {@code name:hash:home}, {@code #} starts a comment.
 *
 * <ul>
 *   <li>{@code name}: the FTP login, also the event's {@code sourceId};
 *   <li>{@code hash}: from {@link PasswordHasher} — plain passwords are refused at load;
 *   <li>{@code home}: the account's prefix in the object-store namespace (default: the name);
 *       accounts never see outside it.
 * </ul>
 *
 * The bridge re-reads the file when it changes, so accounts can be added while it runs.
 */
public final class UsersFile {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern HOME = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

  /** One account. */
  public record Account(String name, String passwordHash, String home) {
    public Account {
      if (name == null || !NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("user name must be 1-64 of letters, digits, . _ - (got '" + name + "')");
      }
      if (passwordHash == null || !PasswordHasher.looksLikeHash(passwordHash)) {
        throw new IllegalArgumentException("user '" + name + "' needs a " + PasswordHasher.SCHEME
            + " hash (plain-text passwords are not accepted)");
      }
      if (PasswordHasher.rounds(passwordHash) < PasswordHasher.MIN_ITERATIONS) {
        throw new IllegalArgumentException("user '" + name + "' has a hash of " + PasswordHasher.rounds(passwordHash)
            + " PBKDF2 rounds, fewer than the " + PasswordHasher.MIN_ITERATIONS
            + " required: set its password again (UsersFile or PasswordHasher)");
      }
      if (home == null || home.isBlank()) {
        home = name;
      }
      if (!HOME.matcher(home).matches() || List.of(home.split("/")).stream().anyMatch(s -> s.equals(".") || s.equals(".."))) {
        throw new IllegalArgumentException("home of '" + name + "' must be a relative path of letters, digits, . _ - (got '" + home + "')");
      }
    }

    @Override
    public String toString() {
      return "Account[" + name + ", home=" + home + "]";
    }
  }

  private UsersFile() {}

  /** Parses the file; an error names the line. */
  public static Map<String, Account> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read users file " + file, e);
    }
    Map<String, Account> accounts = new LinkedHashMap<>();
    int n = 0;
    for (String raw : lines) {
      n++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split(":", -1);
      if (f.length < 2 || f.length > 3) {
        throw new IllegalArgumentException(file + " line " + n + ": expected name:hash:home");
      }
      try {
        Account a = new Account(f[0], f[1], f.length == 3 ? f[2] : null);
        if (accounts.putIfAbsent(a.name(), a) != null) {
          throw new IllegalArgumentException("user '" + a.name() + "' appears twice");
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + " line " + n + ": " + e.getMessage(), e);
      }
    }
    return accounts;
  }

  /**
   * Adds {@code user} (or replaces its password and home) with a fresh salted hash of
   * {@code plainPassword}, creating the file if needed (owner read/write only). The file is
   * replaced atomically, so a running bridge never reads half of it.
   *
   * @param home the account's namespace prefix; null means the user name
   */
  public static void addUser(Path file, String user, String plainPassword, String home) {
    if (plainPassword == null || plainPassword.isEmpty()) {
      throw new IllegalArgumentException("password must not be empty");
    }
    Account added = new Account(user, new PasswordHasher().hash(plainPassword.toCharArray()), home);
    try {
      List<String> out = new ArrayList<>();
      boolean replaced = false;
      if (Files.exists(file)) {
        read(file);
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          String stripped = line.strip();
          if (!stripped.startsWith("#") && stripped.startsWith(user + ":")) {
            out.add(format(added));
            replaced = true;
          } else {
            out.add(line);
          }
        }
      } else {
        out.add("# imagestore ingest bridge accounts: name:" + PasswordHasher.SCHEME + " hash:home");
      }
      if (!replaced) {
        out.add(format(added));
      }
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".users", ".tmp");
      try {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
          Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        }
        Files.write(tmp, out, StandardCharsets.UTF_8);
        try {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write users file " + file, e);
    }
  }

  private static String format(Account a) {
    return a.name() + ":" + a.passwordHash() + ":" + a.home();
  }

  /** {@code UsersFile <file> <user> [home]}: adds a user, reading the password like {@link PasswordHasher#main}. */
  public static void main(String[] args) throws IOException {
    if (args.length < 2 || args.length > 3) {
      System.err.println("usage: UsersFile <users-file> <user> [home]   (password from console or stdin)");
      System.exit(2);
    }
    java.io.Console console = System.console();
    String password = console != null
        ? new String(console.readPassword("password for %s: ", args[1]))
        : new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    addUser(Path.of(args[0]), args[1], password, args.length == 3 ? args[2] : null);
    System.out.println("added " + args[1] + " to " + args[0]);
  }
}
