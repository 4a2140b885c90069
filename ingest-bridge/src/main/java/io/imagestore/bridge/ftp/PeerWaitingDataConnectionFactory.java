package io.imagestore.bridge.ftp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import javax.net.ssl.SSLSocket;
import org.apache.ftpserver.DataConnectionConfiguration;
import org.apache.ftpserver.DataConnectionException;
import org.apache.ftpserver.ftplet.DataConnection;
import org.apache.ftpserver.impl.FtpIoSession;
import org.apache.ftpserver.impl.FtpServerContext;
import org.apache.ftpserver.impl.IODataConnection;
import org.apache.ftpserver.impl.IODataConnectionFactory;
import org.apache.ftpserver.impl.ServerDataConnectionFactory;
import org.apache.ftpserver.ssl.ClientAuth;
import org.apache.ftpserver.ssl.SslConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passive data connections that wait for the right peer. ftpserver accepts one connection on the
 * passive port, and when it comes from another address than the control connection it closes the
 * port: an attacker who races the passive port (a port scan is enough) does not get the data, but
 * the real client's upload then fails with 426. Here a foreign connection is closed and the port
 * keeps listening for the client, until the data timeout. Active mode is ftpserver's.
 */
final class PeerWaitingDataConnectionFactory extends IODataConnectionFactory {
  private static final Logger LOG = LoggerFactory.getLogger(PeerWaitingDataConnectionFactory.class);
  /** ftpserver keeps a session's data connection factory under this attribute (FtpIoSession). */
  private static final String ATTRIBUTE = "org.apache.ftpserver.data-connection";

  private final FtpIoSession session;
  private InetAddress controlAddress;
  private ServerSocket listening;
  private InetAddress address;
  private int port;
  private long requestedAt;
  private Socket accepted;

  private PeerWaitingDataConnectionFactory(FtpServerContext context, FtpIoSession session) {
    super(context, session);
    this.session = session;
  }

  /** Makes {@code session} use this factory, keeping the PROT and MODE state of the one it replaces. */
  static void installOn(FtpIoSession session, FtpServerContext context) {
    ServerDataConnectionFactory current = session.getDataConnection();
    if (current instanceof PeerWaitingDataConnectionFactory) {
      return;
    }
    PeerWaitingDataConnectionFactory f = new PeerWaitingDataConnectionFactory(context, session);
    f.setServerControlAddress(((InetSocketAddress) session.getLocalAddress()).getAddress());
    f.setSecure(current.isSecure());
    f.setZipMode(current.isZipMode());
    current.closeDataConnection();
    session.setAttribute(ATTRIBUTE, f);
  }

  @Override
  public void setServerControlAddress(InetAddress serverControlAddress) {
    super.setServerControlAddress(serverControlAddress);
    this.controlAddress = serverControlAddress;
  }

  @Override
  public synchronized InetSocketAddress initPassiveDataConnection() throws DataConnectionException {
    closeDataConnection();
    DataConnectionConfiguration config = config();
    int passivePort = config.requestPassivePort();
    if (passivePort == -1) {
      throw new DataConnectionException("Cannot find an available passive port.");
    }
    try {
      address = config.getPassiveAddress() == null ? controlAddress : InetAddress.getByName(config.getPassiveAddress());
      // Bound before anything may fail, so that closeDataConnection() gives the port back.
      port = passivePort;
      listening = new ServerSocket(passivePort, 0, address);
      port = listening.getLocalPort();
      listening.setSoTimeout(config.getIdleTime() * 1000);
      requestedAt = System.currentTimeMillis();
      return new InetSocketAddress(address, port);
    } catch (IOException e) {
      closeDataConnection();
      throw new DataConnectionException("Failed to initiate passive data connection: " + e.getMessage(), e);
    }
  }

  @Override
  public DataConnection openConnection() throws Exception {
    ServerSocket server;
    synchronized (this) {
      server = listening;
    }
    if (server == null) {
      return super.openConnection();
    }
    // Not under the monitor: an ABOR or shutdown closes the port meanwhile to end the wait.
    Socket socket = acceptFromClient(server);
    synchronized (this) {
      if (listening != server) {
        socket.close();
        throw new IOException("data connection closed while opening");
      }
      accepted = socket;
    }
    return new IODataConnection(socket, session, this);
  }

  private Socket acceptFromClient(ServerSocket server) throws IOException {
    DataConnectionConfiguration config = config();
    InetAddress client = ((InetSocketAddress) session.getRemoteAddress()).getAddress();
    long timeoutMs = config.getIdleTime() * 1000L;
    long deadline = System.currentTimeMillis() + timeoutMs;
    int foreign = 0;
    while (true) {
      Socket socket = server.accept();
      if (!config.isPassiveIpCheck() || socket.getInetAddress().equals(client)) {
        return secured(socket, config, timeoutMs);
      }
      if (foreign++ == 0) {
        LOG.warn("passive data connection from a foreign address refused address={} expected={} port={}",
            socket.getInetAddress().getHostAddress(), client.getHostAddress(), port);
      }
      socket.close();
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        throw new SocketTimeoutException("no data connection from " + client.getHostAddress() + " ("
            + foreign + " foreign ones refused)");
      }
      server.setSoTimeout((int) left);
    }
  }

  private Socket secured(Socket socket, DataConnectionConfiguration config, long timeoutMs) throws IOException {
    socket.setSoTimeout((int) timeoutMs);
    if (!isSecure()) {
      return socket;
    }
    SslConfiguration ssl = config.getSslConfiguration() != null ? config.getSslConfiguration()
        : session.getListener().getSslConfiguration();
    if (ssl == null) {
      socket.close();
      throw new IOException("data connection TLS required but not configured");
    }
    SSLSocket tls;
    try {
      tls = (SSLSocket) ssl.getSocketFactory().createSocket(socket, socket.getInetAddress().getHostAddress(),
          socket.getPort(), true);
    } catch (java.security.GeneralSecurityException e) {
      socket.close();
      throw new IOException("data connection TLS failed: " + e.getMessage(), e);
    }
    tls.setUseClientMode(false);
    if (ssl.getClientAuth() == ClientAuth.NEED) {
      tls.setNeedClientAuth(true);
    } else if (ssl.getClientAuth() == ClientAuth.WANT) {
      tls.setWantClientAuth(true);
    }
    if (ssl.getEnabledCipherSuites() != null) {
      tls.setEnabledCipherSuites(ssl.getEnabledCipherSuites());
    }
    if (ssl.getEnabledProtocols() != null) {
      tls.setEnabledProtocols(ssl.getEnabledProtocols());
    }
    // As ftpserver does: an empty transfer must still complete the handshake.
    tls.startHandshake();
    return tls;
  }

  @Override
  public synchronized void closeDataConnection() {
    closeQuietly(accepted);
    accepted = null;
    if (listening != null) {
      closeQuietly(listening);
      listening = null;
      config().releasePassivePort(port);
    }
    address = null;
    requestedAt = 0;
    super.closeDataConnection();
  }

  @Override
  public synchronized InetAddress getInetAddress() {
    return listening != null ? address : super.getInetAddress();
  }

  @Override
  public synchronized int getPort() {
    return listening != null ? port : super.getPort();
  }

  @Override
  public synchronized boolean isTimeout(long now) {
    if (listening == null) {
      return super.isTimeout(now);
    }
    int idle = config().getIdleTime() * 1000;
    return accepted == null && idle > 0 && requestedAt > 0 && now - requestedAt >= idle;
  }

  private DataConnectionConfiguration config() {
    return session.getListener().getDataConnectionConfiguration();
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c != null) {
      try {
        c.close();
      } catch (Exception ignored) {
        // closing: nothing left to do with it
      }
    }
  }
}
