package io.imagestore.job.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

class CropSpecTest {

  @Test
  void canonicalFormsAndModes() {
    assertThat(CropSpec.NONE.canonical()).isEqualTo("none");
    assertThat(CropSpec.NONE.mode()).isEqualTo("none");
    CropSpec rectangle = new CropSpec.Rectangle(10, 20, 300, 200);
    assertThat(rectangle.canonical()).isEqualTo("rectangle:10,20,300x200");
    assertThat(rectangle.mode()).isEqualTo("rectangle");
    assertThat(new CropSpec.Aspect(16, 9).canonical()).isEqualTo("aspect:16x9");
    assertThat(new CropSpec.Aspect(16, 9).mode()).isEqualTo("aspect");
  }

  @Test
  void equalRatiosReadAlike() {
    assertThat(new CropSpec.Aspect(32, 18).canonical()).isEqualTo("aspect:16x9");
    assertThat(new CropSpec.Aspect(500, 500).canonical()).isEqualTo("aspect:1x1");
  }

  @Test
  void rejectsEmptyOrNegativeCrops() {
    assertThatIllegalArgumentException().isThrownBy(() -> new CropSpec.Rectangle(-1, 0, 10, 10));
    assertThatIllegalArgumentException().isThrownBy(() -> new CropSpec.Rectangle(0, 0, 0, 10));
    assertThatIllegalArgumentException().isThrownBy(() -> new CropSpec.Aspect(0, 9));
  }

  @Test
  void profilesNeedUniquelyNamedRenditions() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new ProcessingProfile(CropSpec.NONE, List.of()));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new ProcessingProfile(CropSpec.NONE,
            List.of(RenditionSpec.longEdge("a", 10, 80), RenditionSpec.box("a", 10, 10, 80))))
        .withMessageContaining("'a'");
  }
}
