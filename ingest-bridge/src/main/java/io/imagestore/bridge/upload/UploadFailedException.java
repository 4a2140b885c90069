package io.imagestore.bridge.upload;

import java.io.IOException;

/**
 * Why an upload did not complete. An {@link IOException} so it can travel through ftpserver's
 * data-transfer loop, which only passes I/O exceptions on.
 */
public class UploadFailedException extends IOException {
  private static final long serialVersionUID = 1L;

  /** The reply the client gets and the {@code outcome} label of the metrics. */
  public enum Reason {
    /** 552: the file exceeds {@code limits.maxFileSize}. */
    TOO_LARGE(552, "too_large"),
    /** 451: the object store failed; retry later. */
    OBJECT_STORE(451, "object_store_error"),
    /** 552: the object store refuses this file's size or the account's quota is spent. */
    STORE_REFUSED_SIZE(552, "store_refused"),
    /** 553: the object store refuses this file's name or its metadata. */
    STORE_REFUSED_NAME(553, "store_refused"),
    /** 550: the object store refuses this request for another reason no retry changes. */
    STORE_REFUSED(550, "store_refused"),
    /** 451: Kafka did not acknowledge the event in time; retry later. */
    KAFKA(451, "kafka_error"),
    /** 451: the bridge is shutting down. */
    SHUTDOWN(451, "shutdown"),
    /** 426: the client's data connection broke; no reply is useful beyond that. */
    CLIENT_ABORTED(426, "client_aborted");

    public final int replyCode;
    public final String outcome;

    Reason(int replyCode, String outcome) {
      this.replyCode = replyCode;
      this.outcome = outcome;
    }
  }

  private final Reason reason;

  public UploadFailedException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
