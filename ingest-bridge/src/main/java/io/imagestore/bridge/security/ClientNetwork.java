package io.imagestore.bridge.security;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * The unit the login guard counts an address's failures in: an IPv4 address, or an IPv6 /64.
 * A single IPv6 host is normally given a whole /64 (RFC 6177), so counting per /128 gave it
 * 2^64 fresh addresses to guess from.
 */
public final class ClientNetwork {
  private ClientNetwork() {}

  /** {@code 192.0.2.7} or {@code 2001:db8:1:2::/64}; IPv4-mapped IPv6 addresses arrive as IPv4. */
  public static String of(InetAddress address) {
    if (address instanceof Inet6Address) {
      byte[] b = address.getAddress();
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < 8; i += 2) {
        out.append(Integer.toHexString(((b[i] & 0xff) << 8) | (b[i + 1] & 0xff))).append(':');
      }
      return out.append(":/64").toString();
    }
    return address.getHostAddress();
  }
}
