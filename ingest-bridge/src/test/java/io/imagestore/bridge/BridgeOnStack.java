package io.imagestore.bridge;

import io.imagestore.stack.LocalStackExtension;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One test class's embedded stack with a bridge on it: started before the class's tests, the
 * bridge stopped before the stack. The test classes that share one bridge register this instead of
 * repeating the stack field and the start and stop methods.
 */
final class BridgeOnStack implements BeforeAllCallback, AfterAllCallback {
  private final LocalStackExtension stack = new LocalStackExtension();
  private final UnaryOperator<BridgeConfig.Builder> tweak;
  private BridgeHarness harness;

  BridgeOnStack(UnaryOperator<BridgeConfig.Builder> tweak) {
    this.tweak = tweak;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    stack.beforeAll(context);
    harness = BridgeHarness.start(stack, tweak);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    try {
      if (harness != null) {
        harness.close();
      }
    } finally {
      stack.afterAll(context);
    }
  }

  LocalStackExtension stack() {
    return stack;
  }

  BridgeHarness harness() {
    return harness;
  }
}
