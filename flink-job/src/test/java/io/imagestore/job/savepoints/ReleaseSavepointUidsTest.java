package io.imagestore.job.savepoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagestore.job.config.JobConfig;
import io.imagestore.job.job.FlinkSettings;
import io.imagestore.job.job.ImagestoreJob;
import io.imagestore.job.records.JobVersion;
import io.imagestore.objectstore.ObjectStoreSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamGraphHasherV2;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a restore of each committed release savepoint needs from the topology as built now, read
 * from the savepoint's metadata without running anything — so a changed uid or max parallelism
 * fails here, with the reason, before the slower {@link ReleaseSavepointIT} fails at job start.
 */
class ReleaseSavepointUidsTest {
  private static final JobConfig PRODUCTION = JobConfig.defaults("127.0.0.1:9092",
      ObjectStoreSettings.pathStyle("http://127.0.0.1:9000", "ak", "sk"));

  static Stream<String> releases() {
    return ReleaseSavepoints.releases().stream().map(release -> release.getFileName().toString());
  }

  @Test
  void aReleaseBuildHasItsSavepoint() {
    assertThat(releases()).as("savepoint folders under savepoints/").isNotEmpty();
    String version = JobVersion.current();
    // Between releases (-SNAPSHOT) the next savepoint does not exist yet; a release has its own.
    if (!version.endsWith("-SNAPSHOT")) {
      assertThat(folder(ReleaseSavepoints.release(version)).resolve("_metadata"))
          .as("release %s has no savepoint: run savepoints/make-savepoint.sh and commit the folder", version)
          .isRegularFile();
    }
  }

  @ParameterizedTest(name = "savepoint {0}")
  @MethodSource("releases")
  void everyUidWithStateInTheSavepointIsAnOperatorOfTheJob(String release) throws Exception {
    SavepointContents savepoint = SavepointContents.load(folder(release));
    // uid → the operator id Flink derives from it, which is what a restore matches state by.
    Map<String, String> job = topology().getStreamNodes().stream()
        .map(StreamNode::getTransformationUID)
        .collect(Collectors.toMap(uid -> uid, uid -> new OperatorID(StreamGraphHasherV2.generateUserSpecifiedHash(uid)).toHexString()));

    assertThat(savepoint.stateful()).as("operators with state in savepoint %s", release).isNotEmpty();
    for (SavepointContents.Operator saved : savepoint.stateful()) {
      assertThat(saved.uid()).as("savepoint %s names the uid of operator %s", release, saved.operatorId()).isNotEmpty();
      assertThat(job).as("savepoint %s holds state of uid '%s' (%s), but the job as built now has no operator with"
              + " that uid: the restore fails (the job never allows non-restored state), and with"
              + " --allow-non-restored-state that state would be dropped. Keep the uid (docs/flink-job.md, Operators and"
              + " uids).", release, saved.uid(), saved.name())
          .containsEntry(saved.uid(), saved.operatorId());
    }
  }

  @ParameterizedTest(name = "savepoint {0}")
  @MethodSource("releases")
  void theManifestNamesTheUidsTheSavepointHoldsStateFor(String release) throws Exception {
    SavepointContents savepoint = SavepointContents.load(folder(release));

    assertThat(SavepointManifest.read(folder(release)).statefulUids())
        .containsExactlyInAnyOrderElementsOf(savepoint.stateful().stream().map(SavepointContents.Operator::uid).toList());
  }

  @ParameterizedTest(name = "savepoint {0}")
  @MethodSource("releases")
  void itWasTakenWithTheMaxParallelismTheJobSetsNow(String release) throws Exception {
    int now = FlinkSettings.job(PRODUCTION).get(PipelineOptions.MAX_PARALLELISM);

    for (SavepointContents.Operator saved : SavepointContents.load(folder(release)).stateful()) {
      assertThat(saved.maxParallelism()).as("max parallelism (key groups) of '%s' in savepoint %s: Flink refuses a"
              + " restore at another one, so state.maxParallelism never changes once state exists", saved.uid(), release)
          .isEqualTo(now);
    }
  }

  @ParameterizedTest(name = "savepoint {0}")
  @MethodSource("releases")
  void itsKeyedStateIsCanonicalSoEitherBackendRestoresIt(String release) throws Exception {
    SavepointContents savepoint = SavepointContents.load(folder(release));

    assertThat(savepoint.stateful()).filteredOn(SavepointContents.Operator::hasKeyedState)
        .extracting(SavepointContents.Operator::uid).containsExactly(ImagestoreJob.UID_DEDUP);
    for (SavepointContents.Operator saved : savepoint.stateful()) {
      assertThat(saved.canonicalKeyedState()).as("keyed state of '%s' in savepoint %s is canonical (was %s): a"
          + " native savepoint restores only on the backend that took it", saved.uid(), release, saved.keyedStateFormats())
          .isTrue();
    }
  }

  private static Path folder(String release) {
    return ReleaseSavepoints.folder().resolve(release);
  }

  private static StreamGraph topology() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(FlinkSettings.job(PRODUCTION));
    ImagestoreJob.withKafka(PRODUCTION).build(env);
    return env.getStreamGraph();
  }
}
