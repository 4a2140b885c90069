package io.imagestore.job.imaging;

/** A width and height in pixels. */
record PixelSize(int width, int height) {

  long pixels() {
    return (long) width * height;
  }

  @Override
  public String toString() {
    return width + "x" + height;
  }
}
