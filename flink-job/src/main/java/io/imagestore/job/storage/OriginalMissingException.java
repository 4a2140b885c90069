package io.imagestore.job.storage;

/** The object store answered, and the original an upload event names is not there. */
public class OriginalMissingException extends Exception {
  private static final long serialVersionUID = 1L;

  public OriginalMissingException(String message) {
    super(message);
  }
}
