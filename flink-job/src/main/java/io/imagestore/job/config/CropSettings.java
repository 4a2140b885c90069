package io.imagestore.job.config;

import java.io.Serializable;

/**
 * How a profile crops the oriented image before scaling. In the config file: {@code none},
 * {@code {rectangle: [x, y, width, height]}} or {@code {aspect: "4:5"}} (centre crop).
 */
public record CropSettings(Mode mode, int x, int y, int width, int height, int aspectWidth, int aspectHeight)
    implements Serializable {

  public enum Mode { NONE, RECTANGLE, ASPECT }

  public static final CropSettings NONE = new CropSettings(Mode.NONE, 0, 0, 0, 0, 0, 0);

  public static CropSettings rectangle(int x, int y, int width, int height) {
    return new CropSettings(Mode.RECTANGLE, x, y, width, height, 0, 0);
  }

  public static CropSettings aspect(int width, int height) {
    return new CropSettings(Mode.ASPECT, 0, 0, 0, 0, width, height);
  }
}
