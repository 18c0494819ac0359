package io.secretgate.secrets;

import io.secretgate.secrets.json.GoJson;
import io.secretgate.secrets.json.JsonValue;
import io.secretgate.secrets.json.JsonValue.JsonArray;
import io.secretgate.secrets.json.JsonValue.JsonNumber;
import io.secretgate.secrets.json.JsonValue.JsonObject;
import java.util.Optional;
import java.util.Set;

/**
 * The part of tidwall/gjson v1.18 (which ESO uses for {@code remoteRef.property}) that secretgate
 * evaluates, with gjson's own rules:
 *
 * <ul>
 *   <li>{@code a.b.c}: path components separated by dots; {@code \} escapes the next character,
 *       so {@code a\.b} is the key {@code a.b};
 *   <li>on an object, a component is a key; {@code *} (any run) and {@code ?} (one character) make
 *       it a wildcard that takes the first matching key in sorted order whose rest of the path
 *       resolves;
 *   <li>on an array, a component of digits is an index ({@code arr.0}), and {@code #} as the last
 *       component is the element count; anything else on an array finds nothing.
 * </ul>
 *
 * Everything else gjson would interpret differently is refused with {@link
 * UnsupportedPathException} rather than answered wrongly: pipes {@code |}, modifiers
 * {@code @reverse} etc., multipaths {@code [a,b]} / {@code {a,b}}, literals {@code !true},
 * queries {@code #(...)}, {@code #.key} projections, JSON-lines {@code ..} paths and wildcards
 * mixed with escaped wildcard characters.
 */
final class Gjson {
  /** gjson v1.18's built-in modifiers; {@code @name} of any other name is an ordinary key. */
  private static final Set<String> MODIFIERS = Set.of(
      "pretty", "ugly", "reverse", "this", "flatten", "join", "valid", "keys", "values", "tostr",
      "fromstr", "group", "dig");

  private Gjson() {}

  /** The value at {@code path}, or empty when gjson would find nothing. */
  static Optional<JsonValue> get(JsonObject root, String path) throws UnsupportedPathException {
    if (path.length() > 1) {
      char c = path.charAt(0);
      if (c == '@' && isModifier(path)) throw new UnsupportedPathException("gjson modifier " + modifierName(path));
      if (c == '!') throw new UnsupportedPathException("gjson literal '!'");
      if (c == '[' || c == '{') throw new UnsupportedPathException("gjson multipath '" + c + "'");
      if (path.startsWith("..")) throw new UnsupportedPathException("gjson JSON-lines path '..'");
    }
    return inObject(root, path);
  }

  private static Optional<JsonValue> inObject(JsonObject obj, String path) throws UnsupportedPathException {
    ObjectComponent comp = ObjectComponent.parse(path);
    for (String key : GoJson.sortedKeys(obj.members())) {
      boolean match = comp.wild ? Wildcard.matches(key, comp.part) : key.equals(comp.part);
      if (!match) continue;
      JsonValue v = obj.get(key);
      if (!comp.more) return Optional.of(v);
      Optional<JsonValue> found = descend(v, comp.rest);
      if (found.isPresent()) return found;
    }
    return Optional.empty();
  }

  private static Optional<JsonValue> descend(JsonValue v, String rest) throws UnsupportedPathException {
    if (v instanceof JsonObject o) return inObject(o, rest);
    if (v instanceof JsonArray a) return inArray(a, rest);
    return Optional.empty();
  }

  private static Optional<JsonValue> inArray(JsonArray arr, String path) throws UnsupportedPathException {
    String part = path;
    String rest = null;
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '|') throw new UnsupportedPathException("gjson pipe '|'");
      if (c == '.') {
        part = path.substring(0, i);
        rest = path.substring(i + 1);
        break;
      }
    }
    if (part.indexOf('#') >= 0) {
      if (part.equals("#") && rest == null) return Optional.of(new JsonNumber(Integer.toString(arr.elements().size())));
      if (part.equals("#")) throw new UnsupportedPathException("gjson array projection '#.<path>'");
      if (part.startsWith("#(") || part.startsWith("#[")) throw new UnsupportedPathException("gjson query '#(...)'");
      return Optional.empty();
    }
    if (rest != null && !rest.isEmpty()) checkPiper(rest);
    int index = parseIndex(part);
    if (index < 0 || index >= arr.elements().size()) return Optional.empty();
    JsonValue v = arr.elements().get(index);
    return rest == null ? Optional.of(v) : descend(v, rest);
  }

  /** gjson's {@code parseUint}: one or more ASCII digits; -1 otherwise (or when too large). */
  private static int parseIndex(String s) {
    if (s.isEmpty()) return -1;
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') return -1;
      n = n * 10 + (c - '0');
      if (n > Integer.MAX_VALUE) return -1;
    }
    return (int) n;
  }

  /** After a dot, gjson pipes into a modifier, a multipath or an object/array literal. */
  private static void checkPiper(String rest) throws UnsupportedPathException {
    char c = rest.charAt(0);
    if (c == '@' && isModifier(rest)) throw new UnsupportedPathException("gjson modifier " + modifierName(rest));
    if (c == '[' || c == '{') throw new UnsupportedPathException("gjson multipath '" + c + "'");
  }

  private static boolean isModifier(String s) {
    return MODIFIERS.contains(modifierName(s).substring(1));
  }

  private static String modifierName(String s) {
    int i = 1;
    while (i < s.length() && s.charAt(i) != '.' && s.charAt(i) != '|' && s.charAt(i) != ':') i++;
    return s.substring(0, i);
  }

  /** One object-path component, split and unescaped the way gjson's {@code parseObjectPath} does. */
  private record ObjectComponent(String part, boolean wild, boolean more, String rest) {
    static ObjectComponent parse(String path) throws UnsupportedPathException {
      StringBuilder part = new StringBuilder();
      boolean wild = false;
      boolean escapedWild = false;
      for (int i = 0; i < path.length(); i++) {
        char c = path.charAt(i);
        if (c == '|') throw new UnsupportedPathException("gjson pipe '|'");
        if (c == '.') {
          String rest = path.substring(i + 1);
          if (!rest.isEmpty()) checkPiper(rest);
          return finish(part, wild, escapedWild, true, rest);
        }
        if (c == '\\') {
          i++;
          if (i < path.length()) {
            char e = path.charAt(i);
            if (e == '*' || e == '?') escapedWild = true;
            part.append(e);
          }
          continue;
        }
        if (c == '*' || c == '?') wild = true;
        part.append(c);
      }
      return finish(part, wild, escapedWild, false, null);
    }

    private static ObjectComponent finish(StringBuilder part, boolean wild, boolean escapedWild, boolean more, String rest)
        throws UnsupportedPathException {
      if (wild && escapedWild) {
        throw new UnsupportedPathException("gjson wildcard mixed with an escaped wildcard character");
      }
      if (wild && part.indexOf("\\") >= 0) {
        throw new UnsupportedPathException("gjson wildcard with a backslash in the key");
      }
      return new ObjectComponent(part.toString(), wild, more, rest);
    }
  }

  /** tidwall/match: {@code *} matches any run of characters, {@code ?} exactly one. */
  static final class Wildcard {
    private Wildcard() {}

    static boolean matches(String s, String pattern) {
      int[] str = s.codePoints().toArray();
      int[] pat = pattern.codePoints().toArray();
      int si = 0;
      int pi = 0;
      int starPi = -1;
      int starSi = 0;
      while (si < str.length) {
        if (pi < pat.length && (pat[pi] == '?' || (pat[pi] != '*' && pat[pi] == str[si]))) {
          si++;
          pi++;
        } else if (pi < pat.length && pat[pi] == '*') {
          starPi = pi++;
          starSi = si;
        } else if (starPi >= 0) {
          pi = starPi + 1;
          si = ++starSi;
        } else {
          return false;
        }
      }
      while (pi < pat.length && pat[pi] == '*') pi++;
      return pi == pat.length;
    }
  }
}
