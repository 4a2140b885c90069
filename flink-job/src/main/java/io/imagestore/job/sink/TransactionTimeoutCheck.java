package io.imagestore.job.sink;

import io.imagestore.config.ConfigException;
import io.imagestore.job.config.JobConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses to start a job whose Kafka transactions could time out under it. A sink transaction
 * stays open from the first record after checkpoint N until a later checkpoint completes — with
 * {@code tolerableFailures} failed checkpoints in a row, (failures + 1) × (interval + timeout) —
 * and, after a failure, until the restarted job restores and commits it (the longest restart
 * delay with its jitter, plus recovery). The restore commits before any record is processed, so
 * a job that keeps failing later still commits what it had; the bound is one restart, not many. If the broker aborts it first, its records are lost — the
 * connector can only log that. The broker also caps the timeout: a producer asking for more than
 * {@code transaction.max.timeout.ms} fails at its first transaction.
 */
public final class TransactionTimeoutCheck {
  private static final Logger LOG = LoggerFactory.getLogger(TransactionTimeoutCheck.class);

  /** Time for the restarted job to deploy, restore and commit, on top of the configured delay. */
  public static final Duration RECOVERY_MARGIN = Duration.ofMinutes(1);
  static final String BROKER_MAX = "transaction.max.timeout.ms";

  private TransactionTimeoutCheck() {}

  /** Checks {@code config} against itself and, when the broker answers in time, against the broker's cap. */
  public static void verify(JobConfig config, Duration brokerQueryTimeout) {
    // The job's own rule first: a config that is wrong by itself fails without waiting for a broker.
    validate(config, Optional.empty());
    validate(config, brokerMaxTimeout(config.kafka().bootstrap(), brokerQueryTimeout));
  }

  /** The smallest transaction timeout {@code config} can run with. */
  public static Duration minimumFor(JobConfig config) {
    return config.checkpoints().longestUncommittedSpan()
        .plus(config.restart().longestDelay())
        .plus(RECOVERY_MARGIN);
  }

  public static void validate(JobConfig config, Optional<Duration> brokerMax) {
    Duration timeout = config.kafka().transactionTimeout();
    Duration minimum = minimumFor(config);
    if (timeout.compareTo(minimum) <= 0) {
      throw new ConfigException("kafka.transactionTimeout", String.format(
          "%d ms is too short: it must exceed (checkpoints.tolerableFailures + 1) × (checkpoints.interval"
              + " + checkpoints.timeout) = %d × (%d ms + %d ms), plus restart.maxBackoff with its jitter (%d ms)"
              + " and %d ms for recovery = %d ms, or the broker may abort a transaction before the job commits it",
          timeout.toMillis(), config.checkpoints().tolerableFailures() + 1, config.checkpoints().interval().toMillis(),
          config.checkpoints().timeout().toMillis(), config.restart().longestDelay().toMillis(),
          RECOVERY_MARGIN.toMillis(), minimum.toMillis()));
    }
    if (brokerMax.isPresent() && timeout.compareTo(brokerMax.get()) > 0) {
      throw new ConfigException("kafka.transactionTimeout", String.format(
          "%d ms is more than the broker's %s (%d ms): lower it, or raise the broker's limit",
          timeout.toMillis(), BROKER_MAX, brokerMax.get().toMillis()));
    }
  }

  /** The broker's {@code transaction.max.timeout.ms}, or empty when no broker answers in time. */
  public static Optional<Duration> brokerMaxTimeout(String bootstrap, Duration timeout) {
    Map<String, Object> props = Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    try (Admin admin = Admin.create(props)) {
      long ms = timeout.toMillis();
      List<Node> nodes = List.copyOf(admin.describeCluster().nodes().get(ms, TimeUnit.MILLISECONDS));
      if (nodes.isEmpty()) {
        return Optional.empty();
      }
      ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, Integer.toString(nodes.get(0).id()));
      Config config = admin.describeConfigs(List.of(broker)).all().get(ms, TimeUnit.MILLISECONDS).get(broker);
      ConfigEntry entry = config == null ? null : config.get(BROKER_MAX);
      if (entry == null || entry.value() == null) {
        return Optional.empty();
      }
      return Optional.of(Duration.ofMillis(Long.parseLong(entry.value())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      LOG.warn("cannot read {} from the Kafka brokers at {} ({}); checking the transaction timeout against the job's own settings only",
          BROKER_MAX, bootstrap, e.toString());
      return Optional.empty();
    }
  }
}
