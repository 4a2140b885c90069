package io.imagestore.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagestore.objectstore.S3Clients;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;

/**
 * The stack on an object store it did not start (here a separate S3 server, standing in for RGW):
 * buckets made there, nothing of that store stopped or deleted by the stack.
 */
class ExternalObjectStoreIT {

  @TempDir Path dir;

  @Test
  void createsMissingBucketsOnTheExternalStoreAndLeavesItRunning() {
    try (EmbeddedS3 external = new EmbeddedS3(dir.resolve("external"), "127.0.0.1", 0, "ext-key", "ext-secret").start();
        S3Client s3 = S3Clients.create(external.settings(), 2)) {
      Buckets buckets = Buckets.unique();
      s3.createBucket(b -> b.bucket(buckets.originals())); // one exists already, with an object
      s3.putObject(b -> b.bucket(buckets.originals()).key("kept.txt"), RequestBody.fromString("kept"));
      StackSettings settings = StackSettings.ephemeral(dir.resolve("stack"))
          .withObjectStore(external.settings()).withBuckets(buckets);

      try (LocalStack stack = LocalStack.start(settings)) {
        assertThat(stack.endpoints().objectStore()).isEqualTo(external.settings());
        assertThat(stack.endpoints().buckets()).isEqualTo(buckets);
        assertThat(stack.env()).containsEntry("IMAGESTORE_S3_ENDPOINT", external.endpoint())
            .containsEntry("AWS_ACCESS_KEY_ID", "ext-key")
            .containsEntry("IMAGESTORE_ORIGINALS_BUCKET", buckets.originals());
        assertThat(stack.hasEmbeddedObjectStore()).isFalse();
        assertThatThrownBy(stack::s3).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining(external.endpoint());
        assertThat(s3.listBuckets().buckets()).extracting(Bucket::name)
            .containsExactlyInAnyOrderElementsOf(buckets.all());
      }

      assertThat(external.isRunning()).isTrue();
      assertThat(s3.getObjectAsBytes(b -> b.bucket(buckets.originals()).key("kept.txt")).asUtf8String())
          .isEqualTo("kept");

      ObjectStoreBuckets.deleteWithContents(s3, buckets.all());
      assertThat(s3.listBuckets().buckets()).isEmpty();
    }
  }

  @Test
  void embeddedByDefault() {
    try (LocalStack stack = LocalStack.start(StackSettings.ephemeral(dir))) {
      assertThat(stack.settings().objectStore()).isEmpty();
      assertThat(stack.hasEmbeddedObjectStore()).isTrue();
      assertThat(stack.s3().isRunning()).isTrue();
    }
  }
}
