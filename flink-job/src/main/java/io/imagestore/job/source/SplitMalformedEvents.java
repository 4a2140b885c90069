package io.imagestore.job.source;

import io.imagestore.job.records.JobTypes;
import io.imagestore.job.records.RawUpload;
import io.imagestore.job.records.RejectRecord;
import io.imagestore.schemas.UploadEvent;
import java.time.Clock;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Valid upload events go on; malformed ones leave through {@link #MALFORMED} as rejects. */
public final class SplitMalformedEvents extends ProcessFunction<RawUpload, UploadEvent> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(SplitMalformedEvents.class);

  public static final OutputTag<RejectRecord> MALFORMED = new OutputTag<>("malformed-events", JobTypes.REJECT);

  private final String jobVersion;
  private final String originalsBucket;
  private final String originalsPrefix;
  private transient UploadEventParser parser;
  private transient Counter malformed;

  public SplitMalformedEvents(String jobVersion, String originalsBucket, String originalsPrefix) {
    this.jobVersion = jobVersion;
    this.originalsBucket = originalsBucket;
    this.originalsPrefix = originalsPrefix;
  }

  @Override
  public void open(OpenContext context) {
    parser = new UploadEventParser(jobVersion, Clock.systemUTC(), originalsBucket, originalsPrefix);
    malformed = getRuntimeContext().getMetricGroup().counter("malformedEvents");
  }

  @Override
  public void processElement(RawUpload raw, Context ctx, Collector<UploadEvent> out) {
    UploadEventParser.Result result = parser.parse(raw);
    if (result.isEvent()) {
      out.collect(result.event());
    } else {
      malformed.inc();
      LOG.debug("malformed upload event key={}: {}", raw.key(), result.reject().reject().message());
      ctx.output(MALFORMED, result.reject());
    }
  }
}
