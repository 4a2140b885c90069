package io.imagestore.stack.ceph;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the JVM's one {@link CephStack}, started on first use and stopped when the test run
 * ends (it lives in the root extension store, which JUnit closes last):
 *
 * <pre>{@code
 * @RegisterExtension
 * static final CephStackExtension CEPH = new CephStackExtension();
 * }</pre>
 *
 * Test methods may take a {@link CephStack} parameter. The cluster is shared by every test class of
 * the JVM: tests use buckets of their own and leave the cluster with all OSDs up and PGs clean.
 */
public final class CephStackExtension implements BeforeAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(CephStack.class);

  private CephStack stack;

  /** The JVM's shared stack, started with {@link CephStackSettings#forTests()} if not yet running. */
  public static CephStack shared(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(CephStack.class, type -> CephStack.start(CephStackSettings.forTests()), CephStack.class);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    stack = shared(context);
  }

  public CephStack stack() {
    if (stack == null) {
      throw new IllegalStateException("the Ceph stack starts before the test class; register the extension statically");
    }
    return stack;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == CephStack.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return shared(context);
  }
}
