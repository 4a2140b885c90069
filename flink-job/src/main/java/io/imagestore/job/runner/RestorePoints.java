package io.imagestore.job.runner;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Finds the newest complete checkpoint or savepoint to restore from. A checkpoint or savepoint is
 * complete once its {@code _metadata} file exists — Flink writes it last. Layouts:
 * {@code <checkpoints>/<job-id>/chk-<n>/_metadata} and {@code <savepoints>/savepoint-*}{@code /_metadata}.
 */
public final class RestorePoints {
  static final String METADATA = "_metadata";

  /** A complete checkpoint or savepoint directory and when its metadata was written. */
  public record Candidate(String path, long modifiedAt) {}

  private RestorePoints() {}

  /** The most recently written of all complete checkpoints and savepoints, if any. */
  public static Optional<String> newest(String checkpointsDir, String savepointsDir) throws IOException {
    List<Candidate> all = new ArrayList<>();
    for (FileStatus job : list(new Path(checkpointsDir))) {
      if (job.isDir()) {
        for (FileStatus chk : list(job.getPath())) {
          if (chk.isDir() && chk.getPath().getName().startsWith("chk-")) {
            complete(chk.getPath()).ifPresent(all::add);
          }
        }
      }
    }
    for (FileStatus sp : list(new Path(savepointsDir))) {
      if (sp.isDir() && sp.getPath().getName().startsWith("savepoint-")) {
        complete(sp.getPath()).ifPresent(all::add);
      }
    }
    return all.stream().max(Comparator.comparingLong(Candidate::modifiedAt)
        .thenComparingLong(c -> checkpointNumber(c.path()))).map(Candidate::path);
  }

  private static Optional<Candidate> complete(Path dir) throws IOException {
    Path metadata = new Path(dir, METADATA);
    try {
      FileStatus status = metadata.getFileSystem().getFileStatus(metadata);
      return Optional.of(new Candidate(dir.toString(), status.getModificationTime()));
    } catch (FileNotFoundException e) {
      return Optional.empty();
    }
  }

  private static List<FileStatus> list(Path dir) throws IOException {
    FileSystem fs = dir.getFileSystem();
    try {
      if (!fs.exists(dir)) {
        return List.of();
      }
      FileStatus[] statuses = fs.listStatus(dir);
      return statuses == null ? List.of() : List.of(statuses);
    } catch (FileNotFoundException e) {
      return List.of();
    }
  }

  private static long checkpointNumber(String path) {
    int i = path.lastIndexOf("chk-");
    if (i < 0) {
      return -1;
    }
    try {
      return Long.parseLong(path.substring(i + 4).replaceAll("/+$", ""));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
