package io.imagestore.job.storage;

/**
 * The object store failed a request after every retry. Not a property of the image: the
 * operator lets it fail the task so Flink restarts from the last checkpoint.
 */
public class ObjectStoreUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ObjectStoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
