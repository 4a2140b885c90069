package io.imagestore.cli.memory;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Structure;

/**
 * Bytes in use in the C heap (glibc's {@code mallinfo2}: small blocks plus mmapped ones), which
 * is where TurboJPEG's buffers (JNA {@code Memory}) and direct buffers live — the JVM's own
 * native memory tracking does not see them, and RSS mixes them with the Java heap.
 */
final class NativeHeapProbe {

  /** The fields of glibc's {@code struct mallinfo2}, each a {@code size_t}. */
  @Structure.FieldOrder({"arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
      "fordblks", "keepcost"})
  public static final class MallInfo2 extends Structure implements Structure.ByValue {
    public long arena;
    public long ordblks;
    public long smblks;
    public long hblks;
    public long hblkhd;
    public long usmblks;
    public long fsmblks;
    public long uordblks;
    public long fordblks;
    public long keepcost;
  }

  interface CLibrary extends Library {
    MallInfo2 mallinfo2();
  }

  private static final CLibrary C = Native.load("c", CLibrary.class);

  private NativeHeapProbe() {}

  static long inUseBytes() {
    MallInfo2 info = C.mallinfo2();
    return info.uordblks + info.hblkhd;
  }
}
