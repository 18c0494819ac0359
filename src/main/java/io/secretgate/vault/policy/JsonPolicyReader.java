package io.secretgate.vault.policy;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;

/**
 * Reads the JSON form of a policy into the same {@link Hcl} tree as the HCL form. Like HCL's JSON
 * parser, it turns {@code "path": {"a": {...}, "b": {...}}} (or a list of such objects) into one
 * item per path, labelled with the path, and it accepts a trailing comma after the last element of
 * an array or the last member of an object, which HCL's JSON parser skips.
 */
final class JsonPolicyReader {
  private static final JsonFactory JSON =
      JsonFactory.builder().enable(JsonReadFeature.ALLOW_TRAILING_COMMA).build();

  private JsonPolicyReader() {}

  static Hcl.ObjectValue read(String text) throws PolicyParseException {
    try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), text)) {
      parser.nextToken();
      Hcl.Value root = value(parser);
      JsonToken trailing = parser.nextToken();
      if (trailing != null) {
        throw new PolicyParseException(
            pos(parser.currentTokenLocation()), "unexpected content after the JSON object");
      }
      if (!(root instanceof Hcl.ObjectValue object)) {
        throw new PolicyParseException(root.pos(), "a JSON policy must be an object");
      }
      return new Hcl.ObjectValue(flattenPaths(object.items()), object.pos());
    } catch (JacksonException e) {
      TokenStreamLocation location = e.getLocation();
      Hcl.Pos at = location == null ? new Hcl.Pos(1, 1) : pos(location);
      throw new PolicyParseException(at, "invalid JSON: " + firstLine(e.getOriginalMessage()));
    }
  }

  private static Hcl.Value value(JsonParser parser) throws PolicyParseException {
    Hcl.Pos at = pos(parser.currentTokenLocation());
    JsonToken token = parser.currentToken();
    if (token == null) {
      throw new PolicyParseException(at, "invalid JSON: no content");
    }
    return switch (token) {
      case START_OBJECT -> object(parser, at);
      case START_ARRAY -> array(parser, at);
      case VALUE_STRING -> new Hcl.Literal(Hcl.LiteralKind.STRING, parser.getString(), at);
      case VALUE_NUMBER_INT -> new Hcl.Literal(Hcl.LiteralKind.NUMBER, parser.getText(), at);
      case VALUE_NUMBER_FLOAT -> new Hcl.Literal(Hcl.LiteralKind.FLOAT, parser.getText(), at);
      case VALUE_TRUE, VALUE_FALSE -> new Hcl.Literal(Hcl.LiteralKind.BOOL, parser.getText(), at);
      case VALUE_NULL -> new Hcl.Literal(Hcl.LiteralKind.NULL, "null", at);
      default -> throw new PolicyParseException(at, "unexpected JSON token " + token);
    };
  }

  private static Hcl.ObjectValue object(JsonParser parser, Hcl.Pos at) throws PolicyParseException {
    List<Hcl.Item> items = new ArrayList<>();
    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
      Hcl.Key key = new Hcl.Key(parser.currentName(), pos(parser.currentTokenLocation()));
      parser.nextToken();
      items.add(new Hcl.Item(List.of(key), value(parser)));
    }
    return new Hcl.ObjectValue(items, at);
  }

  private static Hcl.ListValue array(JsonParser parser, Hcl.Pos at) throws PolicyParseException {
    List<Hcl.Value> elements = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      elements.add(value(parser));
    }
    return new Hcl.ListValue(elements, at);
  }

  /** Expands each {@code path} item whose value holds only objects into labelled items. */
  private static List<Hcl.Item> flattenPaths(List<Hcl.Item> items) {
    List<Hcl.Item> out = new ArrayList<>();
    for (Hcl.Item item : items) {
      if (!item.name().equals("path")) {
        out.add(item);
      } else if (item.value() instanceof Hcl.ListValue list && allObjects(list.elements())) {
        for (Hcl.Value element : list.elements()) {
          out.addAll(flattenPath(new Hcl.Item(item.keys(), element)));
        }
      } else {
        out.addAll(flattenPath(item));
      }
    }
    return out;
  }

  private static List<Hcl.Item> flattenPath(Hcl.Item item) {
    if (!(item.value() instanceof Hcl.ObjectValue object)
        || object.items().isEmpty()
        || !allObjects(object.items().stream().map(Hcl.Item::value).toList())) {
      return List.of(item);
    }
    List<Hcl.Item> out = new ArrayList<>();
    for (Hcl.Item labelled : object.items()) {
      out.add(new Hcl.Item(List.of(item.key(), labelled.key()), labelled.value()));
    }
    return out;
  }

  private static boolean allObjects(List<Hcl.Value> values) {
    return !values.isEmpty() && values.stream().allMatch(Hcl.ObjectValue.class::isInstance);
  }

  private static Hcl.Pos pos(TokenStreamLocation location) {
    return new Hcl.Pos(Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int newline = message.indexOf('\n');
    return withoutSource(newline < 0 ? message : message.substring(0, newline));
  }

  /**
   * Jackson says where an unclosed object or array began as {@code (start marker at [Source: REDACTED
   * (`StreamReadFeature...` disabled); ...])}: noise about its own settings, and the position we give
   * is the one of the error.
   */
  private static String withoutSource(String message) {
    return message.replaceAll("\\s*\\(start marker at \\[Source:[^\\]]*\\]\\)", "").replaceAll("\\s*at \\[Source:[^\\]]*\\]", "");
  }
}
