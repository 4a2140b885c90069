package io.imagestore.objectstore;

import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;

/** Builds S3 clients that work against every store imagestore supports. */
public final class S3Clients {

  private S3Clients() {}

  /**
   * A synchronous client. Checksums are computed only when an operation requires them: with the
   * SDK's default (always), Ceph RGW 16.2 answers PutObject/UploadPart with HTTP 400.
   * Request bodies must be replayable (bytes, files, or streams with a known length that the SDK
   * can mark and reset) because the payload hash is computed before sending.
   *
   * @param maxConnections size of the connection pool; match it to the threads using the client
   */
  public static S3Client create(ObjectStoreSettings settings, int maxConnections) {
    return builder(settings, maxConnections).build();
  }

  /**
   * {@link #create(ObjectStoreSettings, int)} with {@code interceptors} on every request, e.g. to
   * count what a component asks of the store.
   */
  public static S3Client create(ObjectStoreSettings settings, int maxConnections,
      List<ExecutionInterceptor> interceptors) {
    return builder(settings, maxConnections)
        .overrideConfiguration(o -> interceptors.forEach(o::addExecutionInterceptor))
        .build();
  }

  /**
   * {@link #create(ObjectStoreSettings, int)} with every retry and time limit of {@code policy}.
   * The retry strategy's token bucket (circuit breaker) is off: after an outage it would refuse
   * retries for a while, and a refused retry fails the job, which restarts at a bounded pace anyway.
   */
  public static S3Client create(ObjectStoreSettings settings, int maxConnections, S3CallPolicy policy) {
    return create(settings, maxConnections, policy, List.of());
  }

  /** {@link #create(ObjectStoreSettings, int, S3CallPolicy)} with {@code interceptors} on every request. */
  public static S3Client create(ObjectStoreSettings settings, int maxConnections, S3CallPolicy policy,
      List<ExecutionInterceptor> interceptors) {
    BackoffStrategy backoff = BackoffStrategy.exponentialDelay(policy.initialBackoff(), policy.maxBackoff());
    return builder(settings, maxConnections)
        .overrideConfiguration(o -> o
            .executionInterceptors(new java.util.ArrayList<>(interceptors))
            .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(policy.attempts())
                .backoffStrategy(backoff)
                .throttlingBackoffStrategy(backoff)
                .circuitBreakerEnabled(false)
                .build())
            .apiCallAttemptTimeout(policy.attemptTimeout())
            .apiCallTimeout(policy.callTimeout()))
        .build();
  }

  private static S3ClientBuilder builder(ObjectStoreSettings settings, int maxConnections) {
    return S3Client.builder()
        .endpointOverride(settings.endpoint())
        .region(Region.of(settings.region()))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())))
        // Plain signed payloads, not aws-chunked: RGW 16.2 answers an aws-chunked zero-length
        // PutObject with HTTP 400 (op status -2040), and empty objects are legitimate (an empty
        // upload is kept and rejected by the job, FTP directory markers). The SDK hashes the payload
        // either way, so this costs no extra CPU.
        .serviceConfiguration(S3Configuration.builder()
            .pathStyleAccessEnabled(settings.pathStyle())
            .chunkedEncodingEnabled(false)
            .build())
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .httpClientBuilder(
            ApacheHttpClient.builder()
                .maxConnections(maxConnections)
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(60)));
  }
}
