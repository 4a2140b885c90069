package io.imagestore.job.imaging;

/**
 * One finished rendition: an RGB baseline JPEG without metadata (orientation already applied, so
 * no EXIF — and no GPS position leaks into public renditions).
 *
 * @param width as stored, after orientation and crop
 * @param height as stored, after orientation and crop
 */
public record EncodedRendition(RenditionSpec spec, int width, int height, byte[] jpeg) {}
