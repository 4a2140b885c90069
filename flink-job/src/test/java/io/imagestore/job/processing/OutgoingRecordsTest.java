package io.imagestore.job.processing;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagestore.job.records.RejectRecord;
import io.imagestore.schemas.ImageMetadata;
import io.imagestore.schemas.ImageReject;
import io.imagestore.schemas.RejectReason;
import io.imagestore.schemas.UploadEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OutgoingRecordsTest {
  private static final String SHA = "ef".repeat(32);
  private static final UploadEvent EVENT = UploadEvent.of(UUID.randomUUID(), "cam", "/a.jpg", "originals",
      "originals/ef/" + SHA, 10, SHA, "image/jpeg", Instant.parse("2026-12-01T10:00:00Z"), "bridge-1");
  private final OutgoingRecords outgoing =
      new OutgoingRecords(Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC), "0.2.0");

  @Test
  void recordsThatKeepTheirContractPassUnchanged() {
    Outcome image = Outcome.image(metadata(List.of(rendition())));
    Outcome reject = Outcome.rejected(RejectRecord.of(
        ImageReject.forUpload(EVENT, RejectReason.TRUNCATED, "cut short", Instant.now(), "0.2.0")));

    assertThat(outgoing.checked(image, EVENT)).contains(image);
    assertThat(outgoing.checked(reject, EVENT)).contains(reject);
  }

  @Test
  void metadataThatWouldBreakItsContractBecomesAProcessingFailedReject() {
    Outcome noRenditions = Outcome.image(metadata(List.of()));

    Outcome checked = outgoing.checked(noRenditions, EVENT).orElseThrow();

    assertThat(checked.isImage()).isFalse();
    ImageReject reject = checked.reject().reject();
    assertThat(reject.reason()).isEqualTo(RejectReason.PROCESSING_FAILED);
    assertThat(reject.imageId()).isEqualTo(SHA);
    assertThat(reject.message()).startsWith("the metadata record would break the image-metadata contract: [")
        .contains("renditions");
  }

  @Test
  void aRejectThatWouldBreakItsContractIsReplacedByOneThatKeepsIt() {
    // An exception without a message gave an empty reject message, which the schema refuses.
    Outcome emptyMessage = Outcome.gaveUp(RejectRecord.of(
        ImageReject.forUpload(EVENT, RejectReason.CORRUPT, "", Instant.now(), "0.2.0")));

    Outcome checked = outgoing.checked(emptyMessage, EVENT).orElseThrow();

    assertThat(checked.gaveUp()).as("still a give-up: the marker logic depends on it").isTrue();
    assertThat(checked.reject().reject().reason()).isEqualTo(RejectReason.PROCESSING_FAILED);
    assertThat(checked.reject().reject().message()).startsWith("the CORRUPT reject would break the image-reject contract");
    assertThat(io.imagestore.schemas.ContractCodec.shared().violations(checked.reject().reject())).isEmpty();
  }

  private static ImageMetadata metadata(List<ImageMetadata.Rendition> renditions) {
    return ImageMetadata.of(SHA, EVENT.source(), new ImageMetadata.Original("originals", "originals/ef/" + SHA, 10,
        "jpeg", 4, 3), ImageMetadata.Exif.NONE, new ImageMetadata.Crop("none", 0, 0, 4, 3), renditions,
        Instant.parse("2026-12-03T10:00:00Z"), "0.2.0");
  }

  private static ImageMetadata.Rendition rendition() {
    return new ImageMetadata.Rendition("thumb", "renditions", "renditions/ef/" + SHA + "/thumb.jpg", 4, 3, 100, "jpeg");
  }
}
