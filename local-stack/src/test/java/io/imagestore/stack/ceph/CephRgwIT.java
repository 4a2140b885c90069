package io.imagestore.stack.ceph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.imagestore.objectstore.S3Clients;
import io.imagestore.stack.ObjectStoreBuckets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The object store the product runs on: Ceph RGW over an erasure-coded 2+1 pool, through the same
 * {@link S3Clients} the bridge and the job use. Checks where the bytes land in RADOS, and that
 * reads and writes go on with one OSD lost and the data survives its return.
 */
@Tag("ceph")
class CephRgwIT {
  private static final String DATA_POOL = "default.rgw.buckets.data";
  private static final long MIB = 1024 * 1024;
  private static final Duration CLEAN_TIMEOUT = Duration.ofMinutes(3);

  @RegisterExtension static final CephStackExtension CEPH = new CephStackExtension();

  private static S3Client s3;
  private static String bucket;

  @BeforeAll
  static void bucketOfOurOwn() {
    s3 = S3Clients.create(CEPH.stack().objectStore(), 8);
    bucket = "rgw-it-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    s3.createBucket(b -> b.bucket(bucket));
  }

  @AfterAll
  static void removeBucket() {
    try {
      ObjectStoreBuckets.deleteWithContents(s3, List.of(bucket));
    } finally {
      s3.close();
    }
  }

  @Test
  void storesA200MegabyteMultipartObjectInTheErasureCodedPool(CephStack ceph) throws IOException {
    s3.putObject(b -> b.bucket(bucket).key("small/hello.txt"), RequestBody.fromString("hello rgw", StandardCharsets.UTF_8));
    GeneratedObject big = new GeneratedObject(20_261_125L, 200 * MIB, 16 * MIB);

    multipartPut("big/200mb.bin", big);

    assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("small/hello.txt")).asUtf8String()).isEqualTo("hello rgw");
    assertThat(readSha256("big/200mb.bin", big.size())).isEqualTo(big.sha256());
    List<S3Object> listed = s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().toList();
    assertThat(listed).extracting(S3Object::key, S3Object::size)
        .containsExactlyInAnyOrder(
            tuple("small/hello.txt", 9L),
            tuple("big/200mb.bin", big.size()));

    // RGW names the RADOS objects of a bucket after its marker: <marker>_<key> is an object's head,
    // <marker>__multipart_<key>.<upload id>.<part> the first piece of each uploaded part.
    String marker = ceph.bucketMarker(bucket);
    List<String> radosObjects = ceph.rados("-p", DATA_POOL, "ls").lines().toList();
    assertThat(radosObjects).contains(marker + "_small/hello.txt", marker + "_big/200mb.bin");
    assertThat(radosObjects).filteredOn(o -> o.startsWith(marker + "__multipart_big/200mb.bin."))
        .hasSize(big.parts());

    String profile = ceph.erasureCodeProfile(DATA_POOL);
    List<String> profileLines = ceph.ceph("osd", "erasure-code-profile", "get", profile).lines().toList();
    assertThat(profileLines).contains("k=2", "m=1", "crush-failure-domain=osd");
  }

  @Test
  void readsAndWritesWithOneOsdDownAndKeepsTheDataWhenItReturns(CephStack ceph) {
    GeneratedObject before = new GeneratedObject(7L, 40 * MIB, 8 * MIB);
    GeneratedObject degraded = new GeneratedObject(11L, 24 * MIB, 8 * MIB);
    multipartPut("drill/before.bin", before);
    assertThat(ceph.osdsUp()).isEqualTo(3);

    ceph.stopOsd(1);
    boolean osdDown = true;
    try {
      assertThat(ceph.osdsUp()).isEqualTo(2);
      assertThat(readSha256("drill/before.bin", before.size())).isEqualTo(before.sha256());
      s3.putObject(b -> b.bucket(bucket).key("drill/degraded.txt"),
          RequestBody.fromString("written with osd.1 down", StandardCharsets.UTF_8));
      multipartPut("drill/degraded.bin", degraded);
      assertThat(readSha256("drill/degraded.bin", degraded.size())).isEqualTo(degraded.sha256());

      ceph.startOsd(1);
      osdDown = false;
      ceph.waitClean(CLEAN_TIMEOUT);
    } finally {
      // The cluster is shared with the rest of the test run: hand it back whole.
      if (osdDown) {
        ceph.startOsd(1);
        ceph.waitClean(CLEAN_TIMEOUT);
      }
    }

    assertThat(ceph.osdsUp()).isEqualTo(3);
    assertThat(readSha256("drill/before.bin", before.size())).isEqualTo(before.sha256());
    assertThat(readSha256("drill/degraded.bin", degraded.size())).isEqualTo(degraded.sha256());
    assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("drill/degraded.txt")).asUtf8String())
        .isEqualTo("written with osd.1 down");
  }

  @Test
  void growsAndShrinksByOneOsdWithoutLosingData(CephStack ceph) {
    GeneratedObject object = new GeneratedObject(13L, 24 * MIB, 8 * MIB);
    multipartPut("grow/object.bin", object);

    int added = ceph.addOsd();
    try {
      assertThat(ceph.osdsUp()).isEqualTo(4);
      ceph.waitClean(CLEAN_TIMEOUT);
      assertThat(readSha256("grow/object.bin", object.size())).isEqualTo(object.sha256());
    } finally {
      ceph.removeOsd(added);
    }
    ceph.waitClean(CLEAN_TIMEOUT);

    assertThat(ceph.osdsUp()).isEqualTo(3);
    assertThat(ceph.ceph("osd", "ls").lines().map(String::strip).toList()).doesNotContain(Integer.toString(added));
    assertThat(readSha256("grow/object.bin", object.size())).isEqualTo(object.sha256());
  }

  private static void multipartPut(String key, GeneratedObject object) {
    String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
    List<CompletedPart> parts = new ArrayList<>();
    for (int i = 0; i < object.parts(); i++) {
      int index = i;
      int partNumber = i + 1;
      // A provider, not one stream: the SDK asks for a fresh stream whenever it retries a part.
      String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber),
          RequestBody.fromContentProvider(() -> object.part(index), object.partLength(index),
              "application/octet-stream")).eTag();
      parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
    }
    s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
        .multipartUpload(m -> m.parts(parts)));
  }

  private static String readSha256(String key, long expectedSize) {
    long[] size = new long[1];
    try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(key))) {
      String sha = GeneratedObject.sha256(in, size);
      assertThat(size[0]).as("bytes read back of %s", key).isEqualTo(expectedSize);
      return sha;
    } catch (IOException e) {
      throw new AssertionError("reading " + key + " failed", e);
    }
  }

}
