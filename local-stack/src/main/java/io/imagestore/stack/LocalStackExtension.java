package io.imagestore.stack;

import io.imagestore.objectstore.S3Clients;
import io.imagestore.stack.ceph.CephStack;
import io.imagestore.stack.ceph.CephStackExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * JUnit 5 extension giving a test class its own embedded stack on free ports, in a temporary data
 * directory that is deleted afterwards:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final LocalStackExtension STACK = new LocalStackExtension();
 * }</pre>
 *
 * Test methods may take a {@link StackEndpoints} or {@link LocalStack} parameter. Components (the
 * bridge, the job) can be added with {@link #withComponent}.
 *
 * <p>With {@code -Dimagestore.test.objectStore=ceph} ({@link TestObjectStore}) the object store is
 * the RGW of the JVM's shared Ceph cluster instead of an embedded S3 server. Test classes then share
 * one store, so each gets buckets of its own ({@code originals-<8 hex>} …), emptied and deleted
 * after the class: tests take bucket names from {@link StackEndpoints#buckets()}, never literals.
 */
public final class LocalStackExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

  private final int partitions;
  private final List<Function<Path, ? extends StackComponent>> componentFactories = new ArrayList<>();
  private final List<S3Client> clients = new ArrayList<>();
  private Path dataDir;
  private LocalStack stack;
  private boolean ownBucketsOnSharedStore;

  public LocalStackExtension() {
    this(StackSettings.DEFAULT_PARTITIONS);
  }

  public LocalStackExtension(int partitions) {
    this.partitions = partitions;
  }

  /** Adds a component started on top of Kafka and S3; the factory gets the stack's data dir. */
  public LocalStackExtension withComponent(Function<Path, ? extends StackComponent> factory) {
    componentFactories.add(factory);
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    Path base = Path.of(System.getProperty("java.io.tmpdir"));
    Files.createDirectories(base);
    dataDir = Files.createTempDirectory(base, "imagestore-stack-");
    List<StackComponent> components = componentFactories.stream()
        .<StackComponent>map(f -> f.apply(dataDir)).toList();
    StackSettings settings = StackSettings.ephemeral(dataDir).withPartitions(partitions);
    if (TestObjectStore.fromSystemProperties() == TestObjectStore.CEPH) {
      CephStack ceph = CephStackExtension.shared(context);
      settings = settings.withObjectStore(ceph.objectStore()).withBuckets(Buckets.unique());
      ownBucketsOnSharedStore = true;
    }
    stack = LocalStack.start(settings, components, line -> {});
  }

  @Override
  public void afterAll(ExtensionContext context) {
    try {
      clients.forEach(S3Client::close);
      clients.clear();
      if (stack != null) {
        stack.close();
        if (ownBucketsOnSharedStore) {
          // The shared cluster outlives this class: leave it as this class found it.
          try (S3Client s3 = S3Clients.create(stack.endpoints().objectStore(), 2)) {
            ObjectStoreBuckets.deleteWithContents(s3, stack.settings().buckets().all());
          }
        }
      }
    } finally {
      stack = null;
      LocalFiles.deleteTree(dataDir);
    }
  }

  public LocalStack stack() {
    return stack;
  }

  public StackEndpoints endpoints() {
    return stack.endpoints();
  }

  /** An S3 client on the stack's server, closed after the test class. */
  public S3Client s3() {
    S3Client client = S3Clients.create(endpoints().objectStore(), 8);
    clients.add(client);
    return client;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == StackEndpoints.class || type == LocalStack.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == LocalStack.class ? stack : stack.endpoints();
  }
}
