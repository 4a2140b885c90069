package io.imagestore.job.records;

import io.imagestore.schemas.ContractCodec;
import io.imagestore.schemas.ContractViolationException;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A contract record on the wire between operators: its published JSON form, read back without
 * validation. Validating here would make one record that breaks its schema fail the task on
 * every restart (a crash loop); records are checked against their schema once, where they leave
 * the processing operator ({@code OutgoingRecords}), and a violation becomes a reject.
 */
abstract class ContractSerializer<T> extends ImmutableRecordSerializer<T> {
  private static final long serialVersionUID = 1L;

  private final Class<T> type;

  ContractSerializer(Class<T> type) {
    this.type = type;
  }

  @Override
  public void serialize(T record, DataOutputView target) throws IOException {
    writeBytes(ContractCodec.shared().write(record), target);
  }

  @Override
  public T deserialize(DataInputView source) throws IOException {
    try {
      return ContractCodec.shared().readUnchecked(readBytes(source), type);
    } catch (ContractViolationException e) {
      throw new IOException("cannot read " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }
}
