package io.imagestore.bridge.ftp;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.ftpserver.impl.FtpIoSession;
import org.apache.ftpserver.impl.ServerDataConnectionFactory;
import org.apache.mina.core.future.IoFuture;
import org.apache.mina.core.future.IoFutureListener;

/**
 * The cancel handle of one STOR: set by ABOR (through {@link AbortWatch}) or when the client's
 * control connection closes. Aborting closes the data connection, so a transfer still reading stops
 * at once; one that already ended sees {@link #isAborted()} before it commits.
 */
final class TransferAbort {
  private final FtpIoSession session;
  private final ServerDataConnectionFactory data;
  private final CountDownLatch signalled = new CountDownLatch(1);
  private final IoFutureListener<IoFuture> onClose = f -> signalled.countDown();
  private volatile boolean aborted;

  private TransferAbort(FtpIoSession session, ServerDataConnectionFactory data) {
    this.session = session;
    this.data = data;
  }

  /** Watches {@code session} for ABOR and for its close until {@link #end()}. */
  static TransferAbort watch(FtpIoSession session) {
    // Captured here: ftpserver runs commands holding the session's monitor, so the I/O thread that
    // sees ABOR must not ask the session for its data connection.
    TransferAbort abort = new TransferAbort(session, session.getDataConnection());
    if (AbortWatch.watch(session, abort)) {
      abort.aborted = true;
      abort.signalled.countDown();
    }
    session.getCloseFuture().addListener(abort.onClose);
    return abort;
  }

  void abort() {
    aborted = true;
    signalled.countDown();
    data.closeDataConnection();
  }

  boolean isAborted() {
    return aborted;
  }

  /**
   * Waits up to {@code millis} for an ABOR or the control connection's close; true when either came
   * (the upload must not be committed).
   */
  boolean awaitAbortOrClose(long millis) {
    if (!isAbortedOrGone()) {
      try {
        signalled.await(millis, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return isAbortedOrGone();
  }

  /** True once ABOR came or the control connection is closed or closing; does not wait. */
  boolean isAbortedOrGone() {
    return aborted || !session.isConnected() || session.isClosing();
  }

  void end() {
    AbortWatch.unwatch(session, this);
    // A session lives for many uploads: do not pile up listeners on its close.
    session.getCloseFuture().removeListener(onClose);
  }
}
