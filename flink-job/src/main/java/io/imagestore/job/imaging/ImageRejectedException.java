package io.imagestore.job.imaging;

import io.imagestore.schemas.RejectReason;
import java.util.Objects;

/** The original cannot become an image; {@link #reason()} is what the reject record carries. */
public class ImageRejectedException extends Exception {

  private static final long serialVersionUID = 1L;

  private final RejectReason reason;

  public ImageRejectedException(RejectReason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public ImageRejectedException(RejectReason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public RejectReason reason() {
    return reason;
  }
}
