package io.imagestore.job.storage;

import java.io.IOException;

/**
 * The object store served other bytes than the upload event describes. Retried (an overwrite may
 * be in flight), then it fails the job rather than process bytes nobody uploaded as this upload.
 */
public class OriginalMismatchException extends IOException {
  private static final long serialVersionUID = 1L;

  public OriginalMismatchException(String message) {
    super(message);
  }
}
