package io.imagestore.job.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.imagestore.job.records.RawUpload;
import io.imagestore.schemas.Contract;
import io.imagestore.schemas.ContractCodec;
import io.imagestore.schemas.ImageReject;
import io.imagestore.schemas.RejectReason;
import io.imagestore.schemas.UploadEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UploadEventParserTest {
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private final UploadEventParser parser = new UploadEventParser("1.2.3", Clock.fixed(NOW, ZoneOffset.UTC), "originals", "originals/");

  @Test
  void aValidEventPassesUnchanged() {
    String sha = "ab".repeat(32);
    UploadEvent event = UploadEvent.of(UUID.randomUUID(), "cam", "/x/y.jpg", "originals", "originals/ab/" + sha,
        10, sha, "image/jpeg", NOW, "bridge-1");

    UploadEventParser.Result result = parser.parse(new RawUpload(sha, ContractCodec.shared().write(event)));

    assertThat(result.isEvent()).isTrue();
    assertThat(result.event()).isEqualTo(event);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "not json", "{\"schemaVersion\": 1}", "[1,2,3]", "{\"sha256\": 42"})
  void anythingElseBecomesAMalformedEventRejectThatMeetsItsContract(String payload) {
    UploadEventParser.Result result = parser.parse(new RawUpload("raw-key", payload.getBytes(StandardCharsets.UTF_8)));

    assertThat(result.isEvent()).isFalse();
    assertThat(result.reject().kafkaKey()).isEqualTo("raw-key");
    ImageReject reject = result.reject().reject();
    assertThat(reject.reason()).isEqualTo(RejectReason.MALFORMED_EVENT);
    assertThat(reject.rawEvent()).isEqualTo(payload);
    assertThat(reject.rejectedAt()).isEqualTo(NOW);
    assertThat(reject.jobVersion()).isEqualTo("1.2.3");
    assertThatCode(() -> ContractCodec.shared().validate(ContractCodec.shared().write(reject), Contract.IMAGE_REJECT))
        .doesNotThrowAnyException();
  }

  @Test
  void invalidUtf8AndHugePayloadsAreKeptReadableAndShort() {
    byte[] payload = new byte[10_000];
    payload[0] = (byte) 0xC3; // a lone lead byte, then NULs
    UploadEventParser.Result result = parser.parse(new RawUpload(null, payload));

    assertThat(result.reject().kafkaKey()).isNull();
    assertThat(result.reject().reject().rawEvent()).hasSize(ImageReject.RAW_EVENT_LIMIT).startsWith("\uFFFD");
  }

  @Test
  void anEventNamingAnotherBucketIsMalformed() {
    String sha = "cd".repeat(32);
    UploadEventParser.Result result = parser.parse(raw(sha, "other-tenant", "originals/cd/" + sha));

    assertThat(result.isEvent()).isFalse();
    assertThat(result.reject().reject().reason()).isEqualTo(RejectReason.MALFORMED_EVENT);
    assertThat(result.reject().reject().message()).contains("'other-tenant'").contains("'originals'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"originals/ab/%s", "originals/cd/%s/../../x", "staging/cam/%s", "originals/cd/%s.jpg"})
  void anEventNamingAnyKeyButTheContentAddressedOneIsMalformed(String keyPattern) {
    String sha = "cd".repeat(32);
    UploadEventParser.Result result = parser.parse(raw(sha, "originals", keyPattern.formatted(sha)));

    assertThat(result.isEvent()).isFalse();
    assertThat(result.reject().reject().reason()).isEqualTo(RejectReason.MALFORMED_EVENT);
    assertThat(result.reject().reject().message()).contains("originals/cd/" + sha);
  }

  @Test
  void aKeyOverTheObjectStoresLimitIsMalformedAndItsMessageStaysShort() {
    String sha = "cd".repeat(32);
    String key = "originals/cd/" + sha + "/" + "k".repeat(1100);
    UploadEventParser.Result result = parser.parse(raw(sha, "originals", key));

    assertThat(result.reject().reject().reason()).isEqualTo(RejectReason.MALFORMED_EVENT);
    assertThat(result.reject().reject().message()).hasSizeLessThan(600).contains(key.length() + " characters");
  }

  private static RawUpload raw(String sha, String bucket, String key) {
    UploadEvent event = UploadEvent.of(UUID.randomUUID(), "cam", "/x/y.jpg", bucket, key, 10, sha, "image/jpeg", NOW, "bridge-1");
    return new RawUpload(sha, ContractCodec.shared().write(event));
  }
}
