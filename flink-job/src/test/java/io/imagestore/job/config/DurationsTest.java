package io.imagestore.job.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
  @Test
  void readsTheShortFormsAndIso() {
    assertThat(Durations.parse("k", "500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("k", "10s")).isEqualTo(Duration.ofSeconds(10));
    assertThat(Durations.parse("k", "15m")).isEqualTo(Duration.ofMinutes(15));
    assertThat(Durations.parse("k", "2h")).isEqualTo(Duration.ofHours(2));
    assertThat(Durations.parse("k", "30d")).isEqualTo(Duration.ofDays(30));
    assertThat(Durations.parse("k", "PT1M30S")).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void refusesOtherTextNamingTheKey() {
    assertThatThrownBy(() -> Durations.parse("dedup.ttl", "a month"))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("dedup.ttl:");
  }

  @Test
  void formatsWithTheLargestExactUnit() {
    assertThat(Durations.format(Duration.ofDays(30))).isEqualTo("30d");
    assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
  }
}
