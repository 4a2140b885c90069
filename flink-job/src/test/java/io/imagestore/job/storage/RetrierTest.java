package io.imagestore.job.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagestore.job.config.RetrySettings;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetrierTest {
  private final List<Duration> sleeps = new ArrayList<>();
  private final Retrier retrier = new Retrier(
      new RetrySettings(4, Duration.ofMillis(100), Duration.ofMillis(250)), sleeps::add);

  @Test
  void retriesTransientFailuresWithGrowingCappedBackoff() {
    AtomicInteger calls = new AtomicInteger();
    String result = retrier.call("GET x", e -> e instanceof IOException, () -> {
      if (calls.incrementAndGet() < 4) {
        throw new IOException("connection reset");
      }
      return "ok";
    });

    assertThat(result).isEqualTo("ok");
    assertThat(calls).hasValue(4);
    assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(250));
  }

  @Test
  void givesUpAfterTheLastAttemptWithTheLastError() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(() -> retrier.call("PUT y", e -> true, () -> {
      throw new IOException("down #" + calls.incrementAndGet());
    }))
        .isInstanceOf(ObjectStoreUnavailableException.class)
        .hasMessageContaining("PUT y failed 4 times")
        .hasMessageContaining("down #4");
    assertThat(calls).hasValue(4);
  }

  @Test
  void nonRetryableFailuresPropagateAtOnce() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(() -> retrier.call("GET z", e -> false, () -> {
      calls.incrementAndGet();
      throw new IllegalStateException("access denied");
    })).isInstanceOf(IllegalStateException.class).hasMessage("access denied");
    assertThat(calls).hasValue(1);
    assertThat(sleeps).isEmpty();
  }
}
