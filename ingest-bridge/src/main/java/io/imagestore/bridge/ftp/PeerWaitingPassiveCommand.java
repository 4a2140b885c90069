package io.imagestore.bridge.ftp;

import java.io.IOException;
import org.apache.ftpserver.command.AbstractCommand;
import org.apache.ftpserver.command.Command;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.impl.FtpIoSession;
import org.apache.ftpserver.impl.FtpServerContext;

/**
 * ftpserver's PASV or EPSV on a {@link PeerWaitingDataConnectionFactory}: the command is the only
 * place that has both the session and the server context to make one.
 */
final class PeerWaitingPassiveCommand extends AbstractCommand {
  private final Command passive;

  PeerWaitingPassiveCommand(Command passive) {
    this.passive = passive;
  }

  @Override
  public void execute(FtpIoSession session, FtpServerContext context, FtpRequest request)
      throws IOException, FtpException {
    PeerWaitingDataConnectionFactory.installOn(session, context);
    passive.execute(session, context, request);
  }
}
