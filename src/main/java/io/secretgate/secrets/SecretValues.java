package io.secretgate.secrets;

import io.secretgate.secrets.json.GoFloat;
import io.secretgate.secrets.json.GoJson;
import io.secretgate.secrets.json.JsonParser;
import io.secretgate.secrets.json.JsonSyntaxException;
import io.secretgate.secrets.json.JsonValue;
import io.secretgate.secrets.json.JsonValue.JsonArray;
import io.secretgate.secrets.json.JsonValue.JsonBool;
import io.secretgate.secrets.json.JsonValue.JsonNull;
import io.secretgate.secrets.json.JsonValue.JsonNumber;
import io.secretgate.secrets.json.JsonValue.JsonObject;
import io.secretgate.secrets.json.JsonValue.JsonString;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How ESO's Vault provider turns Vault JSON into Secret bytes (eso-facts §3.3, §3.5):
 *
 * <table>
 *   <caption>value rendering</caption>
 *   <tr><th>Vault value</th><th>{@link #direct}</th><th>{@link #viaGjson}</th><th>{@link #extract}</th></tr>
 *   <tr><td>string</td><td>raw</td><td>raw</td><td>raw</td></tr>
 *   <tr><td>integer 5432</td><td>5432</td><td>5432</td><td>5432 (float64: &gt;2^53 loses digits)</td></tr>
 *   <tr><td>float 1.50 / 1e3</td><td>1.50 / 1e3</td><td>1.5 / 1000</td><td>1.5 / 1000</td></tr>
 *   <tr><td>true/false</td><td colspan="3">true / false</td></tr>
 *   <tr><td>null</td><td colspan="3">empty</td></tr>
 *   <tr><td>object / array</td><td colspan="3">compact JSON, keys sorted, HTML-escaped</td></tr>
 * </table>
 */
final class SecretValues {
  private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");
  private static final byte[] EMPTY = new byte[0];

  private SecretValues() {}

  /**
   * ESO's {@code getSecretValue}: no property → the whole secret as JSON; a property equal to a
   * top-level key → that value; otherwise a gjson path.
   */
  static byte[] getSecretValue(JsonObject data, String property) throws SyncError {
    if (property == null || property.isEmpty()) return utf8(GoJson.marshal(data));
    if (data.has(property)) return direct(data.get(property));
    Optional<JsonValue> found;
    try {
      found = Gjson.get(data, property);
    } catch (UnsupportedPathException e) {
      throw SyncError.unsupported("remoteRef.property " + GoText.quote(property) + ": " + e.getMessage());
    }
    if (found.isEmpty()) throw SyncError.data("cannot find secret data for key: " + GoText.quote(property));
    return viaGjson(found.get());
  }

  /** ESO's {@code GetByteValue} of a value Vault's client decoded (numbers as literals). */
  static byte[] direct(JsonValue v) {
    if (v instanceof JsonString s) return utf8(s.value());
    if (v instanceof JsonNumber n) return utf8(n.literal());
    if (v instanceof JsonBool b) return utf8(Boolean.toString(b.value()));
    if (v instanceof JsonNull) return EMPTY;
    return utf8(GoJson.marshal(v));
  }

  /** gjson's {@code Result.String()}. */
  static byte[] viaGjson(JsonValue v) {
    if (v instanceof JsonNumber n) {
      String lit = n.literal();
      return utf8(INTEGER.matcher(lit).matches() ? lit : GoFloat.formatF(GoFloat.parse(lit)));
    }
    return direct(v);
  }

  /**
   * ESO's {@code GetSecretMap}: the bytes {@link #getSecretValue} returned are decoded again with
   * {@code json.Unmarshal} into {@code map[string]any} (numbers become float64) and each member is
   * rendered with {@code GetByteValue}.
   */
  static Map<String, byte[]> extract(byte[] json) throws SyncError {
    JsonValue parsed;
    try {
      parsed = JsonParser.parse(new String(json, StandardCharsets.UTF_8));
    } catch (JsonSyntaxException e) {
      throw SyncError.data(json.length == 0 ? "unexpected end of JSON input" : "invalid JSON (value not shown)");
    }
    TreeMap<String, byte[]> out = ByteMaps.sorted();
    if (parsed instanceof JsonNull) return out;
    if (!(parsed instanceof JsonObject obj)) {
      throw SyncError.data("json: cannot unmarshal " + goTypeName(parsed) + " into Go value of type map[string]interface {}");
    }
    checkFloat64(obj);
    for (Map.Entry<String, JsonValue> e : obj.members().entrySet()) out.put(e.getKey(), asFloat64Value(e.getValue()));
    return out;
  }

  private static byte[] asFloat64Value(JsonValue v) {
    if (v instanceof JsonNumber n) return utf8(GoFloat.formatF(GoFloat.parse(n.literal())));
    if (v instanceof JsonObject || v instanceof JsonArray) return utf8(GoJson.marshal(v, GoJson.Numbers.FLOAT64));
    return direct(v);
  }

  /** {@code json.Unmarshal} into float64 refuses numbers beyond its range. */
  private static void checkFloat64(JsonValue v) throws SyncError {
    if (v instanceof JsonNumber n && Double.isInfinite(GoFloat.parse(n.literal()))) {
      throw SyncError.data("json: cannot unmarshal number into Go value of type float64");
    } else if (v instanceof JsonObject o) {
      for (JsonValue m : o.members().values()) checkFloat64(m);
    } else if (v instanceof JsonArray a) {
      for (JsonValue m : a.elements()) checkFloat64(m);
    }
  }

  private static String goTypeName(JsonValue v) {
    if (v instanceof JsonString) return "string";
    if (v instanceof JsonNumber) return "number";
    if (v instanceof JsonBool) return "bool";
    return "array";
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
