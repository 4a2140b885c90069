package io.imagestore.bridge.ftp;

import org.apache.ftpserver.command.AbstractCommand;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpFile;
import org.apache.ftpserver.ftplet.FtpReply;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.impl.FtpIoSession;
import org.apache.ftpserver.impl.FtpServerContext;

/**
 * DELE only of the account's own unpublished upload (a temporary name never renamed). A published
 * upload is refused with 550 — permanent, unlike ftpserver's 450, so clients do not retry — since
 * its event is out and the job may be processing it. The bytes stay under their hash either way.
 */
final class DeleCommand extends AbstractCommand {
  @Override
  public void execute(FtpIoSession session, FtpServerContext context, FtpRequest request) {
    session.resetState();
    if (!request.hasArgument()) {
      Replies.send(session, FtpReply.REPLY_501_SYNTAX_ERROR_IN_PARAMETERS_OR_ARGUMENTS, "DELE needs a file name");
      return;
    }
    FtpFile file;
    try {
      file = session.getFileSystemView().getFile(request.getArgument());
    } catch (FtpException e) {
      Replies.send(session, FtpReply.REPLY_550_REQUESTED_ACTION_NOT_TAKEN, e.getMessage());
      return;
    }
    if (!file.isFile()) {
      Replies.send(session, FtpReply.REPLY_550_REQUESTED_ACTION_NOT_TAKEN, "No such file");
      return;
    }
    if (!file.isRemovable()) {
      Replies.send(session, FtpReply.REPLY_550_REQUESTED_ACTION_NOT_TAKEN,
          "Published uploads are immutable and cannot be deleted");
      return;
    }
    if (file.delete()) {
      Replies.send(session, FtpReply.REPLY_250_REQUESTED_FILE_ACTION_OKAY, "Unpublished upload deleted");
    } else {
      Replies.send(session, FtpReply.REPLY_451_REQUESTED_ACTION_ABORTED, "Object store unavailable, try again later");
    }
  }
}
