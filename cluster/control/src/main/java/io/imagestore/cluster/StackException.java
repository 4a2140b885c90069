package io.imagestore.cluster;

/** A stack operation that cannot go on; the message says what failed and where to look. */
public final class StackException extends RuntimeException {
  public StackException(String message) {
    super(message);
  }

  public StackException(String message, Throwable cause) {
    super(message, cause);
  }
}
