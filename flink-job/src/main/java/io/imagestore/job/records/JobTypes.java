package io.imagestore.job.records;

import io.imagestore.schemas.ImageMetadata;
import io.imagestore.schemas.UploadEvent;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** Type information for every record type that flows between the job's operators. */
public final class JobTypes {
  public static final TypeInformation<RawUpload> RAW_UPLOAD =
      new RecordTypeInfo<>(RawUpload.class, Serializers.RawUploadSerializer.INSTANCE);
  public static final TypeInformation<UploadEvent> UPLOAD_EVENT =
      new RecordTypeInfo<>(UploadEvent.class, Serializers.UploadEventSerializer.INSTANCE);
  public static final TypeInformation<ImageMetadata> IMAGE_METADATA =
      new RecordTypeInfo<>(ImageMetadata.class, Serializers.ImageMetadataSerializer.INSTANCE);
  public static final TypeInformation<RejectRecord> REJECT =
      new RecordTypeInfo<>(RejectRecord.class, Serializers.RejectRecordSerializer.INSTANCE);

  private JobTypes() {}
}
