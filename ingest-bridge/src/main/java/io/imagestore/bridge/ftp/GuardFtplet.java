package io.imagestore.bridge.ftp;

import io.imagestore.bridge.metrics.BridgeMetrics;
import io.imagestore.bridge.security.ConnectionCounter;
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
 * the bridge drains for shutdown): limits of open connections in
 * total and per address (421), bans of addresses with repeated failed logins (421 on connect, and
 * on USER/PASS of connections opened before the ban; the counting is {@link PassCommand}'s), and
 * the FTPS policy when TLS is required (530 before AUTH TLS, 521 for data without PROT P).
 */
final class GuardFtplet extends DefaultFtplet {
  private static final String COUNTED = "imagestore.counted";
  private static final Set<String> DATA_COMMANDS = Set.of("STOR", "RETR", "LIST", "NLST", "MLSD", "APPE", "STOU");

  private final ConnectionCounter connections;
  private final LoginThrottle failures;
  private final BridgeMetrics metrics;
  private final boolean tlsRequired;
  private final BooleanSupplier draining;

  GuardFtplet(ConnectionCounter connections, LoginThrottle failures, BridgeMetrics metrics, boolean tlsRequired,
      BooleanSupplier draining) {
    this.connections = connections;
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
    if (!connections.tryAcquire(client)) {
      metrics.connectionRejected("limit");
      session.write(new DefaultFtpReply(FtpReply.REPLY_421_SERVICE_NOT_AVAILABLE_CLOSING_CONTROL_CONNECTION,
          "Too many connections, try again later"));
      return FtpletResult.DISCONNECT;
    }
    session.setAttribute(COUNTED, Boolean.TRUE);
    return FtpletResult.DEFAULT;
  }

  @Override
  public FtpletResult onDisconnect(FtpSession session) {
    if (session.getAttribute(COUNTED) != null) {
      session.removeAttribute(COUNTED);
      connections.release(session.getClientAddress().getAddress());
    }
    return FtpletResult.DEFAULT;
  }

  @Override
  public FtpletResult beforeCommand(FtpSession session, FtpRequest request) throws FtpException {
    String command = request.getCommand().toUpperCase(Locale.ROOT);
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
