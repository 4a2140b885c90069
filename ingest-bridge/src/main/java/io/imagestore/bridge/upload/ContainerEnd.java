package io.imagestore.bridge.upload;

/**
 * Follows the structure of the bytes of an upload as they arrive and tells, once the data
 * connection has ended, whether the file's container reached its own end: a cut JPEG or PNG is
 * recognisable where a cut byte stream is not. Costs a scan per byte, no buffering.
 */
public final class ContainerEnd {
  /** What the structure says about the end of the file. */
  public enum Verdict {
    /** A JPEG or PNG whose end marker arrived (anything after it is not looked at). */
    COMPLETE,
    /** A JPEG or PNG that stops before its end marker. */
    CUT,
    /** Another format, or a structure too broken to tell: the bytes alone cannot say. */
    UNRECOGNIZED
  }

  /** One container format's parser; fed every byte once, in order. */
  interface Structure {
    void update(byte[] b, int off, int len);

    Verdict verdict();
  }

  private Structure structure;
  private boolean sniffed;

  public void update(byte[] b, int off, int len) {
    if (len <= 0) {
      return;
    }
    if (!sniffed) {
      sniffed = true;
      structure = switch (b[off] & 0xff) {
        case 0xFF -> new JpegStructure();
        case 0x89 -> new PngStructure();
        default -> null;
      };
    }
    if (structure != null) {
      structure.update(b, off, len);
    }
  }

  public Verdict verdict() {
    return structure == null ? Verdict.UNRECOGNIZED : structure.verdict();
  }
}
