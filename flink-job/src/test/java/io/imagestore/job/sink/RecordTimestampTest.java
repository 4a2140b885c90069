package io.imagestore.job.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagestore.job.records.RejectRecord;
import io.imagestore.schemas.ImageMetadata;
import io.imagestore.schemas.ImageReject;
import io.imagestore.schemas.RejectReason;
import io.imagestore.schemas.UploadEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Records leave with no timestamp of their own, so the producer stamps them at send time: the
 * stream's timestamp is the upload event's, and a replay of month-old events must not write
 * records that a 7-day retention deletes at once.
 */
class RecordTimestampTest {
  private static final long A_MONTH_AGO = Instant.now().minusSeconds(30L * 24 * 3600).toEpochMilli();

  @Test
  void rejectsAreStampedWhenSentNotWithTheUploadsTime() {
    String sha = "ab".repeat(32);
    UploadEvent event = event(sha);
    RejectRecord reject = RejectRecord.of(ImageReject.forUpload(event, RejectReason.TRUNCATED, "cut short",
        Instant.now(), "test"));

    ProducerRecord<byte[], byte[]> record = new RejectRecordSerializer("image-rejects").serialize(reject, null, A_MONTH_AGO);

    assertThat(record.timestamp()).as("null: the producer's send time").isNull();
    assertThat(record.topic()).isEqualTo("image-rejects");
  }

  @Test
  void metadataIsStampedWhenSentNotWithTheUploadsTime() {
    String sha = "cd".repeat(32);
    ImageMetadata metadata = ImageMetadata.of(sha, event(sha).source(),
        new ImageMetadata.Original("originals", "originals/cd/" + sha, 10, "jpeg", 4, 3), ImageMetadata.Exif.NONE,
        new ImageMetadata.Crop("none", 0, 0, 4, 3),
        List.of(new ImageMetadata.Rendition("thumb", "renditions", "renditions/cd/" + sha + "/thumb.jpg", 4, 3, 100,
            "jpeg")), Instant.now(), "test");

    ProducerRecord<byte[], byte[]> record = new MetadataRecordSerializer("image-metadata").serialize(metadata, null,
        A_MONTH_AGO);

    assertThat(record.timestamp()).isNull();
    assertThat(new String(record.key(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(sha);
  }

  private static UploadEvent event(String sha) {
    return UploadEvent.of(UUID.randomUUID(), "cam", "/a.jpg", "originals", "originals/" + sha.substring(0, 2) + "/" + sha,
        10, sha, "image/jpeg", Instant.ofEpochMilli(A_MONTH_AGO), "bridge-1");
  }
}
