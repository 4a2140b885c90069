package io.imagestore.job.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.imagestore.job.config.ProfileCatalog;
import io.imagestore.job.config.RetrySettings;
import io.imagestore.job.imaging.ImageLimits;
import io.imagestore.job.imaging.ImageProcessor;
import io.imagestore.job.storage.ImageObjectStore;
import io.imagestore.job.storage.ObjectStoreUnavailableException;
import io.imagestore.job.testing.TestImages;
import io.imagestore.job.testing.UploadDriver;
import io.imagestore.schemas.Contract;
import io.imagestore.schemas.ContractCodec;
import io.imagestore.schemas.ImageMetadata;
import io.imagestore.schemas.RejectReason;
import io.imagestore.schemas.UploadEvent;
import io.imagestore.stack.LocalStackExtension;
import io.imagestore.stack.StackEndpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** One upload through {@link UploadProcessor} against the real S3 server. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UploadProcessorIT {
  @RegisterExtension
  static final LocalStackExtension STACK = new LocalStackExtension();

  @TempDir
  Path tmp;

  private ImageObjectStore store;
  private UploadProcessor processor;
  private StackEndpoints endpoints;
  private S3Client s3;

  @BeforeEach
  void setUp() {
    endpoints = STACK.endpoints();
    s3 = STACK.s3();
    store = ImageObjectStore.connect(endpoints.objectStore(),
        new RetrySettings(3, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(5), Duration.ofSeconds(20)), 2);
    processor = new UploadProcessor(store, new ImageProcessor(ImageLimits.defaults()),
        new ProfileResolver(ProfileCatalog.defaults()), endpoints.buckets().renditions(), ImageLimits.defaults().maxBytes(),
        tmp, Clock.systemUTC(), "test");
  }

  @AfterEach
  void tearDown() throws Exception {
    store.close();
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left).as("temporary originals left behind").isEmpty();
    }
  }

  @Test
  @Order(1)
  void storesRenditionsAtDeterministicKeysAndAReplayOverwritesThem() throws Exception {
    UploadDriver uploads = new UploadDriver(endpoints, s3);
    byte[] photo = TestImages.jpeg(1000, 750);
    UploadEvent event = storeOriginal(uploads.eventFor("cam", "/p.jpg", photo), photo);
    uploads.close();

    Outcome first = processor.process(event);
    Outcome replay = processor.process(event);

    assertThat(first.isImage()).isTrue();
    ImageMetadata metadata = first.metadata();
    ContractCodec.shared().validate(ContractCodec.shared().write(metadata), Contract.IMAGE_METADATA);
    assertThat(replay.metadata().renditions()).extracting(ImageMetadata.Rendition::key)
        .containsExactlyElementsOf(metadata.renditions().stream().map(ImageMetadata.Rendition::key).toList());
    List<S3Object> stored = s3.listObjectsV2(b -> b.bucket(endpoints.buckets().renditions())
        .prefix("renditions/" + event.sha256().substring(0, 2) + "/" + event.sha256() + "/")).contents();
    assertThat(stored).extracting(S3Object::key)
        .containsExactlyInAnyOrderElementsOf(metadata.renditions().stream().map(ImageMetadata.Rendition::key).toList());
    assertThat(metadata.renditions()).extracting(ImageMetadata.Rendition::width).containsExactly(320, 1000);
  }

  @Test
  @Order(2)
  void aMissingOriginalIsARejectNotAFailure() {
    UploadDriver uploads = new UploadDriver(endpoints, s3);
    UploadEvent event = uploads.eventFor("cam", "/gone.jpg", TestImages.jpeg(50, 50));
    uploads.close();

    Outcome outcome = processor.process(event);

    assertThat(outcome.isImage()).isFalse();
    assertThat(outcome.reject().reject().reason()).isEqualTo(RejectReason.ORIGINAL_MISSING);
    assertThat(outcome.reject().kafkaKey()).isEqualTo(event.sha256());
  }

  @Test
  @Order(2)
  void anOriginalWithOtherBytesThanTheEventSaysIsRetriedThenFailsLoudly() {
    UploadDriver uploads = new UploadDriver(endpoints, s3);
    byte[] photo = TestImages.jpeg(64, 64);
    UploadEvent event = uploads.eventFor("cam", "/swapped.jpg", photo);
    uploads.close();
    byte[] other = photo.clone();
    other[other.length / 2] ^= 0x5A;
    storeOriginal(event, other);

    assertThatThrownBy(() -> processor.process(event))
        .isInstanceOf(ObjectStoreUnavailableException.class)
        .hasMessageContaining("the body failed its check 3 times")
        .hasMessageContaining("SHA-256 is")
        .hasMessageContaining(event.sha256());

    storeOriginal(event, java.util.Arrays.copyOf(photo, photo.length + 10));
    assertThatThrownBy(() -> processor.process(event))
        .isInstanceOf(ObjectStoreUnavailableException.class)
        .hasMessageContaining("more than the " + photo.length + " bytes");
  }

  @Test
  @Order(2)
  void aMissingBucketIsAConfigurationErrorNamingTheBucketNotAMissingOriginal() {
    assertThatThrownBy(() -> store.probe("no-such-bucket"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("object store bucket 'no-such-bucket' does not exist");
    assertThatCode(() -> store.probe(endpoints.buckets().originals())).doesNotThrowAnyException();

    UploadDriver uploads = new UploadDriver(endpoints, s3);
    byte[] photo = TestImages.jpeg(50, 50);
    UploadEvent event = uploads.eventFor("cam", "/nowhere.jpg", photo);
    uploads.close();
    UploadEvent elsewhere = UploadEvent.of(event.eventId(), event.sourceId(), event.originalPath(), "no-such-bucket",
        event.objectKey(), event.size(), event.sha256(), event.contentType(), event.receivedAt(), event.bridgeInstance());
    assertThatThrownBy(() -> processor.process(elsewhere))
        .isInstanceOf(software.amazon.awssdk.services.s3.model.NoSuchBucketException.class);
  }

  @Test
  @Order(3)
  void anUnreachableStoreFailsTheCallInsteadOfRejecting() {
    assumeTrue(STACK.stack().hasEmbeddedObjectStore(), "needs an object store this test can stop");
    UploadDriver uploads = new UploadDriver(endpoints, s3);
    byte[] photo = TestImages.jpeg(64, 64);
    UploadEvent event = storeOriginal(uploads.eventFor("cam", "/q.jpg", photo), photo);
    uploads.close();
    STACK.stack().s3().close();
    try {
      assertThatThrownBy(() -> processor.process(event))
          .isInstanceOf(ObjectStoreUnavailableException.class)
          .hasMessageContaining("failed after 3 attempts");
    } finally {
      STACK.stack().s3().start();
    }
  }

  private UploadEvent storeOriginal(UploadEvent event, byte[] bytes) {
    s3.putObject(b -> b.bucket(event.bucket()).key(event.objectKey()), RequestBody.fromBytes(bytes));
    return event;
  }
}
