package io.imagestore.stack;

import io.imagestore.objectstore.ObjectStoreSettings;
import io.imagestore.objectstore.S3Clients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The embedded stack: a Kafka broker and an S3 server in this JVM with the pipeline's topics and
 * buckets, then the given components on top. {@code stack.env} appears in the data directory once
 * everything is up and is removed on close.
 *
 * <p>When the settings name an external object store ({@link StackSettings#withObjectStore}), no S3
 * server is started: the buckets are created there if missing, and closing the stack leaves that
 * store and its buckets alone.
 */
public final class LocalStack implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

  private final StackSettings settings;
  private final EmbeddedKafka kafka;
  private final EmbeddedS3 s3; // null with an external object store
  private final Deque<StackComponent> started = new ArrayDeque<>();
  private StackEndpoints endpoints;
  private Map<String, String> env = Map.of();

  private LocalStack(StackSettings settings) {
    this.settings = settings;
    this.kafka = new EmbeddedKafka(settings.dataDir().resolve("kafka"), settings.host(), settings.kafkaPort());
    this.s3 = settings.objectStore().isPresent() ? null
        : new EmbeddedS3(settings.dataDir().resolve("s3"), settings.host(), settings.s3Port(),
            settings.accessKey(), settings.secretKey());
  }

  /** Starts Kafka and S3 without components. */
  public static LocalStack start(StackSettings settings) {
    return start(settings, List.of(), line -> {});
  }

  /**
   * Starts Kafka and the S3 server (in parallel: each takes a few seconds), creates topics and
   * buckets, then the components in order. A failure stops whatever had started.
   *
   * @param progress receives one line per step, for a human watching
   */
  public static LocalStack start(StackSettings settings, List<? extends StackComponent> components,
      Consumer<String> progress) {
    LocalStack stack = new LocalStack(settings);
    try {
      stack.startAll(components, progress);
      return stack;
    } catch (RuntimeException | Error e) {
      stack.close();
      throw e;
    }
  }

  private void startAll(List<? extends StackComponent> components, Consumer<String> progress) {
    long t0 = System.nanoTime();
    try {
      Files.createDirectories(settings.dataDir());
      // A stale stack.env from an earlier run would tell scripts we are up before we are.
      Files.deleteIfExists(settings.stackEnvFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use data dir " + settings.dataDir(), e);
    }
    CompletableFuture<Void> kafkaUp = CompletableFuture.runAsync(() -> {
      kafka.start();
      kafka.createTopics(settings.topics().all(), settings.partitions());
    });
    ObjectStoreSettings objectStore = settings.objectStore().orElseGet(() -> s3.settings());
    CompletableFuture<Void> s3Up = CompletableFuture.runAsync(() -> {
      if (s3 != null) {
        s3.start();
        s3.createBuckets(settings.buckets().all());
      } else {
        try (S3Client client = S3Clients.create(objectStore, 2)) {
          ObjectStoreBuckets.createMissing(client, settings.buckets().all());
        } catch (SdkException e) {
          throw new IllegalStateException("cannot create buckets " + settings.buckets().all() + " on "
              + objectStore.endpoint() + ": " + e.getMessage(), e);
        }
      }
    });
    try {
      CompletableFuture.allOf(kafkaUp, s3Up).join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : e;
    }
    progress.accept(String.format("kafka %s and s3 %s%s up (%.1f s)", kafka.bootstrapServers(),
        objectStore.endpoint(), s3 == null ? " (external)" : "", secondsSince(t0)));
    endpoints = new StackEndpoints(settings.dataDir(), kafka.bootstrapServers(), objectStore,
        settings.topics(), settings.buckets());
    Map<String, String> allEnv = new LinkedHashMap<>(endpoints.env());
    for (StackComponent component : components) {
      try {
        component.start(endpoints);
      } catch (Exception e) {
        throw new IllegalStateException(component.name() + " did not start: " + e.getMessage(), e);
      } finally {
        // Even a half-started component may hold threads or ports: close it with the rest.
        started.push(component);
      }
      allEnv.putAll(component.env());
      progress.accept(String.format("%s up (%.1f s)", component.name(), secondsSince(t0)));
    }
    env = Collections.unmodifiableMap(allEnv);
    try {
      StackEnvFile.write(settings.stackEnvFile(), allEnv);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + settings.stackEnvFile(), e);
    }
    LOG.info("stack ready in {} ms: {}", (System.nanoTime() - t0) / 1_000_000, settings.stackEnvFile());
  }

  public StackEndpoints endpoints() {
    return endpoints;
  }

  /** Everything written to {@code stack.env}. */
  public Map<String, String> env() {
    return env;
  }

  public StackSettings settings() {
    return settings;
  }

  /** The broker, to stop and restart it in failure tests. */
  public EmbeddedKafka kafka() {
    return kafka;
  }

  /**
   * The S3 server, to stop and restart it in failure tests.
   *
   * @throws IllegalStateException when the stack uses an external object store, which it cannot
   *     stop; check {@link #hasEmbeddedObjectStore()} first
   */
  public EmbeddedS3 s3() {
    if (s3 == null) {
      throw new IllegalStateException("this stack uses the external object store at "
          + settings.objectStore().map(o -> o.endpoint().toString()).orElse("?") + "; only the embedded S3 server can be stopped and restarted");
    }
    return s3;
  }

  /** False when the stack talks to an external object store instead of its own S3 server. */
  public boolean hasEmbeddedObjectStore() {
    return s3 != null;
  }

  /** Stops components in reverse order, then S3 and Kafka; data stays in the data directory. */
  @Override
  public void close() {
    RuntimeException failure = null;
    try {
      Files.deleteIfExists(settings.stackEnvFile());
    } catch (IOException e) {
      LOG.warn("cannot remove {}: {}", settings.stackEnvFile(), e.toString());
    }
    while (!started.isEmpty()) {
      StackComponent component = started.pop();
      try {
        component.close();
      } catch (Exception e) {
        failure = addFailure(failure, new IllegalStateException(component.name() + " did not stop cleanly", e));
      }
    }
    try {
      if (s3 != null) {
        s3.close();
      }
    } catch (RuntimeException e) {
      failure = addFailure(failure, e);
    }
    try {
      kafka.close();
    } catch (RuntimeException e) {
      failure = addFailure(failure, e);
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static RuntimeException addFailure(RuntimeException first, RuntimeException next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }

  private static double secondsSince(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
