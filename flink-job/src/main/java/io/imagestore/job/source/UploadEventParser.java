package io.imagestore.job.source;

import io.imagestore.job.records.RawUpload;
import io.imagestore.job.records.RejectRecord;
import io.imagestore.schemas.ContractCodec;
import io.imagestore.schemas.ContractViolationException;
import io.imagestore.schemas.ImageReject;
import io.imagestore.schemas.UploadEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * Turns a raw upload record into a validated {@link UploadEvent} or a MALFORMED_EVENT reject; never
 * throws. Valid means the contract's schema and one more rule: the event names the
 * content-addressed original of its own sha256 in the configured originals bucket. The job reads
 * what an event names with its own credentials, so an event must never choose the bucket or key
 * (another tenant's objects, a key the store refuses, a 404 that looks like a missing original).
 */
public final class UploadEventParser {

  /** Either {@code event} or {@code reject} is set. */
  public record Result(UploadEvent event, RejectRecord reject) {
    public boolean isEvent() {
      return event != null;
    }
  }

  private final String jobVersion;
  private final Clock clock;
  private final String originalsBucket;
  private final String originalsPrefix;

  public UploadEventParser(String jobVersion, Clock clock, String originalsBucket, String originalsPrefix) {
    this.jobVersion = jobVersion;
    this.clock = clock;
    this.originalsBucket = originalsBucket;
    this.originalsPrefix = originalsPrefix;
  }

  /** The key the bridge stores the bytes with this sha256 under. */
  public static String originalKey(String originalsPrefix, String sha256) {
    return originalsPrefix + sha256.substring(0, 2) + "/" + sha256;
  }

  public Result parse(RawUpload raw) {
    try {
      UploadEvent event = ContractCodec.shared().read(raw.value(), UploadEvent.class);
      if (!originalsBucket.equals(event.bucket())) {
        return malformed(raw, "the event names bucket '" + abbreviated(event.bucket())
            + "', not the originals bucket '" + originalsBucket + "'");
      }
      String expected = originalKey(originalsPrefix, event.sha256());
      if (!expected.equals(event.objectKey())) {
        return malformed(raw, "the event names key '" + abbreviated(event.objectKey())
            + "', not the content-addressed key of its sha256 (" + expected + ")");
      }
      return new Result(event, null);
    } catch (ContractViolationException e) {
      return malformed(raw, e.getMessage());
    } catch (RuntimeException e) {
      // The codec validates first, so this is unexpected; still a property of this payload,
      // and retrying the same bytes after a restart could only fail the same way.
      return malformed(raw, "unreadable upload event: " + e);
    }
  }

  /** An event may carry a key of any length; the reject's message stays readable. */
  private static String abbreviated(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "… (" + text.length() + " characters)";
  }

  private Result malformed(RawUpload raw, String message) {
    // new String(...) replaces invalid UTF-8 sequences, as the reject contract asks.
    String text = new String(raw.value(), StandardCharsets.UTF_8);
    ImageReject reject = ImageReject.forMalformedEvent(
        text, message == null || message.isBlank() ? "unreadable upload event" : message, clock.instant(), jobVersion);
    return new Result(null, new RejectRecord(raw.key(), reject));
  }
}
