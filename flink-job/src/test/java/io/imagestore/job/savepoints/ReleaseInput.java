package io.imagestore.job.savepoints;

import io.imagestore.job.testing.TestImages;
import java.util.ArrayList;
import java.util.List;

/**
 * The fixed input a release savepoint is taken over: five small JPEGs and one text file named
 * .jpg (a final reject, which marks its bytes seen too), then two of them sent again. Events go
 * round-robin over the partitions, so every partition has an offset to resume at.
 */
final class ReleaseInput {
  /** A file of the input and the events that upload it. */
  record File(String name, byte[] bytes) {}

  /** One upload event: which file, from where, to which partition. */
  record Event(File file, String sourceId, String path, int partition) {}

  private ReleaseInput() {}

  static List<File> files() {
    List<File> files = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      files.add(new File("image-" + i + ".jpg", TestImages.jpeg(64 + 8 * i, 48 + 6 * i)));
    }
    files.add(new File("not-an-image.jpg", TestImages.textNamedJpg()));
    return files;
  }

  static List<Event> events(List<File> files, int partitions) {
    List<File> order = new ArrayList<>(files);
    order.add(files.get(0));
    order.add(files.get(files.size() - 1));
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      File file = order.get(i);
      events.add(new Event(file, "camera-" + (i % 2 + 1), "/release/" + i + "-" + file.name(), i % partitions));
    }
    return events;
  }
}
