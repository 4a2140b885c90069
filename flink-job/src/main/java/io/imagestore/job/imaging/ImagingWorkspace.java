package io.imagestore.job.imaging;

import java.util.Optional;

/**
 * What one thread reuses from photo to photo: the resizer's row buffers, the renderer's pixel
 * arrays and, when TurboJPEG is installed, its handles and native buffers.
 */
final class ImagingWorkspace implements AutoCloseable {

  final Lanczos3Resizer resizer = new Lanczos3Resizer();
  /** Null when the pure-Java path is used. */
  final TurboJpegCodec codec;
  final RenditionRenderer renderer;

  ImagingWorkspace(Optional<TurboJpegLibrary> turboJpeg) {
    this.codec = turboJpeg.map(TurboJpegCodec::new).orElse(null);
    this.renderer = new RenditionRenderer(resizer, codec);
  }

  /** Lets go of the buffers only a large photo or rendition needed. */
  void trim() {
    renderer.trim();
    if (codec != null) {
      codec.trim();
    }
  }

  @Override
  public void close() {
    if (codec != null) {
      codec.close();
    }
  }
}
