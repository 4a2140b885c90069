package io.imagestore.schemas;

/** Why an upload could not become an image. The names are part of the reject contract. */
public enum RejectReason {
  /** The upload event could not be parsed or broke its schema. */
  MALFORMED_EVENT,
  /** The event names an original the object store does not have. */
  ORIGINAL_MISSING,
  EMPTY_FILE,
  /** More bytes than the job's configured limit. */
  FILE_TOO_LARGE,
  /** The bytes are no image format at all (e.g. text named .jpg). */
  NOT_AN_IMAGE,
  /** An image format the job does not process. */
  UNSUPPORTED_FORMAT,
  /** The header declares more pixels than the limit: refused before decoding (decompression bomb). */
  TOO_MANY_PIXELS,
  /** The stream ends before the image data does. */
  TRUNCATED,
  /** The decoder failed on the data. */
  CORRUPT,
  /** Anything else that went wrong for this one image. */
  PROCESSING_FAILED
}
