package io.imagestore.stack;

import io.imagestore.objectstore.ObjectStoreSettings;
import io.imagestore.objectstore.S3Clients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-protocol server (S3Proxy with its filesystem backend) in this JVM. Objects are files
 * under its directory, so they survive a restart. Signature V2 and V4 are both checked, as on RGW.
 */
public final class EmbeddedS3 implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedS3.class);

  private final Path dir;
  private final String host;
  private final int port;
  private final String accessKey;
  private final String secretKey;
  private S3Proxy proxy;

  /** @param port 0 picks a free one (kept for restarts of this instance) */
  public EmbeddedS3(Path dir, String host, int port, String accessKey, String secretKey) {
    this.dir = dir;
    this.host = host;
    this.port = FreePorts.orPick(port, host);
    this.accessKey = accessKey;
    this.secretKey = secretKey;
  }

  public synchronized EmbeddedS3 start() {
    if (proxy != null) {
      return this;
    }
    try {
      Files.createDirectories(dir);
      S3Proxy started =
          S3Proxy.builder()
              .blobStore(new FilesystemNio2BlobStore(dir.toString()))
              .endpoint(URI.create("http://" + host + ":" + port))
              .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
              .build();
      started.start();
      // start() returns while Jetty may still be starting.
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (!"STARTED".equals(started.getState())) {
        if (System.nanoTime() > deadline || "FAILED".equals(started.getState())) {
          started.stop();
          throw new IllegalStateException("S3 server state " + started.getState() + " on " + endpoint());
        }
        Thread.sleep(10);
      }
      proxy = started;
      LOG.info("s3 started endpoint={} dir={}", endpoint(), dir);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare S3 data dir " + dir, e);
    } catch (Exception e) {
      throw new IllegalStateException("S3 server did not start on " + host + ":" + port, e);
    }
  }

  public String endpoint() {
    return "http://" + host + ":" + port;
  }

  public ObjectStoreSettings settings() {
    return ObjectStoreSettings.pathStyle(endpoint(), accessKey, secretKey);
  }

  public boolean isRunning() {
    return proxy != null;
  }

  /** Creates the buckets that do not exist yet. */
  public void createBuckets(Collection<String> names) {
    try (S3Client s3 = S3Clients.create(settings(), 2)) {
      ObjectStoreBuckets.createMissing(s3, names);
    }
  }

  /** Stops the server; objects stay on disk, so {@link #start()} serves them again. */
  @Override
  public synchronized void close() {
    if (proxy == null) {
      return;
    }
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("S3 server did not stop cleanly", e);
    } finally {
      proxy = null;
    }
    LOG.info("s3 stopped");
  }
}
