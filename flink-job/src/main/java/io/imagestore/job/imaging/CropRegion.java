package io.imagestore.job.imaging;

/**
 * The region the renditions were made from, in oriented (display) pixel coordinates of the full
 * resolution image — the image-metadata record's {@code crop}.
 *
 * @param mode {@code none}, {@code rectangle} or {@code aspect}
 */
public record CropRegion(String mode, int x, int y, int width, int height) {}
