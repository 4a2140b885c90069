package io.imagestore.job.config;

import java.io.Serializable;

/**
 * Sends uploads of one source (FTP account), optionally only those under a directory, to a named
 * profile. A null {@code source} matches every source.
 */
public record ProfileRoute(String source, String pathPrefix, String profile) implements Serializable {

  public boolean matches(String sourceId, String originalPath) {
    return (source == null || source.equals(sourceId))
        && (pathPrefix == null || (originalPath != null && originalPath.startsWith(pathPrefix)));
  }
}
