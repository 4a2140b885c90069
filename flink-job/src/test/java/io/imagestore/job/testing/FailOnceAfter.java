package io.imagestore.job.testing;

import io.imagestore.schemas.UploadEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Passes uploads on; in the job's first attempt only, fails its task once it has handled {@code
 * uploads} of them, to prove that a restart loses and duplicates nothing.
 */
public final class FailOnceAfter extends ProcessFunction<UploadEvent, UploadEvent> {
  private static final long serialVersionUID = 1L;
  public static final String MESSAGE = "injected fault";

  private final long uploads;
  private transient long handled;
  private transient boolean armed;

  public FailOnceAfter(long uploads) {
    this.uploads = uploads;
  }

  @Override
  public void open(OpenContext context) {
    armed = getRuntimeContext().getTaskInfo().getAttemptNumber() == 0;
  }

  @Override
  public void processElement(UploadEvent event, Context ctx, Collector<UploadEvent> out) {
    if (armed && handled >= uploads) {
      throw new IllegalStateException(MESSAGE + " after " + handled + " uploads");
    }
    handled++;
    out.collect(event);
  }
}
