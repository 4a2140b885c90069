package io.imagestore.bridge.ftp;

import io.imagestore.bridge.metrics.BridgeMetrics;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.ftpserver.ftplet.DefaultFtpReply;
import org.apache.ftpserver.ftplet.FtpReply;
import org.apache.ftpserver.ftplet.FtpSession;
import org.apache.mina.core.session.IoSession;

/**
 * Closes a control connection that has not logged in within {@code limits.loginTimeout} of opening
 * (421 "Login timed out"). ftpserver's idle timeout also applies before login, but any command resets
 * it and it is sized for uploads (minutes): idle sockets held every slot for 5 minutes. This
 * deadline is absolute: sending NOOPs does not extend it.
 */
final class LoginDeadline implements AutoCloseable {
  /** The MINA session under an ftplet-visible name: an ftplet's {@link FtpSession} cannot close itself. */
  private static final String IO_SESSION = "imagestore.ioSession";
  private static final String TIMER = "imagestore.loginDeadline";
  private static final Duration FLUSH_WAIT = Duration.ofSeconds(5);

  private final Duration timeout;
  private final BridgeMetrics metrics;
  private final ScheduledThreadPoolExecutor timer;

  LoginDeadline(Duration timeout, BridgeMetrics metrics) {
    this.timeout = timeout;
    this.metrics = metrics;
    timer = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "bridge-login-deadline");
      t.setDaemon(true);
      return t;
    });
    // Nearly every deadline is cancelled by a login: do not keep thousands of dead tasks queued.
    timer.setRemoveOnCancelPolicy(true);
  }

  /** From ftpserver's session hook, before any ftplet sees the session. */
  static void remember(IoSession session) {
    session.setAttribute(IO_SESSION, session);
  }

  void start(FtpSession session) {
    ScheduledFuture<?> expiry = timer.schedule(() -> expire(session), timeout.toMillis(), TimeUnit.MILLISECONDS);
    session.setAttribute(TIMER, expiry);
  }

  void cancel(FtpSession session) {
    if (session.getAttribute(TIMER) instanceof ScheduledFuture<?> expiry) {
      expiry.cancel(false);
      session.removeAttribute(TIMER);
    }
  }

  private void expire(FtpSession session) {
    if (session.isLoggedIn() || !(session.getAttribute(IO_SESSION) instanceof IoSession io) || io.isClosing()) {
      return;
    }
    metrics.connectionRejected("login_timeout");
    io.write(new DefaultFtpReply(FtpReply.REPLY_421_SERVICE_NOT_AVAILABLE_CLOSING_CONTROL_CONNECTION,
        "Login timed out after " + timeout.toSeconds() + " s"));
    io.closeOnFlush();
    // A client that does not read would hold a flushing session open.
    timer.schedule(() -> io.closeNow(), FLUSH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
