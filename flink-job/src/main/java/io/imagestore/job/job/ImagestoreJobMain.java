package io.imagestore.job.job;

import io.imagestore.job.config.JobConfig;
import io.imagestore.job.config.JobConfigFile;
import io.imagestore.job.sink.TransactionTimeoutCheck;
import java.time.Duration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Entry point for a Flink cluster:
 *
 * <pre>flink run -c io.imagestore.job.job.ImagestoreJobMain imagestore-flink-job.jar \
 *     --config job.yaml [--set key=value ...]</pre>
 *
 * The configuration is validated, and the transaction timeout checked against the brokers,
 * before anything is submitted; an invalid setting stops here with a message naming its key.
 */
public final class ImagestoreJobMain {
  private ImagestoreJobMain() {}

  public static void main(String[] args) throws Exception {
    JobConfig config = JobConfigFile.fromArgs(args, System.getenv());
    TransactionTimeoutCheck.verify(config, Duration.ofSeconds(10));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(FlinkSettings.job(config));
    ImagestoreJob.withKafka(config).build(env);
    env.execute("imagestore");
  }
}
