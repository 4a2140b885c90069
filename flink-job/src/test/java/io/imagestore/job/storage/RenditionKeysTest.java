package io.imagestore.job.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagestore.job.imaging.CropSpec;
import io.imagestore.job.imaging.RenditionSpec;
import org.junit.jupiter.api.Test;

class RenditionKeysTest {
  private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  private static final RenditionSpec THUMB = RenditionSpec.longEdge("thumb", 320, 85);

  @Test
  void keyIsFannedOutByHashAndNamesTheRendition() {
    assertThat(RenditionKeys.key(SHA, THUMB, CropSpec.NONE))
        .matches("renditions/9f/" + SHA + "/thumb-[0-9a-f]{8}\\.jpg");
  }

  @Test
  void sameInputsGiveTheSameKeySoReplaysOverwrite() {
    assertThat(RenditionKeys.key(SHA, RenditionSpec.longEdge("thumb", 320, 85), CropSpec.NONE))
        .isEqualTo(RenditionKeys.key(SHA, THUMB, CropSpec.NONE));
    // Equivalent aspect ratios are one crop, so one key.
    assertThat(RenditionKeys.key(SHA, THUMB, new CropSpec.Aspect(32, 18)))
        .isEqualTo(RenditionKeys.key(SHA, THUMB, new CropSpec.Aspect(16, 9)));
  }

  @Test
  void anyChangeOfSizeQualityOrCropGivesANewKey() {
    String base = RenditionKeys.key(SHA, THUMB, CropSpec.NONE);
    assertThat(RenditionKeys.key(SHA, RenditionSpec.longEdge("thumb", 321, 85), CropSpec.NONE)).isNotEqualTo(base);
    assertThat(RenditionKeys.key(SHA, RenditionSpec.longEdge("thumb", 320, 80), CropSpec.NONE)).isNotEqualTo(base);
    assertThat(RenditionKeys.key(SHA, RenditionSpec.box("thumb", 320, 320, 85), CropSpec.NONE)).isNotEqualTo(base);
    assertThat(RenditionKeys.key(SHA, THUMB, new CropSpec.Aspect(1, 1))).isNotEqualTo(base);
    assertThat(RenditionKeys.key(SHA, THUMB, new CropSpec.Rectangle(0, 0, 100, 100))).isNotEqualTo(base);
  }

  @Test
  void variantIsTheStartOfSha256OverSpecAndCrop() {
    // printf 'thumb:long-edge:320:q85|none' | sha256sum — a fixed point: keys must never change.
    assertThat(RenditionKeys.variant("thumb:long-edge:320:q85", "none")).isEqualTo("4168e14e");
    assertThat(RenditionKeys.key(SHA, THUMB, CropSpec.NONE)).isEqualTo("renditions/9f/" + SHA + "/thumb-4168e14e.jpg");
  }

  @Test
  void refusesSomethingThatIsNotAHash() {
    assertThatThrownBy(() -> RenditionKeys.key("../etc", THUMB, CropSpec.NONE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RenditionKeys.key(SHA.toUpperCase(), THUMB, CropSpec.NONE))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
