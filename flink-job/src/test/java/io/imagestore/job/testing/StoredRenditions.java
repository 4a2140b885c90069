package io.imagestore.job.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagestore.schemas.ImageMetadata;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;

/** The renditions a committed record names, read back from the object store as a viewer would. */
public final class StoredRenditions {
  private StoredRenditions() {}

  /**
   * Every rendition of {@code record}, decoded, by name in record order — after checking that
   * each stored object has the size and the real pixel dimensions the record states.
   */
  public static Map<String, BufferedImage> fetch(S3Client s3, ImageMetadata record) {
    Map<String, BufferedImage> byName = new LinkedHashMap<>();
    for (ImageMetadata.Rendition r : record.renditions()) {
      byte[] stored = s3.getObjectAsBytes(b -> b.bucket(r.bucket()).key(r.key())).asByteArray();
      assertThat(stored).as("bytes of %s", r.key()).hasSize((int) r.bytes());
      BufferedImage image = TestImages.decode(stored);
      assertThat(image.getWidth()).as("width of %s", r.key()).isEqualTo(r.width());
      assertThat(image.getHeight()).as("height of %s", r.key()).isEqualTo(r.height());
      byName.put(r.name(), image);
    }
    return byName;
  }
}
