package io.imagestore.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TestObjectStoreTest {

  @Test
  void embeddedUnlessCephIsAskedFor() {
    assertThat(TestObjectStore.parse(null)).isEqualTo(TestObjectStore.EMBEDDED);
    assertThat(TestObjectStore.parse("")).isEqualTo(TestObjectStore.EMBEDDED);
    assertThat(TestObjectStore.parse("embedded")).isEqualTo(TestObjectStore.EMBEDDED);
    assertThat(TestObjectStore.parse("ceph")).isEqualTo(TestObjectStore.CEPH);
    assertThat(TestObjectStore.parse(" CEPH ")).isEqualTo(TestObjectStore.CEPH);
  }

  @Test
  void aTypoFailsInsteadOfSilentlyTestingTheEmbeddedStore() {
    assertThatThrownBy(() -> TestObjectStore.parse("rgw"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(TestObjectStore.PROPERTY);
  }

  @Test
  void uniqueBucketsKeepTheirRoleInTheName() {
    Buckets a = Buckets.unique();
    Buckets b = Buckets.unique();

    assertThat(a.originals()).matches("originals-[0-9a-f]{8}");
    assertThat(a.renditions()).matches("renditions-[0-9a-f]{8}");
    assertThat(a.state()).matches("flink-state-[0-9a-f]{8}");
    assertThat(a.originals().substring(10)).isEqualTo(a.state().substring(12));
    assertThat(a).isNotEqualTo(b);
  }
}
