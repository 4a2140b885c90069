package io.imagestore.cli.bench;

import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Counts the HTTP requests an S3 client sends, retries included: it sees each attempt just before
 * it goes on the wire, so what it counts is what the store had to serve.
 */
final class BridgeBenchRequestCounter implements ExecutionInterceptor {
  private final AtomicLong requests = new AtomicLong();

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    requests.incrementAndGet();
  }

  long count() {
    return requests.get();
  }
}
