package io.imagestore.job.records;

import io.imagestore.schemas.ContractCodec;
import io.imagestore.schemas.ContractViolationException;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A contract record on the wire between operators: its published JSON form, validated again when
 * read — a record that breaks its schema fails loudly inside the job, not at the indexer.
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
      return ContractCodec.shared().read(readBytes(source), type);
    } catch (ContractViolationException e) {
      throw new IOException("cannot read " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }
}
