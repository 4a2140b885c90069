package io.imagestore.job.source;

import io.imagestore.job.records.JobTypes;
import io.imagestore.job.records.RawUpload;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Passes each upload-event record on as bytes and never throws: a deserializer that threw on a
 * malformed payload would fail the source, restart the job, and fail again on the same offset
 * forever. Parsing happens in {@link UploadEventParser}, which turns bad input into a reject.
 */
public final class RawUploadDeserializer implements KafkaRecordDeserializationSchema<RawUpload> {
  private static final long serialVersionUID = 1L;

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawUpload> out) {
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    out.collect(new RawUpload(key, record.value()));
  }

  @Override
  public TypeInformation<RawUpload> getProducedType() {
    return JobTypes.RAW_UPLOAD;
  }
}
