package io.imagestore.job.savepoints;

import java.util.Map;

/** The README.md of a release's savepoint folder, from its manifest. */
final class ReleaseSavepointReadme {
  private ReleaseSavepointReadme() {}

  static String render(SavepointManifest m) {
    StringBuilder md = new StringBuilder();
    md.append("# Savepoint of release ").append(m.release()).append("\n\n");
    md.append("Taken by `savepoints/make-savepoint.sh` (`MakeReleaseSavepoint`): the job as built at ")
        .append(m.jobVersion()).append(" on the embedded stack, over a fixed input, stopped with a savepoint. ")
        .append("Restored by `ReleaseSavepointIT` and checked by `ReleaseSavepointUidsTest`; ")
        .append("the procedure is in [../README.md](../README.md). Never edit or replace these files.\n\n");
    md.append("| | |\n|---|---|\n");
    row(md, "job version", m.jobVersion());
    row(md, "Flink", m.flinkVersion());
    row(md, "state backend it was taken on", m.stateBackend());
    row(md, "format", m.format() + " (restores on rocksdb and hashmap)");
    row(md, "parallelism / max parallelism", m.parallelism() + " / " + m.maxParallelism());
    row(md, "uploads topic", "`" + m.uploadsTopic() + "`, " + m.partitions() + " partitions");
    row(md, "consumer group", "`" + m.consumerGroup() + "`");
    row(md, "transactional id prefix", "`" + m.transactionalIdPrefix() + "` (sinks: `"
        + m.transactionalIdPrefix() + "-metadata`, `" + m.transactionalIdPrefix() + "-rejects`)");
    row(md, "uids with state", String.join(", ", m.statefulUids().stream().map(u -> "`" + u + "`").toList()));
    md.append("\n## Source offsets\n\nThe Kafka source resumes each partition of `").append(m.uploadsTopic())
        .append("` at:\n\n| partition | offset |\n|---|---|\n");
    for (Map.Entry<Integer, Long> offset : m.endOffsets().entrySet()) {
      md.append("| ").append(offset.getKey()).append(" | ").append(offset.getValue()).append(" |\n");
    }
    md.append("\n## Dedup state\n\n").append(m.uploads().size())
        .append(" keys in `uploads-seen` (operator `dedup-by-content-hash`), one per distinct upload; ")
        .append("the files are in `uploads/` (`sha256sum uploads/*`).\n\n")
        .append("| sha256 | file | uploads | outcome |\n|---|---|---|---|\n");
    for (SavepointManifest.SeenUpload upload : m.uploads()) {
      md.append("| `").append(upload.sha256()).append("` | ").append(upload.file()).append(" | ")
          .append(upload.times()).append(" | ").append(upload.outcome()).append(" |\n");
    }
    md.append("\n`savepoint.json` holds the same, for the tests.\n");
    return md.toString();
  }

  private static void row(StringBuilder md, String what, String value) {
    md.append("| ").append(what).append(" | ").append(value).append(" |\n");
  }
}
