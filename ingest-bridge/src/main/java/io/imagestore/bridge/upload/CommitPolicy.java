package io.imagestore.bridge.upload;

import java.util.Set;

/**
 * When a complete-looking transfer may be published. In stream mode the end of a file is the data
 * connection closing, so a client killed mid-file, or one whose local read failed (FileZilla and
 * commons-net then close the data connection normally), ends its data like a finished upload.
 *
 * @param containerCheck what the end of a JPEG or PNG tells (see {@link ContainerCheck})
 * @param publishOnRenameOnly accounts whose STORs are stored but published only by RNTO, as
 *     temporary names are: a client that dies mid-file never renames, so nothing cut is published
 */
public record CommitPolicy(ContainerCheck containerCheck, Set<String> publishOnRenameOnly) {

  /**
   * What the bridge does with the container's structure, followed while the bytes arrive (JPEG
   * segments up to the top-level end-of-image marker, PNG chunks up to {@code IEND}).
   */
  public enum ContainerCheck {
    /**
     * A JPEG or PNG that reached its end marker is committed at once; anything else (other
     * formats, a JPEG or PNG without its end) first waits briefly for a vanished client's control
     * connection to close and is published if the client is still connected. The default: a
     * source file that is itself truncated still reaches the job, which rejects it with a reason.
     */
    WAIT,
    /** As {@link #WAIT}, but a JPEG or PNG without its end marker is refused (451) and discarded. */
    REFUSE,
    /** No check: every upload waits for a vanished client's control close before it is committed. */
    OFF
  }

  public CommitPolicy {
    if (containerCheck == null) {
      throw new IllegalArgumentException("uploads.containerCheck is required");
    }
    publishOnRenameOnly = Set.copyOf(publishOnRenameOnly == null ? Set.of() : publishOnRenameOnly);
  }

  public static CommitPolicy defaults() {
    return new CommitPolicy(ContainerCheck.WAIT, Set.of());
  }

  public boolean publishesOnRenameOnly(String user) {
    return publishOnRenameOnly.contains(user);
  }

  public CommitPolicy withContainerCheck(ContainerCheck check) {
    return new CommitPolicy(check, publishOnRenameOnly);
  }

  public CommitPolicy withPublishOnRenameOnly(Set<String> accounts) {
    return new CommitPolicy(containerCheck, accounts);
  }
}
