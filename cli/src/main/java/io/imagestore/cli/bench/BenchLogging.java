package io.imagestore.cli.bench;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/** The benches print their own progress and table; the components they start keep quiet. */
final class BenchLogging {
  private BenchLogging() {}

  /**
   * Warnings and errors only from the project's components: the bridge and the job log each
   * upload at INFO — hundreds of lines that would bury the bench's progress and its table.
   */
  static void quiet() {
    Configurator.setLevel("io.imagestore", Level.WARN);
  }
}
