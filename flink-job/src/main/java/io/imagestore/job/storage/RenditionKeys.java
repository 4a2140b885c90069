package io.imagestore.job.storage;

import io.imagestore.job.imaging.CropSpec;
import io.imagestore.job.imaging.RenditionSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Object keys of renditions, a pure function of the content hash and what was made:
 *
 * <pre>renditions/&lt;sha256[0:2]&gt;/&lt;sha256&gt;/&lt;name&gt;-&lt;variant&gt;.jpg</pre>
 *
 * where {@code variant} is the first 8 hex digits of SHA-256 over {@code spec.canonical() + "|" +
 * crop.canonical() + "|g" + generation} ({@link RenderingGeneration}). A replay after a failure
 * therefore overwrites the very same keys (no orphans, no duplicates), while a profile change
 * (another size, quality or crop) or new rendering code writes new keys instead of silently
 * replacing renditions that published metadata records still describe. The two-hex
 * fan-out spreads keys over index shards (RGW) and directories (filesystem back ends).
 */
public final class RenditionKeys {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final String PREFIX = "renditions/";

  private RenditionKeys() {}

  /** @param generation the {@link RenderingGeneration} of the code that made the bytes */
  public static String key(String sha256, RenditionSpec spec, CropSpec crop, int generation) {
    return key(sha256, spec.name(), spec.canonical(), crop.canonical(), generation);
  }

  public static String key(String sha256, String name, String specCanonical, String cropCanonical, int generation) {
    if (sha256 == null || !SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException("not a lower-case hex sha256: " + sha256);
    }
    return PREFIX + sha256.substring(0, 2) + "/" + sha256 + "/" + name + "-"
        + variant(specCanonical, cropCanonical, generation) + ".jpg";
  }

  static String variant(String specCanonical, String cropCanonical, int generation) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((specCanonical + "|" + cropCanonical + "|g" + generation).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JRE has SHA-256", e);
    }
  }
}
