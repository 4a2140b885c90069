package io.imagestore.bridge.ftp;

import io.imagestore.bridge.metrics.BridgeMetrics;
import io.imagestore.bridge.security.BridgeUserManager;
import io.imagestore.bridge.security.LoginThrottle;
import io.imagestore.bridge.security.LoginThrottle.Attempt;
import io.imagestore.bridge.security.LoginThrottle.Lockout;
import io.imagestore.bridge.security.VerificationSlots;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import org.apache.ftpserver.command.AbstractCommand;
import org.apache.ftpserver.ftplet.AuthenticationFailedException;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpReply;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.ftplet.User;
import org.apache.ftpserver.impl.FtpIoSession;
import org.apache.ftpserver.impl.FtpServerContext;
import org.apache.ftpserver.impl.ServerFtpStatistics;
import org.apache.ftpserver.usermanager.impl.UserMetadata;
import org.apache.ftpserver.usermanager.UsernamePasswordAuthentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PASS with the bridge's login throttle in it. ftpserver's PASS answered 530 first and left the
 * ban to an ftplet after the reply (the banning guess got 530, the log said {@code user=null}
 * since PASS had already cleared the name), and checked the ban before the password while the
 * failure was counted after it, so parallel connections all got their guess checked. Here the
 * attempt is counted by {@link LoginThrottle#begin} before the hash is computed, and the failure
 * that reaches the limit gets 421 and a close.
 *
 * <p>A login that arrives while enough guesses to reach the limit are being checked waits (up to
 * {@code BUSY_WAIT}) for their outcome: cameras sharing one account log in at once, and the first
 * successful check lets the others in through the login cache.
 *
 * <p>Replies: 230 logged in; 530 wrong name or password (the same text for both); 421 and a close
 * when the address or account is locked out, or when the checks in progress did not finish in time.
 */
final class PassCommand extends AbstractCommand {
  private static final Logger LOG = LoggerFactory.getLogger(PassCommand.class);
  /** Client-chosen names go into log lines cut to this length. */
  private static final int LOGGED_NAME_MAX = 64;
  /** How long a login waits for the checks in progress when they could reach the limit. */
  private static final Duration BUSY_WAIT = Duration.ofSeconds(10);

  private final BridgeUserManager users;
  private final LoginThrottle throttle;
  private final BridgeMetrics metrics;
  private final Duration failureDelay;

  PassCommand(BridgeUserManager users, LoginThrottle throttle, BridgeMetrics metrics, Duration failureDelay) {
    this.users = users;
    this.throttle = throttle;
    this.metrics = metrics;
    this.failureDelay = failureDelay;
  }

  @Override
  public void execute(FtpIoSession session, FtpServerContext context, FtpRequest request) throws FtpException {
    session.resetState();
    if (session.isLoggedIn()) {
      Replies.send(session, FtpReply.REPLY_202_COMMAND_NOT_IMPLEMENTED, "Already logged in");
      return;
    }
    String name = session.getUserArgument();
    if (name == null) {
      Replies.send(session, FtpReply.REPLY_503_BAD_SEQUENCE_OF_COMMANDS, "Send USER first");
      return;
    }
    ServerFtpStatistics stats = (ServerFtpStatistics) context.getFtpStatistics();
    int maxLogins = context.getConnectionConfig().getMaxLogins();
    if (maxLogins != 0 && stats.getCurrentLoginNumber() >= maxLogins) {
      metrics.connectionRejected("limit");
      closeWith421(session, "Too many users logged in, try again later");
      return;
    }
    InetAddress client = ((InetSocketAddress) session.getRemoteAddress()).getAddress();
    String password = request.getArgument();
    User user = null;
    Lockout lockout = null;
    long busyUntil = System.nanoTime() + BUSY_WAIT.toNanos();
    while (true) {
      user = throttle.isBanned(client) ? null : users.recentlyVerified(name, password);
      if (user != null) {
        break;
      }
      Attempt attempt = throttle.begin(name, client);
      if (attempt.refused() == Lockout.BUSY && System.nanoTime() < busyUntil) {
        // Others' checks may prove this very password (a fleet sharing an account): wait for them.
        try {
          throttle.awaitOutcome(attempt, Duration.ofNanos(busyUntil - System.nanoTime()));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          busyUntil = 0;
        }
        continue;
      }
      if (attempt.refused() != null) {
        metrics.connectionRejected(attempt.refused() == Lockout.BUSY ? "login_busy" : "banned");
        session.reinitialize();
        closeWith421(session, message(attempt.refused()));
        return;
      }
      boolean checked = false;
      try {
        user = authenticate(name, password, client);
        checked = true;
      } catch (VerificationSlots.Busy busy) {
        metrics.connectionRejected("login_busy");
        session.reinitialize();
        closeWith421(session, message(Lockout.BUSY));
        return;
      } finally {
        if (user != null) {
          attempt.succeeded();
        } else if (checked) {
          lockout = attempt.failed();
        } else {
          attempt.abandoned();
        }
      }
      break;
    }
    if (user == null) {
      failed(session, stats, name, client, lockout);
      return;
    }
    session.setUser(user);
    session.setUserArgument(null);
    session.setMaxIdleTime(user.getMaxIdleTime());
    session.setLogin(context.getFileSystemManager().createFileSystemView(user));
    stats.setLogin(session);
    metrics.login(true);
    Replies.send(session, FtpReply.REPLY_230_USER_LOGGED_IN, "User logged in, proceed");
  }

  private User authenticate(String name, String password, InetAddress client) throws VerificationSlots.Busy {
    UserMetadata metadata = new UserMetadata();
    metadata.setInetAddress(client);
    try {
      return users.authenticate(new UsernamePasswordAuthentication(name, password, metadata));
    } catch (VerificationSlots.Busy busy) {
      throw busy;
    } catch (AuthenticationFailedException wrong) {
      return null;
    }
  }

  private void failed(FtpIoSession session, ServerFtpStatistics stats, String name, InetAddress client,
      Lockout lockout) {
    pause();
    metrics.login(false);
    stats.setLoginFail(session);
    session.reinitialize();
    if (lockout == null) {
      Replies.send(session, FtpReply.REPLY_530_NOT_LOGGED_IN, "Login incorrect");
      return;
    }
    String scope = lockout.name().toLowerCase(Locale.ROOT);
    metrics.loginLockout(scope);
    LOG.warn("login lockout scope={} address={} user=\"{}\"", scope, client.getHostAddress(), loggable(name));
    closeWith421(session, message(lockout));
  }

  private void pause() {
    if (failureDelay.isZero()) {
      return;
    }
    try {
      Thread.sleep(failureDelay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String message(Lockout lockout) {
    return switch (lockout) {
      case NETWORK -> "Too many failed logins from your address, try again later";
      case ACCOUNT -> "Too many failed logins for this user, try again later";
      case BUSY -> "Too many logins being checked at once, try again later";
    };
  }

  private static void closeWith421(FtpIoSession session, String message) {
    Replies.send(session, FtpReply.REPLY_421_SERVICE_NOT_AVAILABLE_CLOSING_CONTROL_CONNECTION, message);
    session.close(false);
  }

  /** At most {@value #LOGGED_NAME_MAX} characters, quotes and backslashes escaped, controls as '?'. */
  static String loggable(String name) {
    String cut = name.length() > LOGGED_NAME_MAX ? name.substring(0, LOGGED_NAME_MAX) + "…" : name;
    StringBuilder out = new StringBuilder(cut.length());
    cut.codePoints().forEach(c -> {
      if (c == '"' || c == '\\') {
        out.append('\\').appendCodePoint(c);
      } else if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
        out.append('?');
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }
}
