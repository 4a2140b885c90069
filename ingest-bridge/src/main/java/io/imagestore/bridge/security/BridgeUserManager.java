package io.imagestore.bridge.security;

import io.imagestore.bridge.PasswordHasher;
import io.imagestore.bridge.UsersFile;
import io.imagestore.bridge.UsersFile.Account;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.ftpserver.ftplet.Authentication;
import org.apache.ftpserver.ftplet.AuthenticationFailedException;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.User;
import org.apache.ftpserver.ftplet.UserManager;
import org.apache.ftpserver.usermanager.UsernamePasswordAuthentication;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.ConcurrentLoginPermission;
import org.apache.ftpserver.usermanager.impl.TransferRatePermission;
import org.apache.ftpserver.usermanager.impl.WritePermission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts from the users file, re-read when the file changes. Only username/password logins:
 * anonymous access does not exist. Read-only towards ftpserver (no SITE user management).
 *
 * <p>A login of an unknown name costs what a wrong password costs: its password is checked against
 * a dummy hash with the rounds most accounts have, so the time to the 530 does not tell which names
 * exist (it did: 610–663 ms for a wrong password, 501–504 ms for an unknown name).
 */
public final class BridgeUserManager implements UserManager {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeUserManager.class);

  private final Path file;
  private final PasswordHasher hasher = new PasswordHasher();
  private final VerifiedLoginCache cache;
  private final VerificationSlots slots;
  private final Runnable verified;
  private volatile Map<String, Account> accounts;
  private volatile String dummyHash;
  private volatile FileTime loadedModified;

  /** @param verified called for every password hash computed, known account or not (a metric) */
  public BridgeUserManager(Path file, VerifiedLoginCache cache, Runnable verified) {
    this(file, cache, VerificationSlots.perCore(), verified);
  }

  /** @param slots how many passwords may be hashed at once */
  public BridgeUserManager(Path file, VerifiedLoginCache cache, VerificationSlots slots, Runnable verified) {
    this.file = file;
    this.cache = cache;
    this.slots = slots;
    this.verified = verified;
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("users.file " + file + " does not exist (create it with UsersFile.addUser)");
    }
    reload();
  }

  private synchronized void reload() {
    try {
      FileTime modified = Files.getLastModifiedTime(file);
      if (accounts == null || !modified.equals(loadedModified)) {
        Map<String, Account> read = UsersFile.read(file);
        dummyHash = dummyHashLike(read.values(), dummyHash);
        accounts = read;
        loadedModified = modified;
        LOG.info("users loaded count={} file={}", accounts.size(), file);
      }
    } catch (IOException | RuntimeException e) {
      if (accounts == null) {
        throw new IllegalArgumentException("users.file " + file + ": " + e.getMessage(), e);
      }
      // A half-edited file must not lock everyone out: keep the last good accounts.
      LOG.warn("users file not reloaded, keeping previous accounts: {}", e.toString());
    }
  }

  /**
   * A hash of a random password with the rounds most accounts' hashes have (the default for an
   * empty file); kept while those rounds do not change, since making one costs a verification.
   */
  private static String dummyHashLike(java.util.Collection<Account> accounts, String previous) {
    int rounds = accounts.stream().map(a -> PasswordHasher.rounds(a.passwordHash()))
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))
        .entrySet().stream().max(Map.Entry.<Integer, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
        .map(Map.Entry::getKey).orElse(PasswordHasher.DEFAULT_ITERATIONS);
    if (previous != null && PasswordHasher.rounds(previous) == rounds) {
      return previous;
    }
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    return new PasswordHasher(rounds).hash(HexFormat.of().formatHex(random).toCharArray());
  }

  /** The hash unknown names are checked against (for tests: its rounds match the accounts'). */
  String dummyHash() {
    return dummyHash;
  }

  private Account account(String name) {
    reload();
    return name == null ? null : accounts.get(name);
  }

  @Override
  public User authenticate(Authentication authentication) throws AuthenticationFailedException {
    if (!(authentication instanceof UsernamePasswordAuthentication login)) {
      throw new AuthenticationFailedException("only username/password logins are accepted");
    }
    Account account = account(login.getUsername());
    char[] pw = login.getPassword() == null ? new char[0] : login.getPassword().toCharArray();
    try {
      if (account != null && cache.contains(account.name(), pw, account.passwordHash())) {
        return toUser(account);
      }
      // Unknown names pay for a full verification too (see the class comment).
      String stored = account == null ? dummyHash : account.passwordHash();
      // Cameras sharing an account log in at once: whoever waited for a slot while another proved
      // the same password finds it in the cache and hashes nothing.
      boolean[] hashed = {false};
      boolean matches = slots.run(() -> {
        if (account != null && cache.contains(account.name(), pw, account.passwordHash())) {
          return true;
        }
        hashed[0] = true;
        return hasher.verify(pw, stored);
      });
      if (!hashed[0]) {
        return toUser(account);
      }
      verified.run();
      if (account == null || !matches) {
        throw new AuthenticationFailedException("bad login");
      }
      cache.add(account.name(), pw, account.passwordHash());
      return toUser(account);
    } finally {
      Arrays.fill(pw, '\0');
    }
  }

  /**
   * The account when {@code password} is one verified for it within the cache's lifetime, else
   * null; costs an HMAC, never a hash. A camera whose password was just proven may log in while its
   * account is locked by someone else's guesses (the guesser cannot hit the cache without the
   * password).
   */
  public User recentlyVerified(String name, String password) {
    Account account = account(name);
    if (account == null || password == null) {
      return null;
    }
    char[] pw = password.toCharArray();
    try {
      return cache.contains(account.name(), pw, account.passwordHash()) ? toUser(account) : null;
    } finally {
      Arrays.fill(pw, '\0');
    }
  }

  private static User toUser(Account account) {
    BaseUser user = new BaseUser();
    user.setName(account.name());
    user.setHomeDirectory(account.home());
    user.setEnabled(true);
    user.setMaxIdleTime(0);
    // Connection limits are the guard's (per address); 0 here means "no per-account limit".
    user.setAuthorities(List.of(new WritePermission(), new ConcurrentLoginPermission(0, 0),
        new TransferRatePermission(0, 0)));
    return user;
  }

  @Override
  public User getUserByName(String name) {
    Account a = account(name);
    return a == null ? null : toUser(a);
  }

  @Override
  public String[] getAllUserNames() {
    reload();
    return accounts.keySet().toArray(String[]::new);
  }

  @Override
  public void delete(String name) throws FtpException {
    throw new FtpException("accounts are managed in the users file");
  }

  @Override
  public void save(User user) throws FtpException {
    throw new FtpException("accounts are managed in the users file");
  }

  @Override
  public boolean doesExist(String name) {
    return account(name) != null;
  }

  @Override
  public String getAdminName() {
    // No account may administer the server over FTP.
    return "\0no-admin";
  }

  @Override
  public boolean isAdmin(String name) {
    return false;
  }
}
