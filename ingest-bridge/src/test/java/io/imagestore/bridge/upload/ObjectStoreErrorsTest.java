package io.imagestore.bridge.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagestore.bridge.upload.UploadFailedException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class ObjectStoreErrorsTest {

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
      // Tied to this upload: a retry gets the same answer, so the camera must be told to stop.
      "400, EntityTooLarge,           552",
      "403, QuotaExceeded,            552",
      "413, '',                       552",
      "400, KeyTooLongError,          553",
      "400, MetadataTooLarge,         553",
      "400, InvalidObjectName,        553",
      "400, InvalidArgument,          550",
      "400, InvalidRequest,           550",
      "411, MissingContentLength,     550",
      // Outages, throttling, slow or broken requests: try again later.
      "500, InternalError,            451",
      "503, SlowDown,                 451",
      "503, ServiceUnavailable,       451",
      "400, RequestTimeout,           451",
      "408, '',                       451",
      "429, '',                       451",
      "400, BadDigest,                451",
      "400, ExpiredToken,             451",
      "409, OperationAborted,         451",
      "412, PreconditionFailed,       451",
      // The bridge's or the store's configuration: an operator fixes it, then the retry succeeds.
      "404, NoSuchBucket,             451",
      "403, AccessDenied,             451",
      "403, InvalidAccessKeyId,       451",
      "403, SignatureDoesNotMatch,    451",
      "403, RequestTimeTooSkewed,     451",
  })
  void aRetryIsAskedForOnlyWhereItCanSucceed(int status, String code, int reply) {
    S3Exception e = (S3Exception) S3Exception.builder().statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code.isEmpty() ? null : code).build())
        .message(code).build();
    UploadFailedException failure = ObjectStoreErrors.failure("storing the original", e);
    assertThat(failure.reason().replyCode).isEqualTo(reply);
    assertThat(failure).hasMessageStartingWith("storing the original failed: ").hasCause(e);
  }

  @Test
  void noAnswerAtAllIsAnOutage() {
    assertThat(ObjectStoreErrors.reason(SdkClientException.create("Unable to execute HTTP request: Connection refused")))
        .isEqualTo(Reason.OBJECT_STORE);
  }
}
