package io.imagestore.job.imaging;

import com.sun.jna.Library;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The part of libjpeg-turbo's TurboJPEG C API (turbojpeg.h, the 2.x functions, which 3.x keeps)
 * this package calls, for JNA. {@code unsigned long} sizes are {@link NativeLong}.
 */
interface TurboJpegLibrary extends Library {

  int TJPF_RGB = 0;
  int TJPF_BGRX = 3;
  int TJPF_XRGB = 5;
  int TJSAMP_420 = 2;
  int TJCS_RGB = 0;
  int TJCS_YCBCR = 1;
  int TJCS_GRAY = 2;
  int TJFLAG_NOREALLOC = 1024;
  int TJERR_WARNING = 0;

  Pointer tjInitDecompress();

  Pointer tjInitCompress();

  int tjDestroy(Pointer handle);

  int tjDecompressHeader3(Pointer handle, Pointer jpegBuf, NativeLong jpegSize,
      IntByReference width, IntByReference height, IntByReference jpegSubsamp,
      IntByReference jpegColorspace);

  int tjDecompress2(Pointer handle, Pointer jpegBuf, NativeLong jpegSize, Pointer dstBuf,
      int width, int pitch, int height, int pixelFormat, int flags);

  NativeLong tjBufSize(int width, int height, int jpegSubsamp);

  int tjCompress2(Pointer handle, Pointer srcBuf, int width, int pitch, int height,
      int pixelFormat, PointerByReference jpegBuf, NativeLongByReference jpegSize,
      int jpegSubsamp, int jpegQual, int flags);

  String tjGetErrorStr2(Pointer handle);

  int tjGetErrorCode(Pointer handle);
}
