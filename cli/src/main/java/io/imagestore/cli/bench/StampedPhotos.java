package io.imagestore.cli.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The photos of {@code bench pipeline}, uploaded in turn: upload {@code id} is photo {@code id %
 * count} with a comment segment naming the run and the upload inserted after the application
 * segments (JFIF, EXIF, ICC stay where readers look for them). Without the stamp the job would
 * deduplicate every repeat of a photo to one record; with it, each upload is new content with
 * the photo's pixels, so the work per upload is that of a real photo.
 */
final class StampedPhotos implements BridgeBenchUploads.UploadBody {
  private static final int SOI_LENGTH = 2;

  private final List<Photo> photos;

  /** One photo of the set, read once; {@code stampAt} is where the comment segment goes. */
  record Photo(Path file, byte[] bytes, int stampAt) {
    String name() {
      return file.getFileName().toString();
    }
  }

  private StampedPhotos(List<Photo> photos) {
    this.photos = photos;
  }

  /** The JPEGs in {@code dir}, in name order. */
  static StampedPhotos load(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(dir)) {
      files = listing.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.jpe?g"))
          .sorted().toList();
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no JPEG photos in " + dir);
    }
    List<Photo> photos = new ArrayList<>();
    for (Path file : files) {
      byte[] bytes = Files.readAllBytes(file);
      photos.add(new Photo(file, bytes, afterApplicationSegments(bytes, file)));
    }
    return new StampedPhotos(Collections.unmodifiableList(photos));
  }

  List<Photo> photos() {
    return photos;
  }

  int count() {
    return photos.size();
  }

  Photo photoOf(long id) {
    return photos.get((int) (id % photos.size()));
  }

  @Override
  public String fileName(long id) {
    return id + "-" + photoOf(id).name();
  }

  @Override
  public InputStream open(long run, long id) {
    Photo photo = photoOf(id);
    byte[] text = ("imagestore bench run " + run + " upload " + id).getBytes(StandardCharsets.US_ASCII);
    byte[] comment = new byte[4 + text.length];
    comment[0] = (byte) 0xFF;
    comment[1] = (byte) 0xFE; // COM
    comment[2] = (byte) ((text.length + 2) >> 8);
    comment[3] = (byte) (text.length + 2);
    System.arraycopy(text, 0, comment, 4, text.length);
    byte[] b = photo.bytes();
    return new SequenceInputStream(Collections.enumeration(List.of(
        new ByteArrayInputStream(b, 0, photo.stampAt()),
        new ByteArrayInputStream(comment),
        new ByteArrayInputStream(b, photo.stampAt(), b.length - photo.stampAt()))));
  }

  /** The offset after SOI and the APPn segments that follow it. */
  static int afterApplicationSegments(byte[] jpeg, Path file) {
    if (jpeg.length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
      throw new IllegalArgumentException(file + " is not a JPEG (no SOI marker)");
    }
    int at = SOI_LENGTH;
    while (at + 4 <= jpeg.length && (jpeg[at] & 0xFF) == 0xFF
        && (jpeg[at + 1] & 0xFF) >= 0xE0 && (jpeg[at + 1] & 0xFF) <= 0xEF) {
      int length = ((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF);
      at += 2 + length;
    }
    if (at > jpeg.length) {
      throw new IllegalArgumentException(file + ": an application segment runs past the end of the file");
    }
    return at;
  }
}
