package io.imagestore.bridge.ftp;

import io.imagestore.bridge.metrics.BridgeMetrics;
import io.imagestore.bridge.namespace.NamespaceEntry;
import io.imagestore.bridge.security.VirtualPaths.RejectedPathException;
import io.imagestore.bridge.upload.UploadCommitter;
import io.imagestore.bridge.upload.UploadCommitter.RenameResult;
import io.imagestore.bridge.upload.UploadFailedException;
import java.time.Duration;
import org.apache.ftpserver.command.AbstractCommand;
import org.apache.ftpserver.ftplet.FtpFile;
import org.apache.ftpserver.ftplet.FtpReply;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.impl.FtpIoSession;
import org.apache.ftpserver.impl.FtpServerContext;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * RNTO for the upload-then-rename pattern: renaming an unpublished upload (a temporary name such
 * as {@code x.jpg.tmp}) to a final name publishes it with the final name, and 250 comes only after
 * Kafka's ack. If publishing fails the temporary file stays, so the client can retry the rename.
 * Published files and directories cannot be renamed (550): the event already named them. A rename
 * to the file's own name changes nothing (250). Of two sessions renaming the same file at once,
 * one publishes; the other gets 450 (busy, retry) or 550 (gone).
 */
final class RntoCommand extends AbstractCommand {
  private final UploadCommitter committer;
  private final BridgeMetrics metrics;

  RntoCommand(UploadCommitter committer, BridgeMetrics metrics) {
    this.committer = committer;
    this.metrics = metrics;
  }

  @Override
  public void execute(FtpIoSession session, FtpServerContext context, FtpRequest request) {
    try {
      FtpFile from = session.getRenameFrom();
      if (from == null) {
        Replies.send(session, FtpReply.REPLY_503_BAD_SEQUENCE_OF_COMMANDS, "Send RNFR first");
        return;
      }
      if (!request.hasArgument()) {
        Replies.send(session, FtpReply.REPLY_501_SYNTAX_ERROR_IN_PARAMETERS_OR_ARGUMENTS, "RNTO needs a name");
        return;
      }
      if (!(from instanceof ObjectStoreFtpFile file) || !file.isFile()) {
        Replies.send(session, FtpReply.REPLY_550_REQUESTED_ACTION_NOT_TAKEN, "Only files can be renamed");
        return;
      }
      if (file.entry().published()) {
        Replies.send(session, FtpReply.REPLY_550_REQUESTED_ACTION_NOT_TAKEN,
            "Published uploads are immutable and cannot be renamed");
        return;
      }
      ObjectStoreFileSystemView view = (ObjectStoreFileSystemView) session.getFileSystemView();
      String to;
      try {
        to = view.resolve(request.getArgument());
        if (to.equals(file.getAbsolutePath())) {
          Replies.send(session, FtpReply.REPLY_250_REQUESTED_FILE_ACTION_OKAY,
              "Already named " + to + ": nothing renamed, not published");
          return;
        }
        to = view.resolveUploadTarget(request.getArgument(),
            p -> committer.checkStorable(view.userName(), view.home(), p));
      } catch (RejectedPathException e) {
        Replies.send(session, FtpReply.REPLY_553_REQUESTED_ACTION_NOT_TAKEN_FILE_NAME_NOT_ALLOWED, e.getMessage());
        return;
      }
      rename(session, view, file.entry(), to);
    } catch (SdkException e) {
      Replies.send(session, FtpReply.REPLY_451_REQUESTED_ACTION_ABORTED, "Object store unavailable, try again later");
    } finally {
      session.resetState();
    }
  }

  private void rename(FtpIoSession session, ObjectStoreFileSystemView view, NamespaceEntry source, String to) {
    String from = source.path();
    long t0 = System.nanoTime();
    try {
      RenameResult result = committer.rename(view.userName(), view.home(), from, to);
      NamespaceEntry moved = result.entry();
      switch (result.outcome()) {
        case MOVED -> {
          if (moved.published()) {
            metrics.record(view.userName(), to, moved.size(), moved.sha256(), Duration.ofNanos(System.nanoTime() - t0),
                "renamed");
          }
          Replies.send(session, FtpReply.REPLY_250_REQUESTED_FILE_ACTION_OKAY,
              moved.published() ? "Renamed and published sha256=" + moved.sha256() : "Renamed");
        }
        case BUSY -> Replies.send(session, FtpReply.REPLY_450_REQUESTED_FILE_ACTION_NOT_TAKEN,
            "Another session is renaming " + from + ": try again later");
        case GONE -> Replies.send(session, FtpReply.REPLY_550_REQUESTED_ACTION_NOT_TAKEN,
            "No such file: " + from + " was renamed or deleted meanwhile");
        case PUBLISHED -> Replies.send(session, FtpReply.REPLY_550_REQUESTED_ACTION_NOT_TAKEN,
            "Published uploads are immutable and cannot be renamed");
        case TARGET_PUBLISHED -> Replies.send(session, FtpReply.REPLY_553_REQUESTED_ACTION_NOT_TAKEN_FILE_NAME_NOT_ALLOWED,
            to + " is a published upload and cannot be replaced");
      }
    } catch (UploadFailedException e) {
      metrics.record(view.userName(), to, source.size(), source.sha256(), Duration.ofNanos(System.nanoTime() - t0),
          e.reason().outcome);
      if (e.reason().replyCode >= 500) {
        Replies.send(session, e.reason().replyCode,
            "Rename not published: the object store refuses it, a retry will not help (the temporary file is kept)");
      } else {
        Replies.send(session, FtpReply.REPLY_451_REQUESTED_ACTION_ABORTED,
            "Rename not published: try again later (the temporary file is kept)");
      }
    }
  }
}
