package io.imagestore.bridge.ftp;

import org.apache.ftpserver.ftplet.DefaultFtpReply;
import org.apache.ftpserver.impl.FtpIoSession;

/** Plain replies; messages are one line so every client shows them. */
final class Replies {
  private Replies() {}

  static void send(FtpIoSession session, int code, String message) {
    session.write(new DefaultFtpReply(code, message.replace('\r', ' ').replace('\n', ' ')));
  }
}
