package io.imagestore.bridge.ftp;

import org.apache.ftpserver.ftplet.DefaultFtpReply;
import org.apache.ftpserver.impl.FtpIoSession;

/** Plain replies; messages are one line so every client shows them. */
final class Replies {
  private Replies() {}

  /**
   * Writes a reply and waits (bounded) until it is flushed: an upload's final reply must reach the
   * client before shutdown may close the session, or the client sees a dropped connection.
   */
  static void send(FtpIoSession session, int code, String message) {
    session.write(new DefaultFtpReply(code, message.replace('\r', ' ').replace('\n', ' ')))
        .awaitUninterruptibly(FLUSH_WAIT_MS);
  }

  private static final long FLUSH_WAIT_MS = 10_000;
}
