package io.imagestore.cli.local;

import io.imagestore.schemas.ContractCodec;
import io.imagestore.schemas.ContractViolationException;
import io.imagestore.schemas.ImageMetadata;
import io.imagestore.schemas.ImageReject;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/** Turns committed records into one readable line each (plus the JSON when asked). */
final class CommittedRecordPrinter {
  private final PrintStream out;
  private final boolean json;
  private final ContractCodec codec = ContractCodec.shared();

  CommittedRecordPrinter(PrintStream out, boolean json) {
    this.out = out;
    this.json = json;
  }

  void metadata(byte[] value) {
    try {
      ImageMetadata m = codec.read(value, ImageMetadata.class);
      String renditions = m.renditions().stream()
          .map(r -> r.name() + " " + r.width() + "x" + r.height())
          .collect(Collectors.joining(", "));
      ImageMetadata.Rendition first = m.renditions().get(0);
      String folder = "s3://" + first.bucket() + "/" + first.key().substring(0, first.key().lastIndexOf('/') + 1);
      out.printf("image    %s  %s:%s  %s %dx%d%s  → %s  in %s%n", shortId(m.imageId()), m.source().sourceId(),
          m.source().originalPath(), m.original().format(), m.original().width(), m.original().height(),
          m.exif().model() == null ? "" : "  (" + m.exif().make() + " " + m.exif().model() + ")", renditions, folder);
    } catch (ContractViolationException e) {
      out.println("metadata record breaks its contract: " + e.getMessage());
    }
    raw(value);
  }

  void reject(byte[] value) {
    try {
      ImageReject r = codec.read(value, ImageReject.class);
      String what = r.source() == null ? "(unreadable upload event)"
          : r.source().sourceId() + ":" + r.source().originalPath();
      out.printf("rejected %s  %s  %s: %s%n", r.imageId() == null ? "-" : shortId(r.imageId()), what,
          r.reason(), r.message());
    } catch (ContractViolationException e) {
      out.println("reject record breaks its contract: " + e.getMessage());
    }
    raw(value);
  }

  private void raw(byte[] value) {
    if (json) {
      out.println("  " + new String(value, StandardCharsets.UTF_8));
    }
  }

  private static String shortId(String sha256) {
    return sha256.substring(0, 12);
  }
}
