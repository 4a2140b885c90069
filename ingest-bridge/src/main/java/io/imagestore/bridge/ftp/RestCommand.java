package io.imagestore.bridge.ftp;

import org.apache.ftpserver.command.AbstractCommand;
import org.apache.ftpserver.ftplet.FtpReply;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.impl.FtpIoSession;
import org.apache.ftpserver.impl.FtpServerContext;

/**
 * REST 0 is accepted (clients send it to probe or reset); any other offset is refused with 502:
 * an upload is stored whole or not at all, so resuming means sending the file again.
 */
final class RestCommand extends AbstractCommand {
  @Override
  public void execute(FtpIoSession session, FtpServerContext context, FtpRequest request) {
    String arg = request.getArgument();
    if (arg != null && arg.trim().equals("0")) {
      session.setFileOffset(0);
      Replies.send(session, FtpReply.REPLY_350_REQUESTED_FILE_ACTION_PENDING_FURTHER_INFORMATION, "Restarting at 0");
      return;
    }
    session.resetState();
    Replies.send(session, FtpReply.REPLY_502_COMMAND_NOT_IMPLEMENTED,
        "Resume not supported: uploads are stored whole; send the file again from the start");
  }
}
