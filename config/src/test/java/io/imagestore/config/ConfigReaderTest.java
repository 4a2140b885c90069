package io.imagestore.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigReaderTest {
  enum Mode { FAST, SAFE }

  // Boxed: a primitive left out is an error (FAIL_ON_NULL_FOR_PRIMITIVES); models give defaults in a creator.
  record Server(String host, Integer port, Duration timeout, @JsonDeserialize(using = ByteSizeDeserializer.class) Long buffer,
      Path keyFile, Mode mode, List<String> patterns, List<Item> items, Map<String, String> extra) {}

  record Item(String name, int size) {
    @JsonCreator
    static Item of(@JsonProperty("name") String name, @JsonProperty("size") Integer size) {
      if (size == null || size < 1) {
        throw new InvalidField("size", "must be at least 1, got " + size);
      }
      return new Item(name, size);
    }
  }

  record Root(Server server, String secret) {}

  private static Root read(String yaml) {
    return ConfigReader.of(Root.class).read(yaml, "test.yaml", Path.of("/etc/app"));
  }

  @Test
  void bindsNestedRecordsWithTheValueFormsOfTheFile() {
    Root root = read("""
        server:
          host: 0.0.0.0
          port: 2121
          timeout: 5min
          buffer: 8MiB
          keyFile: keys/server.p12
          mode: safe
          patterns: ['*.tmp', '*.part']
          items: [{name: a, size: 3}]
          extra: {security.protocol: SSL}
        secret: s
        """);
    Server s = root.server();
    assertThat(s.timeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(s.buffer()).isEqualTo(8L << 20);
    assertThat(s.keyFile()).as("relative to the file's directory").isEqualTo(Path.of("/etc/app/keys/server.p12"));
    assertThat(s.mode()).isEqualTo(Mode.SAFE);
    assertThat(s.patterns()).containsExactly("*.tmp", "*.part");
    assertThat(s.items()).containsExactly(new Item("a", 3));
    assertThat(s.extra()).containsEntry("security.protocol", "SSL");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "500ms|PT0.5S", "30s|PT30S", "30 s|PT30S", "5min|PT5M", "5m|PT5M", "2h|PT2H", "30d|PT720H", "PT90S|PT1M30S"})
  void durationsAreWrittenAsInFlinksConfiguration(String text, String expected) {
    assertThat(read("server: {timeout: '" + text + "'}").server().timeout()).isEqualTo(Duration.parse(expected));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "'server: {timeout: 30}'|server.timeout: expected a duration with its unit",
      "'server: {timeout: -5s}'|server.timeout: expected a duration with its unit",
      "'server: {port: 21.5}'|server.port: expected a whole number",
      "'server: {port: ftp}'|server.port: expected a whole number, got 'ftp'",
      "'server: {items: [{name: a, size: ~}]}'|server.items[0].size: must be at least 1, got null",
      "'server: {buffer: lots}'|server.buffer: expected a size such as 1048576, 8MiB or 1GiB, got 'lots'",
      "'server: {mode: turbo}'|server.mode: expected one of fast, safe",
      "'server: {host: [a, b]}'|server.host: expected a single value",
      "'server: {patterns: {a: b}}'|server.patterns: expected a list",
      "'server: [1, 2]'|server: expected a mapping of keys to values",
      "'server: {items: [{name: a, size: 1}, {name: b, size: 0}]}'|server.items[1].size: must be at least 1, got 0",
      "'server: {items: [{name: a, size: 1, colour: red}]}'|server.items[0].colour: unknown key (known here: ",
      "'server: {hots: x}'|server.hots: unknown key (known here: ",
  })
  void everyErrorNamesTheKeyAndWhatWasExpected(String yaml, String message) {
    assertThatThrownBy(() -> read(yaml)).isInstanceOf(ConfigException.class).hasMessageStartingWith(message);
  }

  @Test
  void aKeyGivenTwiceIsAnErrorAndNoErrorQuotesALineOfTheFile() {
    assertThatThrownBy(() -> read("secret: first-SECRET\nsecret: second-SECRET\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("test.yaml: key 'secret' given twice: whichever was meant, the other would be ignored at line 2")
        .hasNoCause();
    assertThatThrownBy(() -> read("server:\n  host: a\nsecret: SECRET-1: oops\n"))
        .hasMessageContaining("not valid YAML").hasMessageContaining("line 3")
        .hasMessageNotContaining("SECRET-1").hasNoCause();
    assertThatThrownBy(() -> read("- a\n- b\n")).hasMessage("test.yaml: the top level must be a mapping of keys to values");
  }

  @Test
  void anEmptyFileIsAnEmptyMapping() {
    assertThat(read("")).isEqualTo(new Root(null, null));
    assertThat(read("# nothing but a comment\n")).isEqualTo(new Root(null, null));
  }

  @Test
  void environmentVariablesNamedAfterTheKeysOverrideTheFile() {
    ConfigKeys keys = ConfigReader.keys(Root.class);
    assertThat(keys.types().keySet()).containsExactly("server.host", "server.port", "server.timeout", "server.buffer",
        "server.keyFile", "server.mode", "server.patterns", "server.items", "server.extra", "secret");
    assertThat(ConfigKeys.environmentName("APP_", "server.keyFile")).isEqualTo("APP_SERVER_KEY_FILE");

    Root root = ConfigReader.of(Root.class)
        .environmentOverrides("APP_", Map.of("APP_SERVER_PORT", "21", "APP_SERVER_PATTERNS", " *.tmp, *.wip ,",
            "APP_SECRET", "from-env", "APP_SERVER_TIMEOUT", "1h", "UNRELATED", "x"))
        .read("server: {port: 2121, host: h}\nsecret: in-file\n", "test.yaml", null);
    assertThat(root.server().port()).isEqualTo(21);
    assertThat(root.server().host()).isEqualTo("h");
    assertThat(root.server().patterns()).containsExactly("*.tmp", "*.wip");
    assertThat(root.server().timeout()).isEqualTo(Duration.ofHours(1));
    assertThat(root.secret()).isEqualTo("from-env");
  }

  @Test
  void commandLineOverridesAreYamlAndReferencesNameTheEnvironment() {
    Root root = ConfigReader.of(Root.class)
        .override("server.items=[{name: x, size: 2}]")
        .override("server.host=${HOST}:${PORT}")
        .environmentReferences(Map.of("HOST", "rgw", "PORT", "7480", "SECRET", "s"))
        .read("secret: ${SECRET}\n", "test.yaml", null);
    assertThat(root.server().items()).containsExactly(new Item("x", 2));
    assertThat(root.server().host()).isEqualTo("rgw:7480");
    assertThatThrownBy(() -> ConfigReader.of(Root.class).environmentReferences(Map.of()).read("secret: ${SECRET}", "t", null))
        .hasMessage("secret: environment variable SECRET is not set");
    assertThatThrownBy(() -> ConfigReader.of(Root.class).override("no-equals-sign"))
        .hasMessageContaining("key.path=value");
  }

  @Test
  void readsAFileAndResolvesPathsNextToIt(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("app.yaml"), "server: {keyFile: k.p12}\n");
    assertThat(ConfigReader.of(Root.class).read(file).server().keyFile()).isEqualTo(dir.toAbsolutePath().resolve("k.p12"));
  }

  @Test
  void sizes() {
    assertThat(ByteSizeDeserializer.parse("8MiB")).isEqualTo(8L << 20);
    assertThat(ByteSizeDeserializer.parse("500KB")).isEqualTo(500_000L);
    assertThat(ByteSizeDeserializer.parse("1 GiB")).isEqualTo(1L << 30);
    assertThat(ByteSizeDeserializer.parse("1024")).isEqualTo(1024L);
    assertThat(ByteSizeDeserializer.parse("99999999999TiB")).as("overflow").isNull();
    assertThat(ByteSizeDeserializer.parse("lots")).isNull();
  }
}
