package io.imagestore.job.records;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The job's version as written into every record: the Maven project version, filtered in at build time. */
public final class JobVersion {
  private static final String RESOURCE = "/io/imagestore/job/version.properties";

  private JobVersion() {}

  public static String current() {
    try (InputStream in = JobVersion.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing " + RESOURCE + " on the classpath");
      }
      Properties p = new Properties();
      p.load(in);
      String version = p.getProperty("version", "").trim();
      if (version.isEmpty() || version.startsWith("${")) {
        throw new IllegalStateException(RESOURCE + " was not filtered by the build: " + version);
      }
      return version;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
