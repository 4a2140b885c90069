package io.imagestore.job.runner;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.JobID;

/**
 * A job's checkpoint statistics from the cluster's REST API ({@code /jobs/<id>/checkpoints}, what
 * the Flink web UI's Checkpoints tab shows). Entries can lag by {@code web.refresh-interval}.
 */
public final class CheckpointStats {

  /**
   * One checkpoint as the history lists it.
   *
   * @param duration trigger to last acknowledgement; for one in progress, so far
   * @param persistedInFlightBytes in-flight data stored with an unaligned checkpoint
   * @param checkpointedBytes what this checkpoint wrote (for an incremental one, only the new files)
   * @param stateBytes the full size of the state it covers
   */
  public record Checkpoint(long id, String status, boolean unaligned, boolean savepoint, Instant triggeredAt,
      Duration duration, long persistedInFlightBytes, long checkpointedBytes, long stateBytes) {
    public boolean completed() {
      return "COMPLETED".equals(status);
    }

    public boolean inProgress() {
      return "IN_PROGRESS".equals(status);
    }
  }

  private final FlinkRestClient rest;
  private final JobID job;

  public CheckpointStats(URI rest, JobID job) {
    this.rest = new FlinkRestClient(rest);
    this.job = job;
  }

  /** The checkpoints Flink remembers for the job (by default the last 10), newest first. */
  public List<Checkpoint> history(Instant now) throws IOException, InterruptedException {
    List<Checkpoint> checkpoints = new ArrayList<>();
    for (JsonNode entry : rest.get("/jobs/" + job + "/checkpoints").path("history")) {
      String status = entry.path("status").asText();
      Instant triggered = Instant.ofEpochMilli(entry.path("trigger_timestamp").asLong());
      Duration duration = "IN_PROGRESS".equals(status) ? Duration.between(triggered, now)
          : Duration.ofMillis(entry.path("end_to_end_duration").asLong());
      checkpoints.add(new Checkpoint(entry.path("id").asLong(), status,
          entry.path("checkpoint_type").asText().contains("UNALIGNED"), entry.path("is_savepoint").asBoolean(),
          triggered, duration, entry.path("persisted_data").asLong(), entry.path("checkpointed_size").asLong(),
          entry.path("state_size").asLong()));
    }
    return checkpoints;
  }

  /** Checkpoint {@code id} as the history lists it, once it is there. */
  public java.util.Optional<Checkpoint> checkpoint(long id) throws IOException, InterruptedException {
    return history(Instant.now()).stream().filter(c -> c.id() == id).findFirst();
  }

  /** The state backend the job runs on, as Flink names it (e.g. EmbeddedRocksDBStateBackend). */
  public String stateBackend() throws IOException, InterruptedException {
    return rest.get("/jobs/" + job + "/checkpoints/config").path("state_backend").asText();
  }
}
