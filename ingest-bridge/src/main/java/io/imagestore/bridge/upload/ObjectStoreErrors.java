package io.imagestore.bridge.upload;

import io.imagestore.bridge.upload.UploadFailedException.Reason;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Which object-store errors a client's retry can fix. A camera retries a 4xx reply (451) for as
 * long as it is configured to, and gives up on a 5xx: an error tied to this very upload (its key,
 * its metadata, its size, the account's quota) must be a 5xx or the camera retries it forever.
 * Outages, throttling and timeouts are 451. So are errors of the bridge's own configuration (no
 * such bucket, access denied, bad credentials): an operator fixes them, and then the camera's retry
 * succeeds, where a 5xx would have made it drop the file.
 */
final class ObjectStoreErrors {
  /** The store will not take this file's size: FTP's "exceeded storage allocation". */
  private static final Set<String> TOO_LARGE = Set.of("EntityTooLarge", "QuotaExceeded");
  /** The store will not take this name or its metadata: FTP's "file name not allowed". */
  private static final Set<String> NAME_REFUSED = Set.of("KeyTooLongError", "InvalidObjectName", "MetadataTooLarge");
  /** 4xx codes that a retry can pass: a slow or broken request, an expired token, a conflict. */
  private static final Set<String> TRANSIENT = Set.of("RequestTimeout", "IncompleteBody", "BadDigest",
      "XAmzContentSHA256Mismatch", "ExpiredToken", "TokenRefreshRequired", "OperationAborted", "SlowDown",
      "PreconditionFailed", "ConditionalRequestConflict");
  /** Fixed by whoever runs the bridge or the store, not by this upload. */
  private static final Set<String> CONFIGURATION = Set.of("NoSuchBucket", "AccessDenied", "InvalidAccessKeyId",
      "SignatureDoesNotMatch", "RequestTimeTooSkewed", "AllAccessDisabled", "InvalidBucketName", "AccountProblem");

  private ObjectStoreErrors() {}

  /** The failure to report for {@code what} (e.g. "storing the original") failing with {@code e}. */
  static UploadFailedException failure(String what, SdkException e) {
    return new UploadFailedException(reason(e), what + " failed: " + e.getMessage(), e);
  }

  static Reason reason(SdkException e) {
    if (!(e instanceof S3Exception s3) || s3.awsErrorDetails() == null) {
      return Reason.OBJECT_STORE; // no answer at all: network, timeout, the SDK's own retries spent
    }
    String code = s3.awsErrorDetails().errorCode();
    int status = s3.statusCode();
    if (code != null && TOO_LARGE.contains(code) || status == 413) {
      return Reason.STORE_REFUSED_SIZE;
    }
    if (code != null && NAME_REFUSED.contains(code) || status == 414) {
      return Reason.STORE_REFUSED_NAME;
    }
    if (code != null && (TRANSIENT.contains(code) || CONFIGURATION.contains(code))) {
      return Reason.OBJECT_STORE;
    }
    // Any other 4xx but a timeout or throttling is a verdict on the request; 5xx is an outage.
    boolean permanent = status >= 400 && status < 500 && status != 408 && status != 429
        && status != 403 && status != 404 && status != 409 && status != 412;
    return permanent ? Reason.STORE_REFUSED : Reason.OBJECT_STORE;
  }
}
