package io.imagestore.job.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagestore.schemas.ImageMetadata;
import io.imagestore.schemas.ImageReject;
import io.imagestore.schemas.RejectReason;
import io.imagestore.schemas.UploadEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class SerializersTest {
  private static final String SHA = "ab".repeat(32);
  private static final UploadEvent EVENT = UploadEvent.of(UUID.randomUUID(), "cam", "/d/IMG.jpg", "originals",
      "originals/ab/" + SHA, 2048, SHA, "image/jpeg", Instant.parse("2026-11-25T10:00:00.123Z"), "bridge-1");

  @Test
  void everyRecordTypeRoundTrips() throws Exception {
    ImageMetadata metadata = ImageMetadata.of(SHA, EVENT.source(),
        new ImageMetadata.Original("originals", EVENT.objectKey(), 2048, "jpeg", 640, 480),
        new ImageMetadata.Exif("2026-11-25T09:00:00", "Canon", "R6", 6, new ImageMetadata.Gps(48.1, 11.5, 520.0)),
        new ImageMetadata.Crop("none", 0, 0, 480, 640),
        List.of(new ImageMetadata.Rendition("thumb", "renditions", "renditions/ab/x.jpg", 240, 320, 999, "jpeg")),
        Instant.parse("2026-11-25T10:00:01Z"), "0.1.0");
    RejectRecord reject = RejectRecord.of(ImageReject.forUpload(EVENT, RejectReason.TRUNCATED, "cut short",
        Instant.parse("2026-11-25T10:00:02Z"), "0.1.0"));
    RejectRecord malformed = new RejectRecord(null,
        ImageReject.forMalformedEvent("{oops", "not JSON", Instant.parse("2026-11-25T10:00:03Z"), "0.1.0"));

    assertThat(roundTrip(JobTypes.UPLOAD_EVENT, EVENT)).isEqualTo(EVENT);
    assertThat(roundTrip(JobTypes.IMAGE_METADATA, metadata)).isEqualTo(metadata);
    assertThat(roundTrip(JobTypes.REJECT, reject)).isEqualTo(reject);
    assertThat(roundTrip(JobTypes.REJECT, malformed)).isEqualTo(malformed);
    RawUpload raw = roundTrip(JobTypes.RAW_UPLOAD, new RawUpload(null, new byte[] {1, 2, 3}));
    assertThat(raw.key()).isNull();
    assertThat(raw.value()).containsExactly(1, 2, 3);
  }

  @Test
  void aRecordThatBreaksItsSchemaStillCrossesBetweenOperators() throws Exception {
    // Validating on read made such a record fail the reading task on every restart; records
    // are checked once where they leave processing instead.
    RejectRecord emptyMessage = RejectRecord.of(ImageReject.forUpload(EVENT, RejectReason.CORRUPT, "",
        Instant.parse("2026-11-25T10:00:02Z"), "0.1.0"));
    assertThat(io.imagestore.schemas.ContractCodec.shared().violations(emptyMessage.reject())).isNotEmpty();

    assertThat(roundTrip(JobTypes.REJECT, emptyMessage)).isEqualTo(emptyMessage);
  }

  @Test
  void snapshotsRestoreACompatibleSerializer() throws Exception {
    for (TypeInformation<?> type : List.of(JobTypes.RAW_UPLOAD, JobTypes.UPLOAD_EVENT, JobTypes.IMAGE_METADATA, JobTypes.REJECT)) {
      assertRestores(type.createSerializer(new SerializerConfigImpl()));
    }
  }

  private static <T> void assertRestores(TypeSerializer<T> serializer) throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(64);
    TypeSerializerSnapshot.writeVersionedSnapshot(out, serializer.snapshotConfiguration());
    TypeSerializerSnapshot<T> restored = TypeSerializerSnapshot.readVersionedSnapshot(
        new DataInputDeserializer(out.getCopyOfBuffer()), SerializersTest.class.getClassLoader());
    TypeSerializerSchemaCompatibility<T> compatibility =
        serializer.snapshotConfiguration().resolveSchemaCompatibility(restored);
    assertThat(compatibility.isCompatibleAsIs()).as(serializer.getClass().getSimpleName()).isTrue();
    assertThat(restored.restoreSerializer()).isEqualTo(serializer);
  }

  private static <T> T roundTrip(TypeInformation<T> type, T value) throws Exception {
    TypeSerializer<T> serializer = type.createSerializer(new SerializerConfigImpl());
    DataOutputSerializer out = new DataOutputSerializer(256);
    serializer.serialize(value, out);
    return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
  }
}
