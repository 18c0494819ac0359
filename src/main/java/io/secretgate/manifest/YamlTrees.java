package io.secretgate.manifest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * The documents of a YAML stream as trees, read as kubectl (go-yaml) reads them: an alias is the
 * node its anchor names (in the same document), and a merge key {@code <<: *base} or {@code <<:
 * [*a, *b]} sets the keys of those maps where it stands (see {@link #object()}).
 * Jackson's own tree reading gives an alias as the anchor's name and {@code <<} as an ordinary key,
 * which gave wrong verdicts; an alias of a single value is that value, typed as its anchor's. A
 * plain (unquoted, untagged) scalar, key or value, is what kubectl sends for it ({@link
 * GoYamlScalars}: {@code yes} is true, {@code 0755} is 493); Jackson reads those by YAML 1.2.
 */
final class YamlTrees {
  private static final String MERGE = "<<";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** Nodes aliases may copy in one document, far above any manifest, far below a "billion laughs" (go-yaml also refuses those). */
  static final long MAX_ALIASED_NODES = 1_000_000;

  /** Reads one scalar at the parser's token as Jackson's tree reading types it (and no further token). */
  private final ObjectReader scalars;
  private final JsonParser parser;
  private final Map<String, JsonNode> anchors = new HashMap<>();
  private long aliasedNodes;

  YamlTrees(ObjectReader scalars, JsonParser parser) {
    this.scalars = scalars;
    this.parser = parser;
  }

  /** The next document (a null node when it is empty), or null after the last. */
  JsonNode next() {
    try {
      JsonToken token = parser.nextToken();
      if (token == null) return null;
      anchors.clear();
      aliasedNodes = 0;
      return value(token);
    } catch (StreamConstraintsException e) {
      // the parser's limits (nesting depth, ...) say where, and in words, not which Java method sets them
      String words = e.getOriginalMessage().replaceAll(", from `[^`]*`\\)", ")");
      throw new StreamReadException(parser, words, parser.currentLocation());
    }
  }

  private JsonNode value(JsonToken token) {
    Object anchor = token.isScalarValue() ? scalarAnchor() : parser.getObjectId();
    JsonNode node = switch (token) {
      case START_OBJECT -> object();
      case START_ARRAY -> array();
      default -> scalar();
    };
    if (anchor != null) anchors.put(anchor.toString(), node);
    return node;
  }

  private JsonNode scalar() {
    if (!(parser instanceof YAMLParser yaml) || !yaml.isCurrentAlias()) {
      String plain = plainScalar();
      return plain == null ? textOfBinary(scalars.readTree(parser)) : asKubectlSends(() -> GoYamlScalars.value(plain));
    }
    JsonNode target = anchors.get(parser.getString());
    if (target == null) {
      throw new StreamReadException(parser, ParseErrors.NO_ANCHOR, parser.currentTokenLocation());
    }
    aliasedNodes += size(target);
    if (aliasedNodes > MAX_ALIASED_NODES) {
      throw new StreamReadException(parser, "aliases expand to more than " + MAX_ALIASED_NODES + " values", parser.currentTokenLocation());
    }
    return target.deepCopy();
  }

  /** A {@code !!binary} value as kubectl sends it: the text its base64 decodes to (go-yaml decodes it into a string). */
  private static JsonNode textOfBinary(JsonNode node) {
    return node.isBinary() ? NODES.stringNode(new String(node.binaryValue(), StandardCharsets.UTF_8)) : node;
  }

  private static long size(JsonNode node) {
    long n = 1;
    for (JsonNode child : node) n += size(child);
    return n;
  }

  private ArrayNode array() {
    ArrayNode array = NODES.arrayNode();
    for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) array.add(value(t));
    return array;
  }

  /**
   * A map, with its merge key applied where it stands, as go-yaml v2 (kubectl) applies it: the merged
   * keys are set over the keys written before the {@code <<}, keys written after it are set over
   * them, and of a list of maps the earlier ones win.
   */
  private ObjectNode object() {
    ObjectNode object = NODES.objectNode();
    Set<String> written = new HashSet<>();
    boolean mergedOnce = false;
    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
      String plain = plainScalar();
      boolean merge = MERGE.equals(plain); // a quoted "<<" is an ordinary key, as in go-yaml
      String name = plain == null ? parser.currentName() : asKubectlSends(() -> GoYamlScalars.key(plain));
      if (merge ? mergedOnce : !written.add(name)) {
        throw new StreamReadException(parser, "Duplicate Object property \"" + name + "\"", parser.currentTokenLocation());
      }
      TokenStreamLocation at = parser.currentTokenLocation();
      JsonNode v = value(parser.nextToken());
      if (merge) {
        mergedOnce = true;
        List<JsonNode> sources = mergeSources(v, at);
        for (int i = sources.size() - 1; i >= 0; i--) sources.get(i).properties().forEach(e -> object.set(e.getKey(), e.getValue()));
      } else {
        object.set(name, v);
      }
    }
    return object;
  }

  /** The anchor of the scalar at the current token, else null. */
  private String scalarAnchor() {
    return parser instanceof PlainScalarYamlFactory.Parser p ? p.scalarAnchor() : null;
  }

  /** The text of the scalar at the current token when it is written plain (no quotes, no tag), else null. */
  private String plainScalar() {
    return parser instanceof PlainScalarYamlFactory.Parser p ? p.plainScalar() : null;
  }

  /** A plain scalar as kubectl turns it into JSON; one it cannot is an error at the scalar. */
  private <T> T asKubectlSends(Supplier<T> read) {
    try {
      return read.get();
    } catch (GoYamlScalars.NotJson e) {
      throw new StreamReadException(parser, e.getMessage(), parser.currentTokenLocation());
    }
  }

  /** The maps a merge key's value names, earliest first; go-yaml refuses anything else. */
  private List<JsonNode> mergeSources(JsonNode v, TokenStreamLocation at) {
    List<JsonNode> sources = v.isArray() ? v.valueStream().toList() : List.of(v);
    if (sources.isEmpty() || !sources.stream().allMatch(JsonNode::isObject)) {
      throw new StreamReadException(parser, "a merge key (<<) needs a map or a list of maps", at);
    }
    return sources;
  }
}
