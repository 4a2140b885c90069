package io.imagestore.job.records;

import io.imagestore.schemas.ContractCodec;
import io.imagestore.schemas.ContractViolationException;
import io.imagestore.schemas.ImageMetadata;
import io.imagestore.schemas.ImageReject;
import io.imagestore.schemas.UploadEvent;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** The concrete serializers; each has a snapshot class so savepoints can restore it. */
public final class Serializers {
  private Serializers() {}

  public static final class UploadEventSerializer extends ContractSerializer<UploadEvent> {
    private static final long serialVersionUID = 1L;
    static final UploadEventSerializer INSTANCE = new UploadEventSerializer();

    UploadEventSerializer() {
      super(UploadEvent.class);
    }

    @Override
    public TypeSerializerSnapshot<UploadEvent> snapshotConfiguration() {
      return new Snapshot();
    }

    public static final class Snapshot extends SimpleTypeSerializerSnapshot<UploadEvent> {
      public Snapshot() {
        super(() -> INSTANCE);
      }
    }
  }

  public static final class ImageMetadataSerializer extends ContractSerializer<ImageMetadata> {
    private static final long serialVersionUID = 1L;
    static final ImageMetadataSerializer INSTANCE = new ImageMetadataSerializer();

    ImageMetadataSerializer() {
      super(ImageMetadata.class);
    }

    @Override
    public TypeSerializerSnapshot<ImageMetadata> snapshotConfiguration() {
      return new Snapshot();
    }

    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ImageMetadata> {
      public Snapshot() {
        super(() -> INSTANCE);
      }
    }
  }

  public static final class RawUploadSerializer extends ImmutableRecordSerializer<RawUpload> {
    private static final long serialVersionUID = 1L;
    static final RawUploadSerializer INSTANCE = new RawUploadSerializer();

    @Override
    public void serialize(RawUpload record, DataOutputView target) throws IOException {
      writeNullableString(record.key(), target);
      writeBytes(record.value(), target);
    }

    @Override
    public RawUpload deserialize(DataInputView source) throws IOException {
      return new RawUpload(readNullableString(source), readBytes(source));
    }

    @Override
    public TypeSerializerSnapshot<RawUpload> snapshotConfiguration() {
      return new Snapshot();
    }

    public static final class Snapshot extends SimpleTypeSerializerSnapshot<RawUpload> {
      public Snapshot() {
        super(() -> INSTANCE);
      }
    }
  }

  public static final class RejectRecordSerializer extends ImmutableRecordSerializer<RejectRecord> {
    private static final long serialVersionUID = 1L;
    static final RejectRecordSerializer INSTANCE = new RejectRecordSerializer();

    @Override
    public void serialize(RejectRecord record, DataOutputView target) throws IOException {
      writeNullableString(record.kafkaKey(), target);
      writeBytes(ContractCodec.shared().write(record.reject()), target);
    }

    @Override
    public RejectRecord deserialize(DataInputView source) throws IOException {
      String key = readNullableString(source);
      try {
        return new RejectRecord(key, ContractCodec.shared().readUnchecked(readBytes(source), ImageReject.class));
      } catch (ContractViolationException e) {
        throw new IOException("cannot read ImageReject: " + e.getMessage(), e);
      }
    }

    @Override
    public TypeSerializerSnapshot<RejectRecord> snapshotConfiguration() {
      return new Snapshot();
    }

    public static final class Snapshot extends SimpleTypeSerializerSnapshot<RejectRecord> {
      public Snapshot() {
        super(() -> INSTANCE);
      }
    }
  }
}
