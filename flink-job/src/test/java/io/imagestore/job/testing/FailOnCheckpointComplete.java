package io.imagestore.job.testing;

import io.imagestore.schemas.UploadEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Passes uploads on; in the job's first attempt, once a checkpoint has been snapshotted after it
 * handled {@code uploads} of them, fails its task when that checkpoint's completion is notified —
 * the window in which the checkpoint is complete but the sinks may not have committed its Kafka
 * transactions yet. Recovery must then commit them from the checkpoint, neither losing nor
 * repeating a record.
 */
public final class FailOnCheckpointComplete extends ProcessFunction<UploadEvent, UploadEvent>
    implements CheckpointedFunction, CheckpointListener {
  private static final long serialVersionUID = 1L;
  public static final String MESSAGE = "injected fault on notifyCheckpointComplete";

  private final long uploads;
  private transient long handled;
  private transient boolean armed;
  private transient long snapshotted = -1;

  public FailOnCheckpointComplete(long uploads) {
    this.uploads = uploads;
  }

  @Override
  public void open(OpenContext context) {
    armed = getRuntimeContext().getTaskInfo().getAttemptNumber() == 0;
  }

  @Override
  public void processElement(UploadEvent event, Context ctx, Collector<UploadEvent> out) {
    handled++;
    out.collect(event);
  }

  @Override
  public void snapshotState(FunctionSnapshotContext context) {
    if (armed && snapshotted < 0 && handled >= uploads) {
      snapshotted = context.getCheckpointId();
    }
  }

  @Override
  public void initializeState(FunctionInitializationContext context) {}

  @Override
  public void notifyCheckpointComplete(long checkpointId) {
    if (armed && snapshotted >= 0 && checkpointId >= snapshotted) {
      armed = false;
      throw new IllegalStateException(MESSAGE + " of checkpoint " + checkpointId + " after " + handled + " uploads");
    }
  }
}
