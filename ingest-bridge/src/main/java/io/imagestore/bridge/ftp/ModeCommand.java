package io.imagestore.bridge.ftp;

import java.util.Locale;
import org.apache.ftpserver.command.AbstractCommand;
import org.apache.ftpserver.ftplet.FtpReply;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.impl.FtpIoSession;
import org.apache.ftpserver.impl.FtpServerContext;

/**
 * Stream mode only. ftpserver's MODE Z inflates uploads without any bound: 65 KB on the wire
 * became 64 MiB in the store, 1 MB made the bridge inflate 1 GiB before the size limit stopped it.
 * Images do not deflate anyway, so MODE Z is refused (504) rather than bounded.
 */
final class ModeCommand extends AbstractCommand {
  @Override
  public void execute(FtpIoSession session, FtpServerContext context, FtpRequest request) {
    session.resetState();
    String mode = request.hasArgument() ? request.getArgument().trim().toUpperCase(Locale.ROOT) : "";
    if (mode.equals("S")) {
      session.getDataConnection().setZipMode(false);
      Replies.send(session, FtpReply.REPLY_200_COMMAND_OKAY, "Mode set to S");
    } else if (mode.isEmpty()) {
      Replies.send(session, FtpReply.REPLY_501_SYNTAX_ERROR_IN_PARAMETERS_OR_ARGUMENTS, "MODE needs an argument: S");
    } else {
      Replies.send(session, FtpReply.REPLY_504_COMMAND_NOT_IMPLEMENTED_FOR_THAT_PARAMETER,
          "Only stream mode (MODE S) is supported" + (mode.equals("Z") ? ": images do not compress" : ""));
    }
  }
}
