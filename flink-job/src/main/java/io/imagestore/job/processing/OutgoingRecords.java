package io.imagestore.job.processing;

import io.imagestore.job.records.RejectRecord;
import io.imagestore.schemas.ContractCodec;
import io.imagestore.schemas.ImageReject;
import io.imagestore.schemas.RejectReason;
import io.imagestore.schemas.UploadEvent;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks each record against its published schema where it leaves processing — once, not on
 * every read between operators. A metadata record that would break its contract becomes a
 * {@code PROCESSING_FAILED} reject saying how; a reject that would break its contract is replaced
 * by one that keeps it. Nothing the indexer would refuse is written, and nothing crash-loops.
 */
final class OutgoingRecords {
  private static final Logger LOG = LoggerFactory.getLogger(OutgoingRecords.class);
  private static final int MAX_DETAIL = 500;

  private final Clock clock;
  private final String jobVersion;

  OutgoingRecords(Clock clock, String jobVersion) {
    this.clock = clock;
    this.jobVersion = jobVersion;
  }

  /** {@code outcome} if its record keeps its contract, else a reject that does; empty only if even that fails. */
  Optional<Outcome> checked(Outcome outcome, UploadEvent event) {
    if (outcome.isImage()) {
      List<String> violations = ContractCodec.shared().violations(outcome.metadata());
      if (violations.isEmpty()) {
        return Optional.of(outcome);
      }
      LOG.error("metadata of {} breaks the image-metadata contract: {}", event.sha256(), violations);
      return rejectFor(event, "the metadata record would break the image-metadata contract: " + violations, false);
    }
    List<String> violations = ContractCodec.shared().violations(outcome.reject().reject());
    if (violations.isEmpty()) {
      return Optional.of(outcome);
    }
    LOG.error("the {} reject of {} breaks the image-reject contract: {}", outcome.reject().reject().reason(),
        event.sha256(), violations);
    return rejectFor(event, "the " + outcome.reject().reject().reason() + " reject would break the image-reject"
        + " contract: " + violations, outcome.gaveUp());
  }

  private Optional<Outcome> rejectFor(UploadEvent event, String message, boolean gaveUp) {
    String detail = message.length() > MAX_DETAIL ? message.substring(0, MAX_DETAIL) + "…" : message;
    ImageReject reject = ImageReject.forUpload(event, RejectReason.PROCESSING_FAILED, detail, clock.instant(), jobVersion);
    List<String> still = ContractCodec.shared().violations(reject);
    if (!still.isEmpty()) {
      // The event itself was validated on the way in, so this means a bug: say so loudly, but do
      // not fail the task on it — it would fail again on every restart.
      LOG.error("no record can be written for upload {} (event {}): {}", event.sha256(), event.eventId(), still);
      return Optional.empty();
    }
    RejectRecord record = RejectRecord.of(reject);
    return Optional.of(gaveUp ? Outcome.gaveUp(record) : Outcome.rejected(record));
  }
}
