package io.secretgate.manifest;

import java.util.Optional;
import java.util.function.Consumer;
import org.snakeyaml.engine.v2.api.LoadSettings;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The documents of a manifest text, split as kubectl's decoder (apimachinery's YAMLOrJSONDecoder)
 * splits them: a text whose first character is '{' is read as JSON values one after another (the
 * items of a list as {@code jq '.items[]'} prints them, with no {@code ---} between); from the first
 * value that is not JSON on, the rest is read as YAML (YAML that looks like JSON, or JSON objects
 * followed by YAML documents). Anything else is a YAML stream.
 */
final class ManifestStream {
  /**
   * The YAML parser's default refuses a document of more than 3 Mi characters, which a {@code kind:
   * List} of a cluster's objects ({@code kubectl get ... -o yaml}) easily is; kubectl reads any size,
   * and the file is in memory already.
   */
  private static final ObjectReader YAML = YAMLMapper.builder(
          new PlainScalarYamlFactory(LoadSettings.builder().setCodePointLimit(Integer.MAX_VALUE).build()))
      .build().readerFor(JsonNode.class);
  private static final ObjectReader JSON = JsonMapper.builder().build().readerFor(JsonNode.class);

  private ManifestStream() {}

  /**
   * Gives {@code each} every document of {@code text} in order (a null node for an empty one); the
   * syntax error that ends the stream, if any (of the JSON when neither JSON nor YAML reads it, as kubectl says).
   */
  static Optional<JacksonException> read(String text, Consumer<JsonNode> each) {
    if (!startsWithBrace(text)) return read(YAML, withoutLineBoms(text), each, new int[1]);
    int[] jsonEnd = new int[1];
    Optional<JacksonException> json = read(JSON, text, each, jsonEnd);
    if (json.isEmpty()) return json;
    return read(YAML, withoutLineBoms(blankedUpTo(text, jsonEnd[0])), each, new int[1]).map(yaml -> json.get());
  }

  /** Reads the documents of {@code text} with {@code reader}; {@code end[0]} is where the last one read ends. */
  private static Optional<JacksonException> read(ObjectReader reader, String text, Consumer<JsonNode> each, int[] end) {
    try (JsonParser parser = reader.createParser(text)) {
      YamlTrees documents = new YamlTrees(reader.without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS), parser);
      for (JsonNode node = documents.next(); node != null; node = documents.next()) {
        each.accept(node);
        end[0] = (int) parser.currentLocation().getCharOffset();
      }
      return Optional.empty();
    } catch (JacksonException e) {
      return Optional.of(e);
    }
  }

  /** kubectl's test (apimachinery's hasJSONPrefix): the first character after white space is '{'. */
  private static boolean startsWithBrace(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return c == '{';
    }
    return false;
  }

  /** The text with what JSON has read blanked, so that the YAML read of the rest keeps its lines and columns. */
  private static String blankedUpTo(String text, int end) {
    StringBuilder blank = new StringBuilder(text.length());
    for (int i = 0; i < end; i++) blank.append(text.charAt(i) == '\n' ? '\n' : ' ');
    return blank.append(text, end, text.length()).toString();
  }

  /**
   * kubectl (go-yaml) skips a byte order mark that starts a line, as where files were joined with
   * '---' between; the YAML parser, only at the start of the stream.
   */
  private static String withoutLineBoms(String text) {
    return text.replace("\n\uFEFF", "\n");
  }
}
