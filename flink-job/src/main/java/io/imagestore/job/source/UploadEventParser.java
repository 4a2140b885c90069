package io.imagestore.job.source;

import io.imagestore.job.records.RawUpload;
import io.imagestore.job.records.RejectRecord;
import io.imagestore.schemas.ContractCodec;
import io.imagestore.schemas.ContractViolationException;
import io.imagestore.schemas.ImageReject;
import io.imagestore.schemas.UploadEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/** Turns a raw upload record into a validated {@link UploadEvent} or a MALFORMED_EVENT reject; never throws. */
public final class UploadEventParser {

  /** Either {@code event} or {@code reject} is set. */
  public record Result(UploadEvent event, RejectRecord reject) {
    public boolean isEvent() {
      return event != null;
    }
  }

  private final String jobVersion;
  private final Clock clock;

  public UploadEventParser(String jobVersion, Clock clock) {
    this.jobVersion = jobVersion;
    this.clock = clock;
  }

  public Result parse(RawUpload raw) {
    try {
      return new Result(ContractCodec.shared().read(raw.value(), UploadEvent.class), null);
    } catch (ContractViolationException e) {
      return malformed(raw, e.getMessage());
    } catch (RuntimeException e) {
      // The codec validates first, so this is unexpected; still a property of this payload,
      // and retrying the same bytes after a restart could only fail the same way.
      return malformed(raw, "unreadable upload event: " + e);
    }
  }

  private Result malformed(RawUpload raw, String message) {
    // new String(...) replaces invalid UTF-8 sequences, as the reject contract asks.
    String text = new String(raw.value(), StandardCharsets.UTF_8);
    ImageReject reject = ImageReject.forMalformedEvent(
        text, message == null || message.isBlank() ? "unreadable upload event" : message, clock.instant(), jobVersion);
    return new Result(null, new RejectRecord(raw.key(), reject));
  }
}
