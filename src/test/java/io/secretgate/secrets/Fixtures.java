package io.secretgate.secrets;

import io.secretgate.api.ExternalSecret;
import io.secretgate.secrets.json.JsonParser;
import io.secretgate.secrets.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Test fixtures under {@code src/test/resources/io/secretgate/secrets/}. */
public final class Fixtures {
  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final JsonMapper JSON = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private Fixtures() {}

  public static String text(String resource) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/io/secretgate/secrets/" + resource)) {
      if (in == null) throw new IllegalArgumentException("no fixture " + resource);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static boolean exists(String resource) {
    return Fixtures.class.getResource("/io/secretgate/secrets/" + resource) != null;
  }

  public static JsonNode yaml(String resource) {
    return YAML.readTree(text(resource));
  }

  public static JsonValue json(String resource) {
    try {
      return JsonParser.parse(text(resource));
    } catch (Exception e) {
      throw new IllegalArgumentException(resource + ": " + e.getMessage(), e);
    }
  }

  public static ExternalSecret externalSecret(String resource) {
    return JSON.treeToValue(yaml(resource), ExternalSecret.class);
  }

  public static ExternalSecret externalSecretFromYaml(String yamlText) {
    return JSON.treeToValue(YAML.readTree(yamlText), ExternalSecret.class);
  }

  /** A template engine double: replaces {@code {{ .key }}} with the value; refuses anything else. */
  public static TemplateEngine simpleTemplates() {
    return (template, values) -> {
      StringBuilder out = new StringBuilder();
      int i = 0;
      while (true) {
        int open = template.indexOf("{{", i);
        if (open < 0) break;
        int close = template.indexOf("}}", open);
        if (close < 0) throw new TemplateRenderException("unclosed action", false);
        out.append(template, i, open);
        String action = template.substring(open + 2, close).trim();
        if (!action.matches("\\.[A-Za-z0-9_]+")) throw new TemplateRenderException("unsupported action " + action, true);
        byte[] v = values.get(action.substring(1));
        if (v == null) throw new TemplateRenderException("map has no entry for key \"" + action.substring(1) + "\"", false);
        out.append(new String(v, StandardCharsets.UTF_8));
        i = close + 2;
      }
      return out.append(template.substring(i)).toString();
    };
  }

  static Map<String, String> strings(Map<String, byte[]> data) {
    Map<String, String> out = new java.util.TreeMap<>();
    data.forEach((k, v) -> out.put(k, new String(v, StandardCharsets.UTF_8)));
    return out;
  }
}
