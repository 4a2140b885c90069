package io.imagestore.bridge.upload;

import java.util.UUID;

/** Where bytes live in the bucket. */
public record ObjectKeys(String originalsPrefix, String stagingPrefix) {

  /** {@code originals/ab/abcd…}: two hex characters of fan-out keep listings and RGW index shards even. */
  public String original(String sha256) {
    return originalsPrefix + sha256.substring(0, 2) + "/" + sha256;
  }

  public String staging(String user) {
    return stagingPrefix + user + "/" + UUID.randomUUID();
  }
}
