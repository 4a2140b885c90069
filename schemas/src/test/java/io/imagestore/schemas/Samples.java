package io.imagestore.schemas;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Realistic records of every contract type, built through the same factories the modules use. */
final class Samples {
  static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  static final Instant RECEIVED = Instant.parse("2026-11-25T10:15:30.123Z");

  static UploadEvent uploadEvent() {
    return UploadEvent.of(
        UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427"),
        "camera-07",
        "/2026-11-25/IMG_0042.jpg",
        "originals",
        "originals/9f/" + SHA,
        2_348_112,
        SHA,
        "image/jpeg",
        RECEIVED,
        "bridge-1");
  }

  static ImageMetadata fullMetadata() {
    return ImageMetadata.of(
        SHA,
        uploadEvent().source(),
        new ImageMetadata.Original("originals", "originals/9f/" + SHA, 2_348_112, "jpeg", 6000, 4000),
        new ImageMetadata.Exif(
            "2026-11-25T09:01:02", "Canon", "EOS R6", 6, new ImageMetadata.Gps(48.8584, 2.2945, 35.0)),
        new ImageMetadata.Crop("aspect", 0, 666, 4000, 4667),
        List.of(
            new ImageMetadata.Rendition("thumb", "renditions", "renditions/9f/" + SHA + "/thumb.jpg", 274, 320, 18_004, "jpeg"),
            new ImageMetadata.Rendition("preview", "renditions", "renditions/9f/" + SHA + "/preview.jpg", 1097, 1280, 201_441, "jpeg")),
        Instant.parse("2026-11-25T10:15:31.5Z"),
        "0.1.0");
  }

  static ImageMetadata metadataWithoutExif() {
    ImageMetadata full = fullMetadata();
    return ImageMetadata.of(
        full.imageId(), full.source(), full.original(), ImageMetadata.Exif.NONE,
        new ImageMetadata.Crop("none", 0, 0, 6000, 4000), full.renditions(), full.processedAt(), full.jobVersion());
  }

  static ImageReject reject() {
    return ImageReject.forUpload(
        uploadEvent(), RejectReason.TOO_MANY_PIXELS, "30000x30000 = 900 MP exceeds the 100 MP limit",
        Instant.parse("2026-11-25T10:15:31Z"), "0.1.0");
  }

  static ImageReject malformedEventReject() {
    return ImageReject.forMalformedEvent(
        "{\"sha256\": 42", "not valid JSON", Instant.parse("2026-11-25T10:15:31Z"), "0.1.0");
  }

  private Samples() {}
}
