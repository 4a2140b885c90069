package io.imagestore.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagestore.stack.ceph.CephStack;
import io.imagestore.stack.ceph.CephStackExtension;
import java.util.List;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A refusal no retry can fix, from a real store: RGW enforcing a bucket quota answers
 * {@code QuotaExceeded} (HTTP 403), and the camera must get a 552 that says so, not the 451 it
 * would retry for ever. The embedded S3 server has no quotas, so this runs in the Ceph suite, on
 * this class's own bucket (the stack gives each test class one there).
 */
@Tag("ceph")
class StoreQuotaIT {
  private static final long QUOTA_BYTES = 1L << 20;

  @RegisterExtension
  static final CephStackExtension CEPH = new CephStackExtension();

  @RegisterExtension
  static final BridgeOnStack BRIDGE = new BridgeOnStack(b -> b);

  @Test
  void anUploadOverTheBucketQuotaGets552WithTheStoresCodeAndNothingIsPublished(CephStack ceph) throws Exception {
    BridgeHarness h = BRIDGE.harness();
    String bucket = h.bucket();
    ceph.radosgwAdmin("quota", "set", "--quota-scope=bucket", "--bucket=" + bucket, "--max-size=" + QUOTA_BYTES);
    ceph.radosgwAdmin("quota", "enable", "--quota-scope=bucket", "--bucket=" + bucket);
    try {
      List<String> originals = h.keys("originals/");
      FTPClient ftp = h.login();
      try {
        assertThat(ftp.storeFile("/quota/too-big.jpg", BridgeHarness.generated(3 * QUOTA_BYTES, 11))).isFalse();
        assertThat(ftp.getReplyCode()).as(ftp.getReplyString()).isEqualTo(552);
        assertThat(ftp.getReplyString()).contains("QuotaExceeded", "sending it again will not help");
        // The session goes on, and what fits in the quota is stored as usual.
        assertThat(ftp.storeFile("/quota/fits.jpg", BridgeHarness.generated(64 * 1024, 12)))
            .as(ftp.getReplyString()).isTrue();
      } finally {
        ftp.disconnect();
      }
      assertThat(h.events("/quota/too-big.jpg")).isEmpty();
      assertThat(h.events("/quota/fits.jpg")).hasSize(1);
      assertThat(h.keys("originals/")).hasSize(originals.size() + 1);
      assertThat(h.keys("staging/")).isEmpty();
      assertThat(h.openMultipartUploads()).isZero();
    } finally {
      ceph.radosgwAdmin("quota", "disable", "--quota-scope=bucket", "--bucket=" + bucket);
    }
  }
}
