package io.imagestore.bridge.ftp;

import io.imagestore.bridge.metrics.BridgeMetrics;
import io.imagestore.bridge.security.ConnectionCounter;
import io.imagestore.bridge.security.ConnectionCounter.Admission;
import io.imagestore.bridge.security.ConnectionCounter.Slot;
import io.imagestore.bridge.security.LoginThrottle;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.ftpserver.ftplet.DefaultFtpReply;
import org.apache.ftpserver.ftplet.DefaultFtplet;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpReply;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.ftplet.FtpSession;
import org.apache.ftpserver.ftplet.FtpletResult;

/**
 * Connection-level hardening that ftpserver does not do by itself (and 421 for new connections while
 * the bridge drains for shutdown): limits of open connections in total and per address, and of
 * connections not logged in yet (421), a deadline to log in ({@link LoginDeadline}), bans of addresses with repeated failed logins (421 on connect, and
 * on USER/PASS of connections opened before the ban; the counting is {@link PassCommand}'s), and
 * the FTPS policy when TLS is required (530 before AUTH TLS, 521 for data without PROT P).
 */
final class GuardFtplet extends DefaultFtplet {
  private static final String SLOT = "imagestore.connectionSlot";
  private static final Set<String> DATA_COMMANDS = Set.of("STOR", "RETR", "LIST", "NLST", "MLSD", "APPE", "STOU");

  private final ConnectionCounter connections;
  private final LoginThrottle failures;
  private final BridgeMetrics metrics;
  private final boolean tlsRequired;
  private final BooleanSupplier draining;
  private final LoginDeadline loginDeadline;

  GuardFtplet(ConnectionCounter connections, LoginThrottle failures, BridgeMetrics metrics, boolean tlsRequired,
      BooleanSupplier draining, LoginDeadline loginDeadline) {
    this.connections = connections;
    this.loginDeadline = loginDeadline;
    this.failures = failures;
    this.metrics = metrics;
    this.tlsRequired = tlsRequired;
    this.draining = draining;
  }

  @Override
  public FtpletResult onConnect(FtpSession session) throws FtpException {
    InetAddress client = session.getClientAddress().getAddress();
    if (draining.getAsBoolean()) {
      metrics.connectionRejected("shutdown");
      session.write(new DefaultFtpReply(FtpReply.REPLY_421_SERVICE_NOT_AVAILABLE_CLOSING_CONTROL_CONNECTION,
          "Server shutting down, try again later"));
      return FtpletResult.DISCONNECT;
    }
    if (failures.isBanned(client)) {
      metrics.connectionRejected("banned");
      session.write(new DefaultFtpReply(FtpReply.REPLY_421_SERVICE_NOT_AVAILABLE_CLOSING_CONTROL_CONNECTION,
          "Too many failed logins from your address, try again later"));
      return FtpletResult.DISCONNECT;
    }
    Admission admission = connections.tryAcquire(client);
    if (!admission.admitted()) {
      metrics.connectionRejected(admission.refusal().metricReason());
      session.write(new DefaultFtpReply(FtpReply.REPLY_421_SERVICE_NOT_AVAILABLE_CLOSING_CONTROL_CONNECTION,
          admission.refusal().message()));
      return FtpletResult.DISCONNECT;
    }
    session.setAttribute(SLOT, admission.slot());
    loginDeadline.start(session);
    return FtpletResult.DEFAULT;
  }

  @Override
  public FtpletResult onDisconnect(FtpSession session) {
    loginDeadline.cancel(session);
    if (session.getAttribute(SLOT) instanceof Slot slot) {
      slot.release();
    }
    return FtpletResult.DEFAULT;
  }

  @Override
  public FtpletResult afterCommand(FtpSession session, FtpRequest request, FtpReply reply) {
    // Logged in: the connection leaves the pre-login share and its deadline.
    if (session.isLoggedIn() && session.getAttribute(SLOT) instanceof Slot slot) {
      loginDeadline.cancel(session);
      slot.loggedIn();
    }
    return FtpletResult.DEFAULT;
  }

  @Override
  public FtpletResult beforeCommand(FtpSession session, FtpRequest request) throws FtpException {
    String command = request.getCommand().toUpperCase(Locale.ROOT);
    if (command.equals("REIN")) {
      // A reinitialized session would be logged out while holding a logged-in slot, past its deadline.
      session.write(new DefaultFtpReply(FtpReply.REPLY_502_COMMAND_NOT_IMPLEMENTED,
          "REIN not supported: close the connection and log in again"));
      return FtpletResult.SKIP;
    }
    boolean login = command.equals("USER") || command.equals("PASS");
    // A connection opened before its address was banned must not go on trying passwords.
    if (login && failures.isBanned(session.getClientAddress().getAddress())) {
      metrics.connectionRejected("banned");
      session.write(new DefaultFtpReply(FtpReply.REPLY_421_SERVICE_NOT_AVAILABLE_CLOSING_CONTROL_CONNECTION,
          "Too many failed logins from your address, try again later"));
      return FtpletResult.DISCONNECT;
    }
    if (!tlsRequired) {
      return FtpletResult.DEFAULT;
    }
    if (login && !session.isSecure()) {
      session.write(new DefaultFtpReply(FtpReply.REPLY_530_NOT_LOGGED_IN,
          "This server requires TLS: send AUTH TLS first"));
      return FtpletResult.SKIP;
    }
    if (DATA_COMMANDS.contains(command) && !session.getDataConnection().isSecure()) {
      session.write(new DefaultFtpReply(521, "Data connections must be encrypted: send PBSZ 0 and PROT P"));
      return FtpletResult.SKIP;
    }
    return FtpletResult.DEFAULT;
  }
}
