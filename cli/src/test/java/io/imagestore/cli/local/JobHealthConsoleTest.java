package io.imagestore.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagestore.job.runner.JobFailure;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobHealthConsoleTest {
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final JobHealthConsole console =
      new JobHealthConsole(new PrintStream(buffer, true, StandardCharsets.UTF_8), "the log above");

  @Test
  void aRestartIsOneLineWithItsNumberAndCause() {
    console.restarting(new JobFailure(Instant.now(), "java.lang.OutOfMemoryError: Java heap space", "dedup (1/2)"), 3);

    assertThat(output()).isEqualTo("imagestore local: the job failed and restarts from its last checkpoint (restart 3):"
        + " java.lang.OutOfMemoryError: Java heap space (in dedup (1/2))\n");
    assertThat(console.failedForGood()).isNotDone();
  }

  @Test
  void failingForGoodSaysSoWhereToLookAndEndsTheWait() {
    JobFailure failure = new JobFailure(Instant.now(), "java.lang.IllegalStateException: broken", "");

    console.failedForGood(failure);

    assertThat(output()).contains("the job FAILED for good and processes nothing more: java.lang.IllegalStateException: broken")
        .contains("details in the log above; stopping");
    assertThat(console.failedForGood()).isCompletedWithValue(failure);
  }

  private String output() {
    return buffer.toString(StandardCharsets.UTF_8);
  }
}
