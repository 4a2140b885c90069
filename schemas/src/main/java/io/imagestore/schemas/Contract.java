package io.imagestore.schemas;

/** A record type of the public contract, bound to its JSON Schema file under {@code schemas/json/}. */
public enum Contract {
  UPLOAD_EVENT(UploadEvent.class, "upload-event.v1.schema.json"),
  IMAGE_METADATA(ImageMetadata.class, "image-metadata.v1.schema.json"),
  IMAGE_REJECT(ImageReject.class, "image-reject.v1.schema.json");

  private final Class<?> recordType;
  private final String schemaFile;

  Contract(Class<?> recordType, String schemaFile) {
    this.recordType = recordType;
    this.schemaFile = schemaFile;
  }

  public Class<?> recordType() {
    return recordType;
  }

  public String schemaFile() {
    return schemaFile;
  }

  /** Classpath location of the schema file (packaged from {@code schemas/json/}). */
  public String schemaResource() {
    return "/io/imagestore/schemas/json/" + schemaFile;
  }

  public static Contract of(Class<?> recordType) {
    for (Contract c : values()) {
      if (c.recordType == recordType) {
        return c;
      }
    }
    throw new IllegalArgumentException(recordType.getName() + " is not a contract record type");
  }
}
