package io.imagestore.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.io.file.PathUtils;

/** File chores of the local stacks. */
public final class LocalFiles {
  private LocalFiles() {}

  /** Deletes {@code dir} and everything below it; nothing to do when it is absent. */
  public static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try {
      PathUtils.deleteDirectory(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
