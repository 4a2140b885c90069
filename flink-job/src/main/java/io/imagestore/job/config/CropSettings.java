package io.imagestore.job.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.imagestore.config.InvalidField;
import java.io.Serializable;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a profile crops the oriented image before scaling. In the config file: {@code none},
 * {@code {rectangle: [x, y, width, height]}} or {@code {aspect: "4:5"}} (centre crop).
 */
public record CropSettings(Mode mode, int x, int y, int width, int height, int aspectWidth, int aspectHeight)
    implements Serializable {

  public enum Mode { NONE, RECTANGLE, ASPECT }

  public static final CropSettings NONE = new CropSettings(Mode.NONE, 0, 0, 0, 0, 0, 0);

  static final String FORMS = "expected none, {rectangle: [x, y, width, height]} or {aspect: \"4:5\"}";
  private static final Pattern RATIO = Pattern.compile("(\\d+)\\s*[:/x]\\s*(\\d+)");

  /** {@code crop: none}. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static CropSettings named(String name) {
    if (!"none".equals(name == null ? null : name.trim())) {
      throw new IllegalArgumentException(FORMS + ", got '" + name + "'");
    }
    return NONE;
  }

  /** {@code crop: {rectangle: [x, y, width, height]}} or {@code crop: {aspect: "4:5"}}. */
  @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
  static CropSettings fromFile(@JsonProperty("rectangle") List<Integer> rectangle, @JsonProperty("aspect") String aspect) {
    if (rectangle != null && aspect != null) {
      throw new InvalidField("rectangle", "give either rectangle or aspect, not both");
    }
    if (rectangle != null) {
      if (rectangle.size() != 4 || rectangle.contains(null)) {
        throw new InvalidField("rectangle", "expected a list of 4 integers [x, y, width, height]");
      }
      return rectangle(rectangle.get(0), rectangle.get(1), rectangle.get(2), rectangle.get(3));
    }
    if (aspect != null) {
      int[] ratio = ratio(aspect);
      if (ratio == null) {
        throw new InvalidField("aspect", "expected two integers like 4:5, got '" + aspect + "'");
      }
      return aspect(ratio[0], ratio[1]);
    }
    throw new IllegalArgumentException(FORMS);
  }

  /** {@code 4:5}, {@code 4/5} or {@code 800x600} as two integers, or null. */
  static int[] ratio(String text) {
    Matcher m = RATIO.matcher(text.trim());
    return m.matches() ? new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))} : null;
  }

  public static CropSettings rectangle(int x, int y, int width, int height) {
    return new CropSettings(Mode.RECTANGLE, x, y, width, height, 0, 0);
  }

  public static CropSettings aspect(int width, int height) {
    return new CropSettings(Mode.ASPECT, 0, 0, 0, 0, width, height);
  }
}
