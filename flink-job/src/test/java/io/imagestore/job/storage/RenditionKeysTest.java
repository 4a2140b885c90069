package io.imagestore.job.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagestore.job.imaging.CropSpec;
import io.imagestore.job.imaging.RenderingGeneration;
import io.imagestore.job.imaging.RenditionSpec;
import org.junit.jupiter.api.Test;

class RenditionKeysTest {
  private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  private static final RenditionSpec THUMB = RenditionSpec.longEdge("thumb", 320, 85);
  private static final int G = RenderingGeneration.IMAGEIO;

  @Test
  void keyIsFannedOutByHashAndNamesTheRendition() {
    assertThat(RenditionKeys.key(SHA, THUMB, CropSpec.NONE, G))
        .matches("renditions/9f/" + SHA + "/thumb-[0-9a-f]{8}\\.jpg");
  }

  @Test
  void sameInputsGiveTheSameKeySoReplaysOverwrite() {
    assertThat(RenditionKeys.key(SHA, RenditionSpec.longEdge("thumb", 320, 85), CropSpec.NONE, G))
        .isEqualTo(RenditionKeys.key(SHA, THUMB, CropSpec.NONE, G));
    // Equivalent aspect ratios are one crop, so one key.
    assertThat(RenditionKeys.key(SHA, THUMB, new CropSpec.Aspect(32, 18), G))
        .isEqualTo(RenditionKeys.key(SHA, THUMB, new CropSpec.Aspect(16, 9), G));
  }

  @Test
  void anyChangeOfSizeQualityOrCropGivesANewKey() {
    String base = RenditionKeys.key(SHA, THUMB, CropSpec.NONE, G);
    assertThat(RenditionKeys.key(SHA, RenditionSpec.longEdge("thumb", 321, 85), CropSpec.NONE, G)).isNotEqualTo(base);
    assertThat(RenditionKeys.key(SHA, RenditionSpec.longEdge("thumb", 320, 80), CropSpec.NONE, G)).isNotEqualTo(base);
    assertThat(RenditionKeys.key(SHA, RenditionSpec.box("thumb", 320, 320, 85), CropSpec.NONE, G)).isNotEqualTo(base);
    assertThat(RenditionKeys.key(SHA, THUMB, new CropSpec.Aspect(1, 1), G)).isNotEqualTo(base);
    assertThat(RenditionKeys.key(SHA, THUMB, new CropSpec.Rectangle(0, 0, 100, 100), G)).isNotEqualTo(base);
  }

  @Test
  void variantIsTheStartOfSha256OverSpecCropAndGeneration() {
    // printf 'thumb:long-edge:320:q85|none|g1' | sha256sum — a fixed point: for one rendering
    // generation, keys must never change.
    assertThat(RenditionKeys.variant("thumb:long-edge:320:q85", "none", 1)).isEqualTo("6fd66aac");
    assertThat(RenditionKeys.key(SHA, "thumb", THUMB.canonical(), "none", 1))
        .isEqualTo("renditions/9f/" + SHA + "/thumb-6fd66aac.jpg");
  }

  @Test
  void newRenderingCodeWritesNewKeys() {
    assertThat(RenditionKeys.key(SHA, THUMB, CropSpec.NONE, RenderingGeneration.IMAGEIO))
        .isEqualTo("renditions/9f/" + SHA + "/thumb-333d8f47.jpg")
        .isNotEqualTo(RenditionKeys.key(SHA, "thumb", THUMB.canonical(), "none", 1));
    // Hosts with and without TurboJPEG make other bytes: other keys.
    assertThat(RenditionKeys.key(SHA, THUMB, CropSpec.NONE, RenderingGeneration.TURBOJPEG))
        .isNotEqualTo(RenditionKeys.key(SHA, THUMB, CropSpec.NONE, RenderingGeneration.IMAGEIO));
  }

  @Test
  void refusesSomethingThatIsNotAHash() {
    assertThatThrownBy(() -> RenditionKeys.key("../etc", THUMB, CropSpec.NONE, G))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RenditionKeys.key(SHA.toUpperCase(), THUMB, CropSpec.NONE, G))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
