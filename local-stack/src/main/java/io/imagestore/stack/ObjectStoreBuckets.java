package io.imagestore.stack;

import java.util.Collection;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Creates and removes buckets on any S3 store the stack talks to, embedded or external. */
public final class ObjectStoreBuckets {
  private ObjectStoreBuckets() {}

  /** Creates the buckets that do not exist yet; existing ones and their objects stay as they are. */
  public static void createMissing(S3Client s3, Collection<String> names) {
    for (String name : names) {
      try {
        s3.headBucket(b -> b.bucket(name));
      } catch (NoSuchBucketException missing) {
        try {
          s3.createBucket(b -> b.bucket(name));
        } catch (BucketAlreadyOwnedByYouException raced) {
          // created meanwhile: fine
        }
      }
    }
  }

  /**
   * Aborts open multipart uploads, deletes every object and then the buckets; missing buckets are
   * skipped. Objects are deleted one by one: DeleteObjects needs a Content-MD5 that the SDK no
   * longer sends when checksums are only computed where required (the setting RGW 16.2 needs).
   */
  public static void deleteWithContents(S3Client s3, Collection<String> names) {
    for (String name : names) {
      try {
        for (MultipartUpload upload : s3.listMultipartUploadsPaginator(b -> b.bucket(name)).uploads()) {
          s3.abortMultipartUpload(b -> b.bucket(name).key(upload.key()).uploadId(upload.uploadId()));
        }
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(name)).contents()) {
          s3.deleteObject(b -> b.bucket(name).key(object.key()));
        }
        s3.deleteBucket(b -> b.bucket(name));
      } catch (NoSuchBucketException gone) {
        // nothing to remove
      }
    }
  }
}
