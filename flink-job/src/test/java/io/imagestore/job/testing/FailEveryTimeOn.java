package io.imagestore.job.testing;

import io.imagestore.schemas.UploadEvent;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** Passes uploads on, but fails its task on every attempt at an upload whose path ends with {@code suffix}. */
public final class FailEveryTimeOn extends ProcessFunction<UploadEvent, UploadEvent> {
  private static final long serialVersionUID = 1L;
  public static final String MESSAGE = "injected fault on";

  private final String suffix;

  public FailEveryTimeOn(String suffix) {
    this.suffix = suffix;
  }

  @Override
  public void processElement(UploadEvent event, Context ctx, Collector<UploadEvent> out) {
    if (event.originalPath().endsWith(suffix)) {
      throw new IllegalStateException(MESSAGE + " " + event.originalPath());
    }
    out.collect(event);
  }
}
