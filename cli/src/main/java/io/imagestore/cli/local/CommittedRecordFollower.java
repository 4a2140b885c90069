package io.imagestore.cli.local;

import io.imagestore.stack.TopicReader;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Follows the metadata and reject topics as the indexer would ({@code read_committed}) and prints
 * each record once its transaction commits.
 */
final class CommittedRecordFollower implements AutoCloseable {
  private final KafkaConsumer<String, byte[]> consumer;
  private final String metadataTopic;
  private final CommittedRecordPrinter printer;
  private final Thread thread;

  CommittedRecordFollower(String bootstrap, String metadataTopic, String rejectsTopic, CommittedRecordPrinter printer) {
    this.consumer = TopicReader.consumer(bootstrap);
    this.metadataTopic = metadataTopic;
    this.printer = printer;
    consumer.subscribe(List.of(metadataTopic, rejectsTopic));
    this.thread = new Thread(this::run, "committed-record-follower");
    thread.setDaemon(true);
  }

  CommittedRecordFollower start() {
    thread.start();
    return this;
  }

  private void run() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        for (var record : consumer.poll(Duration.ofMillis(500))) {
          if (record.topic().equals(metadataTopic)) {
            printer.metadata(record.value());
          } else {
            printer.reject(record.value());
          }
        }
      }
    } catch (WakeupException | InterruptException stopping) {
      // close() asked us to stop
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  @Override
  public void close() throws InterruptedException {
    consumer.wakeup();
    thread.join(5_000);
  }
}
