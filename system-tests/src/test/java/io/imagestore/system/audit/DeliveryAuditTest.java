package io.imagestore.system.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagestore.schemas.ImageMetadata;
import io.imagestore.schemas.ImageReject;
import io.imagestore.schemas.RejectReason;
import io.imagestore.schemas.SourceInfo;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DeliveryAuditTest {
  private static final String A = "aa" + "0".repeat(62);
  private static final String B = "bb" + "1".repeat(62);
  private static final String C = "cc" + "2".repeat(62);

  private final Set<String> stored = new HashSet<>();
  private final DeliveryAudit audit = new DeliveryAudit((bucket, key) -> stored.contains(bucket + "/" + key),
      "originals", "originals/", List.of("thumb", "preview"));

  @Test
  void anImageWithOriginalRenditionsAndOneRecordIsDelivered() {
    storeAll(A);
    DeliveryAudit.Result result = audit.audit(List.of(A, A), ledger(Map.of(A, List.of(record(A)))));
    assertThat(result.images()).isEqualTo(1);
    assertThat(result.records()).isEqualTo(1);
    assertThat(result.lost()).isEmpty();
    assertThat(result.duplicates()).isZero();
  }

  @Test
  void countsImagesMissingARecordAnOriginalOrARendition() {
    storeAll(A);
    storeAll(B);
    stored.remove("renditions/" + B + "/thumb.jpg");
    stored.add("renditions/" + C + "/thumb.jpg"); // renditions but no original
    stored.add("renditions/" + C + "/preview.jpg");
    String d = "dd" + "3".repeat(62); // stored, never recorded
    storeAll(d);

    DeliveryAudit.Result result = audit.audit(List.of(A, B, C, d),
        ledger(Map.of(A, List.of(record(A)), B, List.of(record(B)), C, List.of(record(C)))));

    assertThat(result.missing()).isEqualTo(3);
    assertThat(result.lost()).anySatisfy(l -> assertThat(l).startsWith(B).contains("rendition thumb"))
        .anySatisfy(l -> assertThat(l).startsWith(C).contains("original originals/cc/" + C))
        .anySatisfy(l -> assertThat(l).startsWith(d).contains("no committed metadata record"));
  }

  @Test
  void aRecordWithoutEveryRenditionOfTheProfileIsNotADelivery() {
    storeAll(A);
    ImageMetadata full = record(A);
    ImageMetadata thumbOnly = ImageMetadata.of(A, full.source(), full.original(), full.exif(), null,
        List.of(full.renditions().get(0)), Instant.EPOCH, "test");
    DeliveryAudit.Result result = audit.audit(List.of(A), ledger(Map.of(A, List.of(thumbOnly))));
    assertThat(result.lost()).singleElement().asString().contains("record names renditions [thumb]");
  }

  @Test
  void countsEveryRecordBeyondTheFirstAsADuplicate() {
    storeAll(A);
    storeAll(B);
    CommittedLedger ledger = ledger(Map.of(A, List.of(record(A), record(A), record(A)), B, List.of(record(B))));
    DeliveryAudit.Result result = audit.audit(List.of(A, B), ledger);
    assertThat(result.duplicates()).isEqualTo(2);
    assertThat(result.records()).isEqualTo(4);
    assertThat(result.lost()).isEmpty();
    assertThat(ledger.duplicates()).isEqualTo(2);
  }

  @Test
  void aRejectedUploadIsNamedAsSuchWhenItsMetadataIsMissing() {
    storeAll(A);
    ImageReject reject = new ImageReject(ImageReject.VERSION, A, RejectReason.NOT_AN_IMAGE, "not an image",
        source(), new ImageReject.OriginalRef("originals", audit.originalKey(A), 10), null, Instant.EPOCH, "test");
    CommittedLedger ledger = new CommittedLedger(Map.of(), Map.of(A, List.of(reject)));
    assertThat(ledger.coversAll(List.of(A))).isTrue();
    assertThat(ledger.recordsFor(List.of(A, A))).isEqualTo(1);
    assertThat(audit.audit(List.of(A), ledger).lost()).singleElement().asString().contains("rejected: NOT_AN_IMAGE");
  }

  private void storeAll(String sha) {
    stored.add("originals/" + audit.originalKey(sha));
    stored.add("renditions/" + sha + "/thumb.jpg");
    stored.add("renditions/" + sha + "/preview.jpg");
  }

  private static CommittedLedger ledger(Map<String, List<ImageMetadata>> metadata) {
    return new CommittedLedger(metadata, Map.of());
  }

  private static ImageMetadata record(String sha) {
    return ImageMetadata.of(sha, source(), new ImageMetadata.Original("originals", "originals/" + sha, 10, "jpeg", 4, 3),
        ImageMetadata.Exif.NONE, null, List.of(
            new ImageMetadata.Rendition("thumb", "renditions", sha + "/thumb.jpg", 4, 3, 5, "jpeg"),
            new ImageMetadata.Rendition("preview", "renditions", sha + "/preview.jpg", 4, 3, 5, "jpeg")),
        Instant.EPOCH, "test");
  }

  private static SourceInfo source() {
    return new SourceInfo("camera", "/a.jpg", "a.jpg", UUID.randomUUID(), Instant.EPOCH);
  }
}
