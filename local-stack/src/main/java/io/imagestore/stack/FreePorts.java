package io.imagestore.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Picks a free port for servers that must know their port before they bind (a KRaft controller
 * names itself in {@code controller.quorum.voters}). A probed port is released before its server
 * binds it, and the kernel may hand the same port to the next probe: the embedded broker, its
 * controller and the S3 server once drew the same one, and a KRaft controller that cannot bind
 * halts the JVM. So a port is handed out once per JVM. Another process could still take a port
 * between the probe and the bind; on loopback that window is small, and {@link #isFree} lets a
 * server re-pick just before it binds.
 */
public final class FreePorts {
  private static final Set<Integer> HANDED_OUT = new HashSet<>();

  private FreePorts() {}

  public static int pick(String host) {
    synchronized (HANDED_OUT) {
      for (int attempt = 0; attempt < 100; attempt++) {
        int port = probe(host);
        if (HANDED_OUT.add(port)) {
          return port;
        }
      }
      throw new IllegalStateException("no port on " + host + " that was not handed out already");
    }
  }

  static int orPick(int port, String host) {
    return port == 0 ? pick(host) : port;
  }

  /** {@code preferred} when nothing listens there now and it was not handed out, else a free port. */
  static int preferOrPick(int preferred, String host) {
    synchronized (HANDED_OUT) {
      if (!HANDED_OUT.contains(preferred) && isFree(preferred, host)) {
        HANDED_OUT.add(preferred);
        return preferred;
      }
    }
    return pick(host);
  }

  /** Whether a server could bind {@code port} on {@code host} now. */
  static boolean isFree(int port, String host) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(host), port), 1);
      return true;
    } catch (IOException taken) {
      return false;
    }
  }

  private static int probe(String host) {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + host, e);
    }
  }
}
