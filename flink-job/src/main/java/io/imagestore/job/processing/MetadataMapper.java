package io.imagestore.job.processing;

import io.imagestore.job.imaging.CropRegion;
import io.imagestore.job.imaging.ExifData;
import io.imagestore.job.imaging.ProcessedImage;
import io.imagestore.schemas.ImageMetadata;
import io.imagestore.schemas.UploadEvent;
import java.time.Instant;
import java.util.List;

/** Maps a processed image and its stored renditions to the image-metadata contract. */
final class MetadataMapper {
  private MetadataMapper() {}

  static ImageMetadata toMetadata(UploadEvent event, long originalSize, ProcessedImage image,
      List<ImageMetadata.Rendition> renditions, Instant processedAt, String jobVersion) {
    return ImageMetadata.of(
        event.sha256(),
        event.source(),
        new ImageMetadata.Original(event.bucket(), event.objectKey(), originalSize,
            image.format().contractName(), image.width(), image.height()),
        exif(image.exif()),
        crop(image.crop()),
        renditions,
        processedAt,
        jobVersion);
  }

  static ImageMetadata.Exif exif(ExifData exif) {
    if (exif == null) {
      return ImageMetadata.Exif.NONE;
    }
    ImageMetadata.Gps gps = exif.hasPosition()
        ? new ImageMetadata.Gps(exif.latitude(), exif.longitude(), exif.altitude())
        : null;
    return new ImageMetadata.Exif(exif.captureTime(), exif.make(), exif.model(), exif.orientation(), gps);
  }

  static ImageMetadata.Crop crop(CropRegion crop) {
    return new ImageMetadata.Crop(crop.mode(), crop.x(), crop.y(), crop.width(), crop.height());
  }
}
