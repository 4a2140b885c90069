package io.imagestore.bridge.ftp;

import io.imagestore.bridge.BridgeConfig;
import io.imagestore.bridge.BridgeConfig.Limits;
import io.imagestore.bridge.metrics.BridgeMetrics;
import io.imagestore.bridge.namespace.NamespaceStore;
import io.imagestore.bridge.security.BridgeUserManager;
import io.imagestore.bridge.security.ConnectionCounter;
import io.imagestore.bridge.security.LoginThrottle;
import io.imagestore.bridge.upload.InFlightUploads;
import io.imagestore.bridge.upload.UploadCommitter;
import io.imagestore.bridge.metrics.RateLimitedLog;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.ftpserver.ConnectionConfigFactory;
import org.apache.ftpserver.DataConnectionConfigurationFactory;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.command.CommandFactoryFactory;
import org.apache.ftpserver.command.impl.EPSV;
import org.apache.ftpserver.command.impl.PASV;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpReply;
import org.apache.ftpserver.ftplet.Ftplet;
import org.apache.ftpserver.impl.FtpIoSession;
import org.apache.ftpserver.listener.Listener;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.ssl.SslConfiguration;
import org.apache.ftpserver.ssl.SslConfigurationFactory;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.transport.socket.SocketSessionConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/** Apache FtpServer wired with the bridge's file system, commands, accounts and guards. */
public final class BridgeFtpServer {
  private static final String LISTENER = "default";

  private final FtpServer server;
  private final Listener listener;
  /** Client errors (resets, garbage lines) are logged under this name, at most this often. */
  private static final Logger CLIENT_ERROR_LOG = LoggerFactory.getLogger("io.imagestore.bridge.clients");
  private static final int CLIENT_ERROR_LINES_PER_MINUTE = 20;

  private final AtomicBoolean draining = new AtomicBoolean();
  private final LoginDeadline loginDeadline;

  public BridgeFtpServer(BridgeConfig config, S3Client s3, NamespaceStore namespace, UploadCommitter committer,
      BridgeUserManager users, BridgeMetrics metrics, InFlightUploads inFlight, Clock clock) {
    Limits limits = config.limits();
    FtpServerFactory factory = new FtpServerFactory();

    DataConnectionConfigurationFactory data = new DataConnectionConfigurationFactory();
    data.setPassivePorts(config.passivePorts());
    if (config.passiveExternalAddress() != null && !config.passiveExternalAddress().isBlank()) {
      data.setPassiveExternalAddress(config.passiveExternalAddress());
    }
    // FTP bounce: PORT/EPRT must name the client's own address; PASV accepts only the client's address.
    data.setActiveIpCheck(true);
    data.setPassiveIpCheck(true);
    data.setIdleTime((int) limits.dataTimeout().toSeconds());

    ListenerFactory listenerFactory = new ListenerFactory();
    listenerFactory.setServerAddress(config.host());
    listenerFactory.setPort(config.port());
    listenerFactory.setIdleTimeout((int) limits.idleTimeout().toSeconds());
    loginDeadline = new LoginDeadline(limits.loginTimeout(), metrics);
    ClientErrorFilter clientErrors = new ClientErrorFilter(
        new RateLimitedLog(CLIENT_ERROR_LOG, CLIENT_ERROR_LINES_PER_MINUTE, Duration.ofMinutes(1), clock), metrics);
    // The only hook ftpserver offers on a new session's MINA chain.
    listenerFactory.setSessionFilter(session -> {
      sendRepliesAtOnce(session);
      LoginDeadline.remember(session);
      clientErrors.install(session);
      return AbortWatch.install(session);
    });
    if (config.tls() != null) {
      SslConfigurationFactory ssl = new SslConfigurationFactory();
      ssl.setKeystoreFile(config.tls().keystore().toFile());
      ssl.setKeystorePassword(config.tls().keystorePassword());
      ssl.setSslProtocol("TLSv1.3", "TLSv1.2");
      SslConfiguration sslConfiguration = ssl.createSslConfiguration();
      listenerFactory.setSslConfiguration(sslConfiguration);
      listenerFactory.setImplicitSsl(false);
      data.setSslConfiguration(sslConfiguration);
    }
    listenerFactory.setDataConnectionConfiguration(data.createDataConnectionConfiguration());
    listener = listenerFactory.createListener();
    factory.addListener(LISTENER, listener);

    ConnectionConfigFactory connection = new ConnectionConfigFactory();
    connection.setAnonymousLoginEnabled(false);
    connection.setMaxAnonymousLogins(0);
    connection.setMaxLogins(limits.maxConnections());
    // Failed logins and their delay are PassCommand's (counted across connections, not per session).
    connection.setMaxLoginFailures(0);
    connection.setLoginFailureDelay(0);
    // A thread per concurrent command: an upload holds its thread for the whole transfer.
    connection.setMaxThreads(limits.maxConnections() + 2);
    factory.setConnectionConfig(connection.createConnectionConfig());

    factory.setUserManager(users);
    factory.setFileSystem(new ObjectStoreFileSystemFactory(namespace, s3, config.bucket()));

    LoginThrottle throttle = new LoginThrottle(limits.maxLoginFailures(), limits.loginFailureWindow(),
        limits.banTime(), clock);
    CommandFactoryFactory commands = new CommandFactoryFactory();
    commands.addCommand("PASS", new PassCommand(users, throttle, metrics, limits.loginFailureDelay()));
    commands.addCommand("STOR", new StorCommand(committer, metrics, inFlight, (int) config.partSize(),
        limits.maxFileSize(), draining::get, config.asciiUploads()));
    commands.addCommand("RNTO", new RntoCommand(committer, metrics));
    commands.addCommand("REST", new RestCommand());
    commands.addCommand("DELE", new DeleCommand());
    commands.addCommand("MODE", new ModeCommand());
    commands.addCommand("PASV", new PeerWaitingPassiveCommand(new PASV()));
    commands.addCommand("EPSV", new PeerWaitingPassiveCommand(new EPSV()));
    // ftpserver answers 450 (retry) to a time it cannot set: a client would retry forever.
    commands.addCommand("MFMT", new RefusedCommand(FtpReply.REPLY_502_COMMAND_NOT_IMPLEMENTED,
        "MFMT not supported: a file's time is when it was received"));
    OfferedFeatures offered = new OfferedFeatures(config.tls() != null);
    commands.addCommand("FEAT", offered.feat());
    commands.addCommand("HELP", offered.help());
    commands.addCommand("APPE", new RefusedCommand(FtpReply.REPLY_502_COMMAND_NOT_IMPLEMENTED,
        "APPE not supported: uploads are stored whole; send the file again with STOR"));
    commands.addCommand("STOU", new RefusedCommand(FtpReply.REPLY_502_COMMAND_NOT_IMPLEMENTED,
        "STOU not supported: upload with STOR under a name of your choice"));
    factory.setCommandFactory(commands.createCommandFactory());

    ConnectionCounter counter = new ConnectionCounter(limits.maxConnections(), limits.maxConnectionsPerIp(),
        limits.preLoginConnections(), limits.maxPreLoginConnectionsPerIp());
    metrics.bindOpenConnections(counter::total);
    metrics.bindPreLoginConnections(counter::preLogin);
    // A mutable map: ftpserver's stop() modifies it.
    Map<String, Ftplet> ftplets = new LinkedHashMap<>();
    ftplets.put("guard", new GuardFtplet(counter, throttle, metrics,
        config.tls() != null && config.tls().required(), draining::get, loginDeadline));
    factory.setFtplets(ftplets);

    server = factory.createServer();
  }

  /**
   * Nagle's algorithm off on the control connection (MINA leaves it on, ftpserver never sets it).
   * A STOR gets two replies with no command between them, 150 and then 226: with Nagle on, the
   * 226 waited for the client's delayed ACK of the 150 — up to 40 ms on Linux, measured as 23 ms
   * of every 2 MiB upload in one session, about half its time.
   */
  private static void sendRepliesAtOnce(IoSession session) {
    if (session.getConfig() instanceof SocketSessionConfig socket) {
      socket.setTcpNoDelay(true);
    }
  }

  /** The socket settings of each open control connection. */
  public List<SocketSessionConfig> controlConnections() {
    return listener.getActiveSessions().stream().map(FtpIoSession::getConfig)
        .filter(SocketSessionConfig.class::isInstance).map(SocketSessionConfig.class::cast).toList();
  }

  public void start() throws FtpException {
    server.start();
  }

  public int port() {
    return listener.getPort();
  }

  /** Whether the listener takes new connections: started, not stopped, suspended or draining. */
  public boolean accepting() {
    return !server.isStopped() && !server.isSuspended() && !draining.get();
  }

  /**
   * Refuses new connections (421) and new uploads; transfers in progress continue. The listener is
   * not suspended: MINA closes every open session when its acceptor unbinds.
   */
  public void drain() {
    draining.set(true);
  }

  public void stop() {
    if (!server.isStopped()) {
      server.stop();
    }
    loginDeadline.close();
  }
}
