package io.imagestore.job.savepoints;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code savepoint.json} next to a release's savepoint: how it was taken and what it holds, so the
 * compatibility test can line a fresh broker up with it and knows which uploads are in its dedup
 * state. Written by {@link MakeReleaseSavepoint}; the README says the same for people.
 *
 * @param release the release the savepoint belongs to ({@code 0.1.0})
 * @param jobVersion the job's version as the records carry it
 * @param stateBackend the backend the savepoint was taken on (it is canonical: either restores it)
 * @param uploadsTopic the source's topic; the source state names it, so a restore reads it again
 * @param endOffsets per partition of the uploads topic, the offset the source resumes at
 * @param consumerGroup the source's group (offsets are also committed there)
 * @param transactionalIdPrefix the deployment prefix the sinks' transactional ids derive from
 * @param uploads every distinct upload the job had seen: the dedup state's keys
 * @param statefulUids the uids the savepoint holds state for
 */
public record SavepointManifest(
    String release,
    String jobVersion,
    String flinkVersion,
    String stateBackend,
    String format,
    int parallelism,
    int maxParallelism,
    String uploadsTopic,
    Map<Integer, Long> endOffsets,
    String consumerGroup,
    String transactionalIdPrefix,
    List<SeenUpload> uploads,
    List<String> statefulUids) {

  public static final String FILE = "savepoint.json";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * One distinct content in the dedup state.
   *
   * @param file under the release folder ({@code uploads/…}), the very bytes uploaded
   * @param times how often it was uploaded before the savepoint (the state's counter)
   * @param outcome {@code image}, or the reject reason (a final reject also marks the bytes seen)
   */
  public record SeenUpload(String file, String sha256, int times, String outcome) {}

  public static SavepointManifest read(Path releaseDir) throws IOException {
    return JSON.readValue(releaseDir.resolve(FILE).toFile(), SavepointManifest.class);
  }

  public void write(Path releaseDir) throws IOException {
    JSON.writeValue(releaseDir.resolve(FILE).toFile(), this);
  }

  public int partitions() {
    return endOffsets.size();
  }
}
