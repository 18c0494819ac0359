package io.secretgate.vault;

import io.secretgate.secrets.json.JsonValue;
import io.secretgate.secrets.json.JsonValue.JsonArray;
import io.secretgate.secrets.json.JsonValue.JsonNull;
import io.secretgate.secrets.json.JsonValue.JsonObject;
import io.secretgate.secrets.json.JsonValue.JsonString;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link KvApi} answering from fixed data (the {@code secretgate render --vault-data} file): a
 * JSON object mapping Vault API paths to what Vault's answer holds in its top-level {@code data}
 * field.
 *
 * <ul>
 *   <li>read paths: {@code "secret/data/app": {"data": {...}, "metadata": {...}}} (KV v2),
 *       {@code "kv/app": {...}} (KV v1), {@code "secret/metadata/app": {...}} (metadata);
 *   <li>a version: {@code "secret/data/app?version=3"};
 *   <li>list paths end with {@code /}: {@code "secret/metadata/": {"keys": ["app", "team/"]}};
 *   <li>{@code null}, or a path that is not in the file, is a 404.
 * </ul>
 *
 * A leading {@code /v1/} and Go's path cleaning (leading, doubled and trailing slashes) are applied
 * to the file's paths, as Vault's client applies them on the wire.
 */
public final class StaticKvApi implements KvApi {
  private final Map<String, JsonValue> reads;
  private final Map<String, List<String>> lists;

  private StaticKvApi(Map<String, JsonValue> reads, Map<String, List<String>> lists) {
    this.reads = reads;
    this.lists = lists;
  }

  /**
   * @throws IllegalArgumentException naming the path whose entry has the wrong shape (no values
   *     in the message)
   */
  public static StaticKvApi of(JsonValue root) {
    if (!(root instanceof JsonObject obj)) throw new IllegalArgumentException("the top level must be a JSON object of Vault API paths");
    Map<String, JsonValue> reads = new LinkedHashMap<>();
    Map<String, List<String>> lists = new LinkedHashMap<>();
    for (Map.Entry<String, JsonValue> e : obj.members().entrySet()) {
      String path = e.getKey();
      JsonValue v = e.getValue();
      if (path.endsWith("/")) {
        if (v instanceof JsonNull) continue;
        lists.put(normalizeList(path), keys(path, v));
      } else {
        if (v instanceof JsonNull) continue;
        reads.put(normalizeRead(path), v);
      }
    }
    return new StaticKvApi(reads, lists);
  }

  private static List<String> keys(String path, JsonValue v) {
    if (!(v instanceof JsonObject o)) throw new IllegalArgumentException(quote(path) + ": a list path must map to {\"keys\": [...]} or null");
    JsonValue keys = o.get("keys");
    if (keys == null) return List.of();
    if (!(keys instanceof JsonArray a)) throw new IllegalArgumentException(quote(path) + ": \"keys\" must be an array of strings");
    List<String> out = new ArrayList<>();
    for (JsonValue k : a.elements()) {
      if (!(k instanceof JsonString s)) throw new IllegalArgumentException(quote(path) + ": \"keys\" must be an array of strings");
      out.add(s.value());
    }
    return List.copyOf(out);
  }

  @Override
  public Optional<JsonValue> read(String apiPath, String version) {
    String key = normalizeRead(apiPath);
    if (version != null) key = key + "?version=" + version;
    return Optional.ofNullable(reads.get(key));
  }

  @Override
  public Optional<List<String>> list(String apiPathWithTrailingSlash) {
    return Optional.ofNullable(lists.get(normalizeList(apiPathWithTrailingSlash)));
  }

  private static String normalizeRead(String path) {
    int q = path.indexOf('?');
    String query = q < 0 ? "" : path.substring(q);
    String p = q < 0 ? path : path.substring(0, q);
    return KvPaths.clean(stripV1(p)) + query;
  }

  private static String normalizeList(String path) {
    return KvPaths.clean(stripV1(path)) + "/";
  }

  private static String stripV1(String path) {
    return path.startsWith("/v1/") ? path.substring(4) : path;
  }

  private static String quote(String s) {
    return "\"" + s.replace("\"", "\\\"") + "\"";
  }
}
