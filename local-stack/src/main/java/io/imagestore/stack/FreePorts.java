package io.imagestore.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Picks a free port for servers that must know their port before they bind (a KRaft controller
 * names itself in {@code controller.quorum.voters}). Another process could take the port between
 * the probe and the bind; on loopback in a test run that window is negligible.
 */
public final class FreePorts {
  private FreePorts() {}

  public static int pick(String host) {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + host, e);
    }
  }

  static int orPick(int port, String host) {
    return port == 0 ? pick(host) : port;
  }

  /** {@code preferred} when nothing listens there now, else a free port. */
  static int preferOrPick(int preferred, String host) {
    try (ServerSocket socket = new ServerSocket(preferred, 1, InetAddress.getByName(host))) {
      socket.setReuseAddress(true);
      return preferred;
    } catch (IOException taken) {
      return pick(host);
    }
  }
}
