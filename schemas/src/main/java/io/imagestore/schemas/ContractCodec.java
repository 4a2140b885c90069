package io.imagestore.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JSON serde for the contract records. Reading validates against the contract's schema file
 * before mapping, so what a consumer accepts is exactly what the published schema promises;
 * unknown properties pass (minor versions may add optional ones).
 *
 * <p>Thread-safe and immutable: share {@link #shared()} rather than building one per record.
 */
public final class ContractCodec {

  private static final ContractCodec SHARED = new ContractCodec();

  private final ObjectMapper mapper;
  private final Map<Contract, JsonSchema> schemas = new EnumMap<>(Contract.class);

  private ContractCodec() {
    mapper =
        JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    // Draft 2020-12 treats "format" as an annotation by default; the contract means it.
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    for (Contract contract : Contract.values()) {
      try (InputStream in = ContractCodec.class.getResourceAsStream(contract.schemaResource())) {
        if (in == null) {
          throw new IllegalStateException("schema missing from classpath: " + contract.schemaResource());
        }
        schemas.put(contract, factory.getSchema(in, config));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  public static ContractCodec shared() {
    return SHARED;
  }

  /** Serializes a contract record to UTF-8 JSON. */
  public byte[] write(Object record) {
    Contract.of(record.getClass());
    try {
      return mapper.writeValueAsBytes(record);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialize " + record.getClass().getSimpleName(), e);
    }
  }

  /** Parses and validates {@code json} as {@code type}; every schema violation is named. */
  public <T> T read(byte[] json, Class<T> type) throws ContractViolationException {
    Contract contract = Contract.of(type);
    JsonNode tree = parse(json, contract);
    validate(tree, contract);
    try {
      return mapper.treeToValue(tree, type);
    } catch (JsonProcessingException e) {
      throw new ContractViolationException(contract, List.of(e.getOriginalMessage()), e);
    }
  }

  /**
   * Maps {@code json} as {@code type} without validating it: only for bytes this codec wrote
   * itself inside one program (e.g. between the operators of a job), where validating on every
   * read would turn one bad record into a crash loop. Validate where records cross a boundary.
   */
  public <T> T readUnchecked(byte[] json, Class<T> type) throws ContractViolationException {
    Contract contract = Contract.of(type);
    try {
      return mapper.treeToValue(parse(json, contract), type);
    } catch (JsonProcessingException e) {
      throw new ContractViolationException(contract, List.of(e.getOriginalMessage()), e);
    }
  }

  /** The schema violations of {@code record}, empty when it keeps its contract. */
  public List<String> violations(Object record) {
    Contract contract = Contract.of(record.getClass());
    try {
      // Through the bytes, so what is checked is exactly what would be written.
      Set<ValidationMessage> errors = schemas.get(contract).validate(mapper.readTree(write(record)));
      return errors.stream().map(ValidationMessage::getMessage).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Validates {@code json} against {@code contract}'s schema without mapping it. */
  public void validate(byte[] json, Contract contract) throws ContractViolationException {
    validate(parse(json, contract), contract);
  }

  private JsonNode parse(byte[] json, Contract contract) throws ContractViolationException {
    if (json == null || json.length == 0) {
      throw new ContractViolationException(contract, List.of("empty payload"), null);
    }
    try {
      return mapper.readTree(json);
    } catch (IOException e) {
      String detail = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
      throw new ContractViolationException(contract, List.of("not valid JSON: " + detail), e);
    }
  }

  private void validate(JsonNode tree, Contract contract) throws ContractViolationException {
    Set<ValidationMessage> errors = schemas.get(contract).validate(tree);
    if (!errors.isEmpty()) {
      throw new ContractViolationException(
          contract, errors.stream().map(ValidationMessage::getMessage).sorted().toList(), null);
    }
  }
}
