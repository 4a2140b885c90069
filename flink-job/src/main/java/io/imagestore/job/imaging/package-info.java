/**
 * Turns one original image file into the renditions of a {@link
 * io.imagestore.job.imaging.ProcessingProfile}: detect the format from its magic bytes, check the
 * limits, read the header dimensions, extract EXIF, decode the crop with shrink-on-load, scale it
 * with a separable Lanczos3, apply the EXIF orientation and encode RGB JPEGs. JPEGs go through
 * libjpeg-turbo's TurboJPEG (through JNA) when the library is installed, through ImageIO
 * otherwise — the same rendition sizes either way.
 *
 * <p>No Flink or network types, so every step is testable on its own. Bad input is
 * reported as an {@link io.imagestore.job.imaging.ImageRejectedException} carrying the contract's
 * {@link io.imagestore.schemas.RejectReason}; the entry point is {@link
 * io.imagestore.job.imaging.ImageProcessor}.
 */
package io.imagestore.job.imaging;
