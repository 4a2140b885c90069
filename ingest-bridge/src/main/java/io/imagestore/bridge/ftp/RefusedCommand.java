package io.imagestore.bridge.ftp;

import org.apache.ftpserver.command.AbstractCommand;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.impl.FtpIoSession;
import org.apache.ftpserver.impl.FtpServerContext;

/**
 * A command the bridge does not offer, answered with a reason the operator can act on. APPE and
 * STOU would write through ftpserver's stream-closing path, which cannot tell a complete upload
 * from a broken one; uploads are immutable objects, so resuming (APPE, REST n) is refused too.
 */
final class RefusedCommand extends AbstractCommand {
  private final int code;
  private final String message;

  RefusedCommand(int code, String message) {
    this.code = code;
    this.message = message;
  }

  @Override
  public void execute(FtpIoSession session, FtpServerContext context, FtpRequest request) {
    session.resetState();
    Replies.send(session, code, message);
  }
}
