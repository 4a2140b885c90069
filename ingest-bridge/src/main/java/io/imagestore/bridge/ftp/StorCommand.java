package io.imagestore.bridge.ftp;

import io.imagestore.bridge.metrics.BridgeMetrics;
import io.imagestore.bridge.namespace.NamespaceEntry;
import io.imagestore.bridge.security.VirtualPaths.NameNotAllowedException;
import io.imagestore.bridge.security.VirtualPaths.RejectedPathException;
import io.imagestore.bridge.upload.CommitPolicy;
import io.imagestore.bridge.upload.CommitPolicy.ContainerCheck;
import io.imagestore.bridge.upload.ContainerEnd;
import io.imagestore.bridge.upload.InFlightUploads;
import io.imagestore.bridge.upload.UploadCommitter;
import io.imagestore.bridge.upload.UploadFailedException;
import io.imagestore.bridge.upload.UploadSink;
import java.io.IOException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.apache.ftpserver.command.AbstractCommand;
import org.apache.ftpserver.ftplet.DataConnection;
import org.apache.ftpserver.ftplet.DataType;
import org.apache.ftpserver.ftplet.FtpReply;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.impl.FtpIoSession;
import org.apache.ftpserver.impl.FtpServerContext;
import org.apache.ftpserver.impl.IODataConnectionFactory;
import org.apache.ftpserver.impl.ServerDataConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * STOR that answers 226 only when the upload is durable and published. ftpserver's own STOR closes
 * the file's stream in {@code finally} on success and failure alike and then answers 226, so the
 * commit could not be told apart from a broken transfer; here the transfer's outcome is explicit:
 *
 * <ul>
 *   <li>a name or path the object store would refuse → 553 before the transfer;
 *   <li>complete transfer, control connection still open → commit (store, publish) → 226;
 *   <li>over {@code limits.maxFileSize} → multipart aborted → 552;
 *   <li>object store or Kafka failure before Kafka's ack → staging removed or aborted → 451 (the
 *       client retries); after the ack the upload is published and the reply is 226 whatever follows;
 *   <li>broken data connection, or the client gone → aborted, no event → 426;
 *   <li>ABOR during the transfer (seen by {@link AbortWatch}, though ftpserver queues the command)
 *       → aborted, no event → 426, then the queued ABOR's 226.
 * </ul>
 *
 * Bytes are stored as sent: {@code TYPE A} does not rewrite line endings of uploads (vsftpd's
 * default too). But a client in ASCII mode rewrites them itself before sending (curl -B, lftp
 * {@code put -a}), and the job published such a corrupted JPEG as a valid image with broken
 * renditions: STOR in {@code TYPE A} is refused (504, "use binary") unless {@code uploads.asciiMode}
 * allows it.
 */
final class StorCommand extends AbstractCommand {
  private static final Logger LOG = LoggerFactory.getLogger(StorCommand.class);
  /**
   * How long a transfer whose end the bytes cannot vouch for waits for its control connection to
   * close (or an ABOR to arrive) before it is committed. A killed client's kernel closes both
   * connections at once, but the data EOF reaches this thread before MINA has noticed the control
   * connection's: without the wait most killed uploads were committed truncated, and the close
   * follows within a few milliseconds. A JPEG or PNG that reached its end marker, and an upload
   * held for its rename, skip it (see {@link CommitPolicy}).
   */
  private static final long CLIENT_GONE_GRACE_MS = 25;

  private final UploadCommitter committer;
  private final BridgeMetrics metrics;
  private final InFlightUploads inFlight;
  private final int partSize;
  private final long maxSize;
  private final BooleanSupplier draining;
  private final boolean asciiUploads;

  StorCommand(UploadCommitter committer, BridgeMetrics metrics, InFlightUploads inFlight, int partSize,
      long maxSize, BooleanSupplier draining, boolean asciiUploads) {
    this.asciiUploads = asciiUploads;
    this.committer = committer;
    this.metrics = metrics;
    this.inFlight = inFlight;
    this.partSize = partSize;
    this.maxSize = maxSize;
    this.draining = draining;
  }

  @Override
  public void execute(FtpIoSession session, FtpServerContext context, FtpRequest request) throws IOException {
    // First of all: an ABOR may already be on its way.
    TransferAbort abort = TransferAbort.watch(session);
    try {
      String arg = request.getArgument();
      if (arg == null) {
        Replies.send(session, FtpReply.REPLY_501_SYNTAX_ERROR_IN_PARAMETERS_OR_ARGUMENTS, "STOR needs a file name");
        return;
      }
      if (draining.getAsBoolean()) {
        Replies.send(session, FtpReply.REPLY_421_SERVICE_NOT_AVAILABLE_CLOSING_CONTROL_CONNECTION,
            "Server shutting down, try again later");
        return;
      }
      if (session.getDataType() == DataType.ASCII && !asciiUploads) {
        Replies.send(session, FtpReply.REPLY_504_COMMAND_NOT_IMPLEMENTED_FOR_THAT_PARAMETER,
            "Uploads in ASCII mode corrupt images: send TYPE I (binary) and upload again");
        return;
      }
      if (session.getDataConnection() instanceof IODataConnectionFactory f && f.getInetAddress() == null) {
        Replies.send(session, FtpReply.REPLY_503_BAD_SEQUENCE_OF_COMMANDS, "PORT or PASV must be issued first");
        return;
      }
      ObjectStoreFileSystemView view = (ObjectStoreFileSystemView) session.getFileSystemView();
      String path;
      try {
        path = view.resolveUploadTarget(arg, p -> committer.checkStorable(view.userName(), view.home(), p));
      } catch (NameNotAllowedException e) {
        Replies.send(session, FtpReply.REPLY_553_REQUESTED_ACTION_NOT_TAKEN_FILE_NAME_NOT_ALLOWED, e.getMessage());
        return;
      } catch (RejectedPathException e) {
        Replies.send(session, FtpReply.REPLY_550_REQUESTED_ACTION_NOT_TAKEN, e.getMessage());
        return;
      } catch (SdkException e) {
        metrics.record(view.userName(), arg, 0, null, Duration.ZERO, UploadFailedException.Reason.OBJECT_STORE.outcome);
        Replies.send(session, FtpReply.REPLY_451_REQUESTED_ACTION_ABORTED, "Object store unavailable, try again later");
        return;
      }
      transfer(session, view, path, abort);
    } finally {
      abort.end();
      session.resetState();
      session.getDataConnection().closeDataConnection();
    }
  }

  private void transfer(FtpIoSession session, ObjectStoreFileSystemView view, String path, TransferAbort abort) {
    Replies.send(session, FtpReply.REPLY_150_FILE_STATUS_OKAY, "Opening data connection for " + path);
    DataConnection data;
    try {
      data = session.getDataConnection().openConnection();
    } catch (Exception e) {
      if (abort.isAborted()) {
        // ABOR closed the data connection before it was open.
        Replies.send(session, FtpReply.REPLY_426_CONNECTION_CLOSED_TRANSFER_ABORTED, "Transfer aborted, upload discarded");
        return;
      }
      LOG.debug("data connection failed: {}", e.toString());
      Replies.send(session, FtpReply.REPLY_425_CANT_OPEN_DATA_CONNECTION, "Cannot open data connection");
      return;
    }
    String user = view.userName();
    UploadSink sink = committer.openSink(user, partSize, maxSize);
    DataType type = session.getDataType();
    session.setDataType(DataType.BINARY);
    long t0 = System.nanoTime();
    String outcome = "client_aborted";
    String sha256 = null;
    metrics.uploadStarted();
    // Captured here: ftpserver runs commands holding the session's monitor, so calling
    // session.getDataConnection() from the shutdown thread would wait for this very upload.
    ServerDataConnectionFactory dataFactory = session.getDataConnection();
    InFlightUploads.Registration registration = inFlight.register(() -> {
      sink.cancel();
      dataFactory.closeDataConnection();
    });
    try {
      UploadSink.Received received;
      try {
        data.transferFromClient(session.getFtpletSession(), sink);
        received = sink.finish();
      } catch (UploadFailedException e) {
        if (e.reason().replyCode >= 550) {
          LOG.warn("upload refused by the object store user={} path={}: {}", user, path, e.getMessage());
        } else {
          LOG.debug("upload aborted user={} path={}: {}", user, path, e.getMessage());
        }
        sink.abort();
        outcome = e.reason().outcome;
        Replies.send(session, e.reason().replyCode, message(e));
        return;
      } catch (IOException | RuntimeException e) {
        sink.abort();
        if (abort.isAborted()) {
          Replies.send(session, FtpReply.REPLY_426_CONNECTION_CLOSED_TRANSFER_ABORTED, "Transfer aborted, upload discarded");
        } else if (draining.getAsBoolean()) {
          outcome = UploadFailedException.Reason.SHUTDOWN.outcome;
          Replies.send(session, FtpReply.REPLY_451_REQUESTED_ACTION_ABORTED, "Server shutting down, upload aborted: send it again");
        } else {
          Replies.send(session, FtpReply.REPLY_426_CONNECTION_CLOSED_TRANSFER_ABORTED, "Data connection broken, upload discarded");
        }
        return;
      }
      sha256 = received.sha256();
      // In stream mode a client that dies mid-file, or sends ABOR and drops its data connection,
      // ends the data like a finished upload. Never publish for a client that is gone or aborted.
      if (clientGone(abort, user, path, received)) {
        committer.discard(received);
        if (abort.isAborted() && session.isConnected()) {
          Replies.send(session, FtpReply.REPLY_426_CONNECTION_CLOSED_TRANSFER_ABORTED, "Transfer aborted, upload discarded");
        }
        return;
      }
      if (received.container() == ContainerEnd.Verdict.CUT
          && committer.policy().containerCheck() == ContainerCheck.REFUSE) {
        committer.discard(received);
        outcome = UploadFailedException.Reason.CLIENT_ABORTED.outcome;
        Replies.send(session, FtpReply.REPLY_451_REQUESTED_ACTION_ABORTED,
            "Upload incomplete: the file ends before its image's end marker; not stored, send it again");
        return;
      }
      try {
        NamespaceEntry entry = committer.commit(user, view.home(), path, received);
        outcome = entry.published() ? "ok" : "pending";
        Replies.send(session, FtpReply.REPLY_226_CLOSING_DATA_CONNECTION, entry.published()
            ? "Transfer complete, published sha256=" + entry.sha256()
            : "Transfer complete, stored; published when renamed to a final name");
      } catch (UploadFailedException e) {
        LOG.warn("upload not committed user={} path={}: {}", user, path, e.getMessage());
        outcome = e.reason().outcome;
        Replies.send(session, e.reason().replyCode, message(e));
      }
    } catch (RuntimeException e) {
      LOG.warn("upload failed unexpectedly user={} path={}", user, path, e);
      sink.abort();
      outcome = "error";
      Replies.send(session, FtpReply.REPLY_451_REQUESTED_ACTION_ABORTED, "Upload failed, try again later");
    } finally {
      // Committed, discarded or aborted by now: the buffer serves the next upload.
      sink.release();
      registration.end();
      session.setDataType(type);
      metrics.uploadFinished(user, path, sink.size(), sha256, Duration.ofNanos(System.nanoTime() - t0), outcome);
    }
  }

  /**
   * Whether the client is gone or aborted. An end the bytes vouch for (the container's end marker)
   * or an upload that only an RNTO publishes is decided at once; any other waits a moment for a
   * vanished client's control close.
   */
  private boolean clientGone(TransferAbort abort, String user, String path, UploadSink.Received received) {
    boolean vouched = received.container() == ContainerEnd.Verdict.COMPLETE
        && committer.policy().containerCheck() != ContainerCheck.OFF;
    if (vouched || committer.heldForRename(user, path)) {
      return abort.isAbortedOrGone();
    }
    return abort.awaitAbortOrClose(CLIENT_GONE_GRACE_MS);
  }

  /** The store's error code, e.g. {@code MetadataTooLarge}: what an operator needs to see. */
  private static String refusal(UploadFailedException e) {
    return e.getCause() instanceof software.amazon.awssdk.services.s3.model.S3Exception s3
        && s3.awsErrorDetails() != null ? s3.awsErrorDetails().errorCode() + ", HTTP " + s3.statusCode()
        : "permanent error";
  }

  private static String message(UploadFailedException e) {
    return switch (e.reason()) {
      case TOO_LARGE -> "Exceeded storage allocation: " + e.getMessage();
      case OBJECT_STORE -> "Object store unavailable, upload not stored: try again later";
      case STORE_REFUSED_SIZE, STORE_REFUSED_NAME, STORE_REFUSED ->
          "The object store refuses this file (" + refusal(e) + "), not stored: sending it again will not help";
      case KAFKA -> "Upload not acknowledged by the event log, not published: try again later";
      case SHUTDOWN -> "Server shutting down, upload aborted: send it again";
      case CLIENT_ABORTED -> "Data connection broken, upload discarded";
    };
  }
}
