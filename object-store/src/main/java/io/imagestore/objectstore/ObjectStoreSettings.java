package io.imagestore.objectstore;

import java.io.Serializable;
import java.net.URI;
import java.util.Objects;

/**
 * Where the object store is and how to sign requests. The same settings reach the embedded S3
 * server, Ceph RGW and AWS S3: nothing endpoint-specific lives in the code paths.
 *
 * @param endpoint e.g. {@code http://127.0.0.1:9000}; the scheme is required
 * @param region {@code us-east-1} unless the store needs another (RGW rejects CreateBucket with a
 *     foreign region: InvalidLocationConstraint)
 * @param pathStyle true for RGW and S3-compatible servers, where virtual-host addressing would
 *     need a DNS name per bucket
 */
public record ObjectStoreSettings(
    URI endpoint, String region, String accessKey, String secretKey, boolean pathStyle)
    implements Serializable {

  public static final String DEFAULT_REGION = "us-east-1";

  public ObjectStoreSettings {
    Objects.requireNonNull(endpoint, "endpoint");
    if (endpoint.getScheme() == null || endpoint.getHost() == null) {
      throw new IllegalArgumentException(
          "object store endpoint needs a scheme and host, e.g. http://127.0.0.1:9000 (got " + endpoint + ")");
    }
    if (region == null || region.isBlank()) {
      region = DEFAULT_REGION;
    }
    requireText(accessKey, "access key");
    requireText(secretKey, "secret key");
  }

  /** Path-style settings in the default region: the common case for RGW and the embedded server. */
  public static ObjectStoreSettings pathStyle(String endpoint, String accessKey, String secretKey) {
    return new ObjectStoreSettings(URI.create(endpoint), DEFAULT_REGION, accessKey, secretKey, true);
  }

  @Override
  public String toString() {
    // Never print the secret.
    return "ObjectStoreSettings[endpoint=" + endpoint + ", region=" + region + ", accessKey="
        + accessKey + ", pathStyle=" + pathStyle + "]";
  }

  private static void requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("object store " + what + " is missing");
    }
  }
}
