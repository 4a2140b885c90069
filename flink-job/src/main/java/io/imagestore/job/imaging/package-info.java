/**
 * Turns one original image file into the renditions of a {@link
 * io.imagestore.job.imaging.ProcessingProfile}: detect the format from its magic bytes, check the
 * limits, read the header dimensions, extract EXIF, decode with shrink-on-load, apply the EXIF
 * orientation, crop, scale with thumbnailator and encode RGB JPEGs.
 *
 * <p>Pure Java: no Flink or network types, so every step is testable on its own. Bad input is
 * reported as an {@link io.imagestore.job.imaging.ImageRejectedException} carrying the contract's
 * {@link io.imagestore.schemas.RejectReason}; the entry point is {@link
 * io.imagestore.job.imaging.ImageProcessor}.
 */
package io.imagestore.job.imaging;
