package io.imagestore.job.processing;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagestore.job.config.CropSettings;
import io.imagestore.job.config.ProfileCatalog;
import io.imagestore.job.config.ProfileRoute;
import io.imagestore.job.config.ProfileSettings;
import io.imagestore.job.config.RenditionSettings;
import io.imagestore.job.imaging.CropSpec;
import io.imagestore.job.imaging.ProcessingProfile;
import io.imagestore.job.imaging.RenditionSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileResolverTest {
  private final ProfileResolver resolver = new ProfileResolver(new ProfileCatalog(
      Map.of(
          "default", ProfileSettings.defaults(),
          "square", new ProfileSettings(CropSettings.aspect(1, 1), List.of(RenditionSettings.box("tile", 200, 200, 70))),
          "strip", new ProfileSettings(CropSettings.rectangle(0, 10, 300, 100), List.of(RenditionSettings.longEdge("s", 100, 90)))),
      List.of(
          new ProfileRoute("shop", "/tiles/", "square"),
          new ProfileRoute("shop", null, "strip"),
          new ProfileRoute(null, "/square/", "square"))));

  @Test
  void firstMatchingRouteWinsElseTheDefault() {
    assertThat(resolver.select("shop", "/tiles/a.jpg")).isEqualTo(
        new ProcessingProfile(new CropSpec.Aspect(1, 1), List.of(RenditionSpec.box("tile", 200, 200, 70))));
    assertThat(resolver.select("shop", "/other/a.jpg")).isEqualTo(
        new ProcessingProfile(new CropSpec.Rectangle(0, 10, 300, 100), List.of(RenditionSpec.longEdge("s", 100, 90))));
    assertThat(resolver.select("anyone", "/square/b.jpg").crop()).isEqualTo(new CropSpec.Aspect(1, 1));
    assertThat(resolver.select("camera-1", "/b.jpg")).isEqualTo(new ProcessingProfile(CropSpec.NONE,
        List.of(RenditionSpec.longEdge("thumb", 320, 85), RenditionSpec.longEdge("preview", 1280, 85))));
  }
}
