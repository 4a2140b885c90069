package io.imagestore.job.job;

import static io.imagestore.job.testing.CommittedRecords.allMetadata;
import static io.imagestore.job.testing.CommittedRecords.allRejects;
import static io.imagestore.job.testing.UploadDriver.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imagestore.job.config.JobConfig;
import io.imagestore.job.runner.LocalJobRunner;
import io.imagestore.job.testing.ConsumedUploads;
import io.imagestore.job.testing.Pixels;
import io.imagestore.job.testing.StoredRenditions;
import io.imagestore.job.testing.TestImages;
import io.imagestore.job.testing.TestJobConfigs;
import io.imagestore.job.testing.UploadDriver;
import io.imagestore.schemas.ImageMetadata;
import io.imagestore.schemas.ImageReject;
import io.imagestore.schemas.RejectReason;
import io.imagestore.schemas.UploadEvent;
import io.imagestore.stack.LocalStackExtension;
import io.imagestore.stack.StackEndpoints;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The whole job on a MiniCluster against the real embedded Kafka broker and S3 server: a batch
 * of uploads with duplicates and every kind of bad file yields exactly one committed record per
 * unique upload, on the right topic, and every object a record names is readable.
 */
class EndToEndIT {
  @RegisterExtension
  static final LocalStackExtension STACK = new LocalStackExtension();

  @TempDir
  Path work;

  @Test
  void batchWithDuplicatesAndBadFilesYieldsExactlyOneRecordPerUniqueUpload() throws Exception {
    StackEndpoints endpoints = STACK.endpoints();
    S3Client s3 = STACK.s3();
    JobConfig config = TestJobConfigs.forStack(endpoints, "e2e");

    byte[] landscape = TestImages.jpeg(1600, 1200);
    byte[] rotated = TestImages.jpegWithOrientation(900, 600, 6);
    byte[] cmyk = TestImages.cmykJpeg(400, 300);
    byte[] alpha = TestImages.pngWithAlpha(300, 200);
    byte[] truncated = TestImages.truncated(TestImages.jpeg(800, 600));
    byte[] empty = TestImages.empty();
    byte[] text = TestImages.textNamedJpg();
    byte[] bomb = TestImages.pngBomb(30000, 30000);
    byte[] neverStored = TestImages.jpeg(320, 320);

    UploadEvent landscapeEvent;
    UploadEvent rotatedEvent;
    try (LocalJobRunner runner = LocalJobRunner.start(config, work);
        UploadDriver uploads = new UploadDriver(endpoints, s3)) {
      assertThat(runner.restoredFrom()).isEmpty();
      landscapeEvent = uploads.upload("camera-1", "/2026/landscape.jpg", landscape);
      rotatedEvent = uploads.upload("camera-1", "/2026/rotated.jpg", rotated);
      uploads.upload("camera-2", "/print/cmyk.jpg", cmyk);
      uploads.upload("camera-2", "/web/logo.png", alpha);
      uploads.upload("camera-1", "/2026/cut.jpg", truncated);
      uploads.upload("camera-1", "/2026/zero.jpg", empty);
      uploads.upload("camera-2", "/notes.jpg", text);
      uploads.upload("camera-2", "/bomb.png", bomb);
      uploads.announceOnly("camera-2", "/lost.jpg", neverStored);
      uploads.sendRaw("not-a-hash", utf8("{\"schemaVersion\": 1, \"sha256\": 42"));
      // Duplicates: the same bytes again, from another source and under another name.
      uploads.upload("camera-2", "/copy-of-landscape.jpg", landscape);
      uploads.upload("camera-1", "/2026/landscape.jpg", landscape);
      uploads.upload("camera-1", "/2026/rotated-again.jpg", rotated);
      uploads.upload("camera-1", "/2026/zero-again.jpg", empty);

      // The re-sends come last: waiting for the unique records alone would pass even if the job
      // never read them. Wait until it has consumed every event on every partition.
      await().atMost(Duration.ofMinutes(2)).until(() -> ConsumedUploads.all(endpoints, config));
    }
    // The job has stopped with a savepoint after consuming everything: the counts are final.
    List<ImageMetadata> metadata = allMetadata(endpoints);
    List<ImageReject> rejects = allRejects(endpoints);

    assertThat(metadata).extracting(ImageMetadata::imageId).doesNotHaveDuplicates().hasSize(4)
        .containsExactlyInAnyOrder(landscapeEvent.sha256(), rotatedEvent.sha256(),
            UploadDriver.sha256(cmyk), UploadDriver.sha256(alpha));
    assertThat(rejects).hasSize(6);
    Map<RejectReason, ImageReject> byReason = rejects.stream()
        .collect(Collectors.toMap(ImageReject::reason, Function.identity()));
    assertThat(byReason).containsOnlyKeys(RejectReason.TRUNCATED, RejectReason.EMPTY_FILE,
        RejectReason.NOT_AN_IMAGE, RejectReason.TOO_MANY_PIXELS, RejectReason.ORIGINAL_MISSING,
        RejectReason.MALFORMED_EVENT);
    assertThat(byReason.get(RejectReason.TOO_MANY_PIXELS).imageId()).isEqualTo(UploadDriver.sha256(bomb));
    assertThat(byReason.get(RejectReason.MALFORMED_EVENT).imageId()).isNull();
    assertThat(byReason.get(RejectReason.MALFORMED_EVENT).rawEvent()).contains("\"sha256\": 42");
    assertThat(byReason.get(RejectReason.EMPTY_FILE).original().key())
        .isEqualTo("originals/" + UploadDriver.sha256(empty).substring(0, 2) + "/" + UploadDriver.sha256(empty));

    // Rejected originals are kept where their record says.
    for (ImageReject r : rejects) {
      if (r.original() != null && r.reason() != RejectReason.ORIGINAL_MISSING) {
        assertThat(s3.headObject(b -> b.bucket(r.original().bucket()).key(r.original().key())).contentLength())
            .isEqualTo(r.original().size());
      }
    }

    // Every object a committed record names is readable, with the dimensions it claims.
    for (ImageMetadata m : metadata) {
      assertThat(m.jobVersion()).isEqualTo(io.imagestore.job.records.JobVersion.current()).doesNotContain("${");
      byte[] original = s3.getObjectAsBytes(b -> b.bucket(m.original().bucket()).key(m.original().key())).asByteArray();
      assertThat(UploadDriver.sha256(original)).isEqualTo(m.imageId());
      assertThat(StoredRenditions.fetch(s3, m)).containsOnlyKeys("thumb", "preview");
      assertThat(m.renditions()).extracting(ImageMetadata.Rendition::name).containsExactly("thumb", "preview");
    }

    ImageMetadata land = find(metadata, landscapeEvent.sha256());
    assertThat(land.source().fileName()).isEqualTo("landscape.jpg");
    assertThat(land.original()).extracting(ImageMetadata.Original::width, ImageMetadata.Original::height)
        .containsExactly(1600, 1200);
    assertThat(land.renditions()).extracting(ImageMetadata.Rendition::width, ImageMetadata.Rendition::height)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(320, 240), org.assertj.core.groups.Tuple.tuple(1280, 960));

    // Stored turned (600x900), displayed upright (900x600): renditions are rotated and show the
    // scene's quadrants where the camera saw them.
    ImageMetadata rot = find(metadata, rotatedEvent.sha256());
    assertThat(rot.exif().orientation()).isEqualTo(6);
    assertThat(rot.original()).extracting(ImageMetadata.Original::width, ImageMetadata.Original::height)
        .containsExactly(600, 900);
    ImageMetadata.Rendition thumb = rot.renditions().get(0);
    assertThat(thumb.width()).isEqualTo(320);
    assertThat(thumb.height()).isEqualTo(213);
    StoredRenditions.fetch(s3, rot).values().forEach(Pixels::assertUprightQuadrants);

    ImageMetadata png = find(metadata, UploadDriver.sha256(alpha));
    assertThat(png.original().format()).isEqualTo("png");
  }

  private static ImageMetadata find(List<ImageMetadata> all, String sha) {
    return all.stream().filter(m -> m.imageId().equals(sha)).findFirst().orElseThrow();
  }
}
