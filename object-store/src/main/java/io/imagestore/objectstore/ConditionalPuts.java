package io.imagestore.objectstore;

import software.amazon.awssdk.services.s3.model.S3Exception;

/** Answers to a create-only PUT ({@code If-None-Match: *}), on AWS S3, Ceph RGW and S3Proxy alike. */
public final class ConditionalPuts {
  private ConditionalPuts() {}

  /**
   * Whether the PUT was refused because the key is taken: 412, an object is there; 409, another
   * conditional write of the same key is in flight (S3 answers that instead of waiting for it).
   */
  public static boolean keyTaken(S3Exception e) {
    return e.statusCode() == 412 || e.statusCode() == 409;
  }
}
