package io.imagestore.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ContractCodecTest {

  private final ContractCodec codec = ContractCodec.shared();
  private final ObjectMapper plain = new ObjectMapper();

  static Stream<Arguments> samples() {
    return Stream.of(
        Arguments.of(Samples.uploadEvent()),
        Arguments.of(Samples.fullMetadata()),
        Arguments.of(Samples.metadataWithoutExif()),
        Arguments.of(Samples.reject()),
        Arguments.of(Samples.malformedEventReject()));
  }

  @ParameterizedTest
  @MethodSource("samples")
  void whatTheCodecWritesSatisfiesTheSchemaFile(Object record) throws Exception {
    byte[] json = codec.write(record);

    codec.validate(json, Contract.of(record.getClass()));
    assertThat(plain.readTree(json).get("schemaVersion").asInt()).isEqualTo(1);
  }

  @ParameterizedTest
  @MethodSource("samples")
  void roundTripKeepsEveryField(Object record) throws Exception {
    Object back = codec.read(codec.write(record), record.getClass());

    assertThat(back).isEqualTo(record);
  }

  /** Every required property of every schema, each dropped in turn from a valid record. */
  static Stream<Arguments> requiredProperties() throws IOException {
    List<Arguments> cases = new ArrayList<>();
    for (Object sample : samples().map(a -> a.get()[0]).toList()) {
      Contract contract = Contract.of(sample.getClass());
      JsonNode schema = schemaOf(contract);
      for (JsonNode required : schema.get("required")) {
        cases.add(Arguments.of(contract, sample, required.asText()));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} without {2}")
  @MethodSource("requiredProperties")
  void droppingARequiredFieldIsRejectedByName(Contract contract, Object sample, String field) throws Exception {
    ObjectNode tree = (ObjectNode) plain.readTree(codec.write(sample));
    tree.remove(field);

    assertThatThrownBy(() -> codec.read(plain.writeValueAsBytes(tree), contract.recordType()))
        .isInstanceOf(ContractViolationException.class)
        .hasMessageContaining(field);
  }

  @Test
  void droppingANestedRequiredFieldIsRejected() throws Exception {
    ObjectNode tree = (ObjectNode) plain.readTree(codec.write(Samples.fullMetadata()));
    ((ObjectNode) tree.get("renditions").get(0)).remove("key");

    assertThatThrownBy(() -> codec.read(plain.writeValueAsBytes(tree), ImageMetadata.class))
        .isInstanceOf(ContractViolationException.class)
        .hasMessageContaining("key");
  }

  @Test
  void invalidJsonIsRejectedWithAClearMessage() {
    byte[] json = "{\"sha256\": 42".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> codec.read(json, UploadEvent.class))
        .isInstanceOf(ContractViolationException.class)
        .hasMessageStartingWith("upload-event.v1.schema.json: not valid JSON");
  }

  @Test
  void emptyPayloadIsRejected() {
    assertThatThrownBy(() -> codec.read(new byte[0], UploadEvent.class))
        .isInstanceOf(ContractViolationException.class)
        .hasMessageContaining("empty payload");
  }

  @Test
  void wrongTypesPatternsAndVersionsAreEachNamed() throws Exception {
    ObjectNode tree = (ObjectNode) plain.readTree(codec.write(Samples.uploadEvent()));
    tree.put("sha256", "NOT-A-HASH");
    tree.put("size", -1);
    tree.put("schemaVersion", 2);
    tree.put("receivedAt", "yesterday");

    assertThatThrownBy(() -> codec.read(plain.writeValueAsBytes(tree), UploadEvent.class))
        .isInstanceOfSatisfying(ContractViolationException.class, e -> assertThat(e.problems())
            .hasSize(4)
            .anySatisfy(p -> assertThat(p).contains("sha256"))
            .anySatisfy(p -> assertThat(p).contains("size"))
            .anySatisfy(p -> assertThat(p).contains("schemaVersion"))
            .anySatisfy(p -> assertThat(p).contains("receivedAt")));
  }

  @Test
  void unknownReasonIsRejected() throws Exception {
    ObjectNode tree = (ObjectNode) plain.readTree(codec.write(Samples.reject()));
    tree.put("reason", "BECAUSE");

    assertThatThrownBy(() -> codec.read(plain.writeValueAsBytes(tree), ImageReject.class))
        .isInstanceOf(ContractViolationException.class)
        .hasMessageContaining("reason");
  }

  @Test
  void unknownPropertiesAreIgnoredSoMinorVersionsCanAddFields() throws Exception {
    ObjectNode tree = (ObjectNode) plain.readTree(codec.write(Samples.uploadEvent()));
    tree.put("addedInV1_1", "anything");

    assertThat(codec.read(plain.writeValueAsBytes(tree), UploadEvent.class)).isEqualTo(Samples.uploadEvent());
  }

  @Test
  void absentExifFieldsAreOmittedNotNull() throws Exception {
    JsonNode tree = plain.readTree(codec.write(Samples.metadataWithoutExif()));

    assertThat(tree.get("exif").isObject()).isTrue();
    assertThat(tree.get("exif").size()).isZero();
  }

  @Test
  void malformedEventRejectKeepsOnlyTheStartOfTheRawPayload() {
    String huge = "x".repeat(ImageReject.RAW_EVENT_LIMIT * 3);

    ImageReject reject = ImageReject.forMalformedEvent(huge, "not JSON", Samples.RECEIVED, "0.1.0");

    assertThat(reject.rawEvent()).hasSize(ImageReject.RAW_EVENT_LIMIT);
    assertThat(reject.imageId()).isNull();
  }

  @Test
  void writingANonContractTypeFails() {
    assertThatThrownBy(() -> codec.write("just a string"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a contract record type");
  }

  private static JsonNode schemaOf(Contract contract) throws IOException {
    try (InputStream in = ContractCodec.class.getResourceAsStream(contract.schemaResource())) {
      return new ObjectMapper().readTree(in);
    }
  }
}
