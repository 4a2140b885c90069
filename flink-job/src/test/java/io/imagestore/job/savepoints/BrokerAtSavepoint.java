package io.imagestore.job.savepoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagestore.job.testing.TestImages;
import io.imagestore.job.testing.UploadDriver;
import io.imagestore.stack.StackEndpoints;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A fresh broker made to look, to the restored source, like the one the savepoint was taken
 * against: each uploads partition filled up to the savepoint's offset. The fillers are uploads the
 * savepoint never saw, stored in the object store, so any of them read again yields a record.
 */
record BrokerAtSavepoint(List<String> fillerSha256s) {

  static BrokerAtSavepoint lineUp(StackEndpoints endpoints, UploadDriver uploads, SavepointManifest saved)
      throws Exception {
    List<String> fillers = new ArrayList<>();
    for (Map.Entry<Integer, Long> partition : saved.endOffsets().entrySet()) {
      for (long offset = 0; offset < partition.getValue(); offset++) {
        // Sizes no savepoint input and no later upload of the test uses: distinct content.
        byte[] image = TestImages.jpeg(40 + fillers.size(), 30);
        uploads.uploadAt("camera-before-savepoint", "/filler/" + fillers.size() + ".jpg", image, partition.getKey());
        fillers.add(UploadDriver.sha256(image));
      }
    }
    assertThat(UploadsEndOffsets.of(endpoints)).as("the uploads topic's end offsets, lined up with the savepoint's")
        .isEqualTo(saved.endOffsets());
    return new BrokerAtSavepoint(List.copyOf(fillers));
  }
}
