package io.imagestore.bridge.namespace;

import java.time.Instant;

/**
 * A file in an account's FTP namespace: what SIZE, MDTM and LIST show, and where its bytes are.
 *
 * @param path absolute path in the account's namespace, e.g. {@code /2026-11-25/x.jpg}
 * @param objectKey the content-addressed original holding the bytes
 * @param published false while the file carries a temporary name (no event posted yet)
 */
public record NamespaceEntry(
    String path, long size, String sha256, String objectKey, boolean published, Instant receivedAt) {}
