package io.imagestore.job.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenditionSpecTest {

  @Test
  void canonicalFormsAreStable() {
    assertThat(RenditionSpec.longEdge("thumb", 320, 85).canonical())
        .isEqualTo("thumb:long-edge:320:q85");
    assertThat(RenditionSpec.box("card", 400, 300, 80).canonical())
        .isEqualTo("card:box:400x300:q80");
  }

  @Test
  void factoriesFillTheRecord() {
    assertThat(RenditionSpec.longEdge("large", 1280, 90))
        .isEqualTo(new RenditionSpec("large", RenditionSpec.Fit.LONG_EDGE, 1280, 1280, 90));
    assertThat(RenditionSpec.box("card", 400, 300, 80))
        .isEqualTo(new RenditionSpec("card", RenditionSpec.Fit.BOX, 400, 300, 80));
  }

  @Test
  void rejectsNamesThatWouldBreakObjectKeys() {
    assertThatIllegalArgumentException().isThrownBy(() -> RenditionSpec.longEdge("../x", 10, 80));
    assertThatIllegalArgumentException().isThrownBy(() -> RenditionSpec.longEdge("a b", 10, 80));
    assertThatIllegalArgumentException().isThrownBy(() -> RenditionSpec.longEdge("", 10, 80));
    assertThatIllegalArgumentException().isThrownBy(() -> RenditionSpec.longEdge(".x", 10, 80));
    assertThat(RenditionSpec.longEdge("thumb_2x-small", 10, 80).name()).isEqualTo("thumb_2x-small");
  }

  @Test
  void rejectsImpossibleSizesAndQualities() {
    assertThatIllegalArgumentException().isThrownBy(() -> RenditionSpec.longEdge("t", 0, 80));
    assertThatIllegalArgumentException().isThrownBy(() -> RenditionSpec.box("t", 10, 0, 80));
    assertThatIllegalArgumentException().isThrownBy(() -> RenditionSpec.longEdge("t", 10, 0))
        .withMessageContaining("quality");
    assertThatIllegalArgumentException().isThrownBy(() -> RenditionSpec.longEdge("t", 10, 101));
    assertThatIllegalArgumentException().isThrownBy(
        () -> new RenditionSpec("t", RenditionSpec.Fit.LONG_EDGE, 10, 20, 80));
  }

  @Test
  void profilesSurviveJavaSerialization() throws Exception {
    // Flink ships profiles to its task managers inside functions.
    ProcessingProfile profile = new ProcessingProfile(
        new CropSpec.Aspect(16, 9),
        List.of(RenditionSpec.longEdge("large", 1280, 85), RenditionSpec.box("card", 400, 300, 80)));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(profile);
      out.writeObject(ImageLimits.defaults());
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(in.readObject()).isEqualTo(profile);
      assertThat(in.readObject()).isEqualTo(ImageLimits.defaults());
    }
  }
}
