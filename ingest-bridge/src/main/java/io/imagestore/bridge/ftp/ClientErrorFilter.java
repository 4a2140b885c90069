package io.imagestore.bridge.ftp;

import io.imagestore.bridge.metrics.BridgeMetrics;
import io.imagestore.bridge.metrics.RateLimitedLog;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.CharacterCodingException;
import javax.net.ssl.SSLException;
import org.apache.ftpserver.ftplet.DefaultFtpReply;
import org.apache.ftpserver.ftplet.FtpReply;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolDecoderException;

/**
 * Handles what a client can make go wrong on its control connection — a reset, a TLS failure, a
 * line over the decoder's 1,024 bytes, bytes that are not UTF-8 — with one short, rate-limited log
 * line and the reply ftpserver would give, instead of ftpserver's handler, which logged each as an
 * ERROR with a stack trace (and its logging filter at WARN, decoder errors with a hex dump of the
 * whole input). Such events stop here. Anything else (a fault of the
 * server's own) still goes on, stack trace and all.
 */
final class ClientErrorFilter extends IoFilterAdapter {
  static final String NAME = "imagestore.clientErrors";
  private static final String CODEC = "codec";
  private static final int MESSAGE_MAX = 80;

  private final RateLimitedLog log;
  private final BridgeMetrics metrics;

  ClientErrorFilter(RateLimitedLog log, BridgeMetrics metrics) {
    this.log = log;
    this.metrics = metrics;
  }

  void install(IoSession session) {
    // Right after ftpserver's codec: the codec passes decoder errors on from its own place, not from
    // the chain's head, so a filter before it would never see them; and ftpserver's logging filter,
    // after it, logs every exception at WARN with the decoder's hex dump of the whole line.
    session.getFilterChain().addAfter(CODEC, NAME, this);
  }

  @Override
  public void exceptionCaught(NextFilter next, IoSession session, Throwable cause) {
    String kind = kind(cause);
    if (kind == null) {
      next.exceptionCaught(session, cause);
      return;
    }
    metrics.clientError(kind);
    log.warn("client error kind=" + kind + " address=" + address(session) + " error=\"" + shortMessage(cause) + "\"");
    switch (kind) {
      case "undecodable" -> session.write(new DefaultFtpReply(
          FtpReply.REPLY_501_SYNTAX_ERROR_IN_PARAMETERS_OR_ARGUMENTS, "Invalid character in command"));
      case "line_too_long" -> {
        session.write(new DefaultFtpReply(FtpReply.REPLY_500_SYNTAX_ERROR_COMMAND_UNRECOGNIZED,
            "Command line too long"));
        session.closeOnFlush();
      }
      default -> session.closeNow();
    }
  }

  /** The kind of client error, or null for a fault that is not the client's. */
  static String kind(Throwable cause) {
    if (cause instanceof ProtocolDecoderException) {
      return cause.getCause() instanceof CharacterCodingException ? "undecodable" : "line_too_long";
    }
    if (cause instanceof SSLException) {
      return "tls";
    }
    if (cause instanceof IOException) {
      return "connection";
    }
    return null;
  }

  /**
   * The exception's own words, cut short; a decoder's message carries a hex dump of the input, so it
   * is named by its kind only.
   */
  private static String shortMessage(Throwable cause) {
    if (cause instanceof ProtocolDecoderException) {
      return cause.getCause() instanceof CharacterCodingException ? "not UTF-8" : "line over 1024 bytes";
    }
    String m = cause.getClass().getSimpleName() + ": " + cause.getMessage();
    m = m.length() > MESSAGE_MAX ? m.substring(0, MESSAGE_MAX) + "…" : m;
    return m.replaceAll("[\\p{Cntrl}\"\\\\]", "?");
  }

  private static String address(IoSession session) {
    return session.getRemoteAddress() instanceof InetSocketAddress a ? a.getAddress().getHostAddress() : "?";
  }
}
