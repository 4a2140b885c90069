package io.imagestore.job.runner;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.JobID;

/**
 * Reads a job's failures from the cluster's REST API ({@code /jobs/<id>/exceptions}, what the
 * Flink web UI shows) so a console can say when the job failed and restarted rather than go
 * quiet. The REST API caches a job's graph for {@code web.refresh-interval}: entries can lag.
 */
public final class JobExceptionHistory {

  private final FlinkRestClient rest;
  private final JobID job;

  public JobExceptionHistory(URI rest, JobID job) {
    this.rest = new FlinkRestClient(rest);
    this.job = job;
  }

  /** The failures Flink still holds for the job, oldest first. */
  public List<JobFailure> failures() throws IOException, InterruptedException {
    JsonNode entries = rest.get("/jobs/" + job + "/exceptions?maxExceptions=50").path("exceptionHistory").path("entries");
    List<JobFailure> failures = new ArrayList<>();
    for (JsonNode entry : entries) {
      failures.add(new JobFailure(Instant.ofEpochMilli(entry.path("timestamp").asLong()),
          rootCause(entry.path("stacktrace").asText(entry.path("exceptionName").asText("unknown failure"))),
          entry.path("taskName").isTextual() ? entry.path("taskName").asText() : ""));
    }
    failures.sort(Comparator.comparing(JobFailure::at));
    return failures;
  }


  /**
   * The innermost cause of a stack trace, as its first line: Flink wraps what an operator threw
   * (e.g. in "Failed to deserialize consumer record" when the operator is chained to the source),
   * and the wrapper says nothing about what went wrong.
   */
  public static String rootCause(String stackTrace) {
    String cause = stackTrace.strip();
    int end = cause.indexOf('\n');
    String line = end < 0 ? cause : cause.substring(0, end);
    for (String l : cause.split("\n")) {
      String t = l.strip();
      if (t.startsWith("Caused by: ")) {
        line = t.substring("Caused by: ".length());
      }
    }
    return line.strip();
  }
}
