package io.imagestore.bridge.security;

import io.imagestore.bridge.PasswordHasher;
import io.imagestore.bridge.UsersFile;
import io.imagestore.bridge.UsersFile.Account;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
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
 */
public final class BridgeUserManager implements UserManager {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeUserManager.class);

  private final Path file;
  private final PasswordHasher hasher = new PasswordHasher();
  private final VerifiedLoginCache cache;
  private volatile Map<String, Account> accounts;
  private volatile FileTime loadedModified;

  public BridgeUserManager(Path file, VerifiedLoginCache cache) {
    this.file = file;
    this.cache = cache;
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("users.file " + file + " does not exist (create it with UsersFile.addUser)");
    }
    reload();
  }

  private synchronized void reload() {
    try {
      FileTime modified = Files.getLastModifiedTime(file);
      if (accounts == null || !modified.equals(loadedModified)) {
        accounts = UsersFile.read(file);
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
    String password = login.getPassword();
    if (account == null || password == null) {
      throw new AuthenticationFailedException("bad login");
    }
    char[] pw = password.toCharArray();
    try {
      if (!cache.contains(account.name(), pw, account.passwordHash())) {
        if (!hasher.verify(pw, account.passwordHash())) {
          throw new AuthenticationFailedException("bad login");
        }
        cache.add(account.name(), pw, account.passwordHash());
      }
    } finally {
      java.util.Arrays.fill(pw, '\0');
    }
    return toUser(account);
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
