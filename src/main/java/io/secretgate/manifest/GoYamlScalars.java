package io.secretgate.manifest;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * What kubectl sends for a plain (unquoted, untagged) YAML scalar: go-yaml v2's {@code resolve}
 * (YAML 1.1 words; Go integer syntax, 0x/0o/0b/leading-0 octal, once every '_' is dropped; floats)
 * turned into JSON by sigs.k8s.io/yaml's {@code YAMLToJSON}. Timestamps stay the text they are.
 * A quoted scalar is always a string and never comes here.
 */
final class GoYamlScalars {
  /** A scalar kubectl cannot turn into JSON (the message is the reason; the caller adds the position). */
  static final class NotJson extends RuntimeException {
    NotJson(String message) {
      super(message, null, false, false);
    }
  }

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Object NULL = new Object();
  private static final Map<String, Object> WORDS = new HashMap<>();
  private static final Pattern YAML_FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  /** What Go's ParseFloat reads of a scalar starting with '.' (underscores between digits). */
  private static final Pattern DOT_FLOAT = Pattern.compile("\\.[0-9]+(_[0-9]+)*([eE][-+]?[0-9]+(_[0-9]+)*)?");
  private static final BigInteger MAX_UINT64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  static {
    for (String w : new String[] {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"}) WORDS.put(w, true);
    for (String w : new String[] {"n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"}) WORDS.put(w, false);
    for (String w : new String[] {"", "~", "null", "Null", "NULL"}) WORDS.put(w, NULL);
    for (String w : new String[] {".nan", ".NaN", ".NAN"}) WORDS.put(w, Double.NaN);
    for (String w : new String[] {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"}) WORDS.put(w, Double.POSITIVE_INFINITY);
    for (String w : new String[] {"-.inf", "-.Inf", "-.INF"}) WORDS.put(w, Double.NEGATIVE_INFINITY);
  }

  private GoYamlScalars() {}

  /** The JSON value kubectl sends for the plain scalar {@code text}. */
  static JsonNode value(String text) {
    Object v = resolve(text);
    if (v == NULL) return NODES.nullNode();
    if (v instanceof Boolean b) return NODES.booleanNode(b);
    if (v instanceof Long l) return l == l.intValue() ? NODES.numberNode(l.intValue()) : NODES.numberNode(l);
    if (v instanceof BigInteger big) return NODES.numberNode(big);
    if (v instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) throw new NotJson(text + " is not a JSON number; kubectl refuses it (json: unsupported value): quote it");
      return NODES.numberNode(d);
    }
    return NODES.stringNode(text);
  }

  /** The JSON object key kubectl makes of the plain scalar {@code text} written as a map key. */
  static String key(String text) {
    Object v = resolve(text);
    if (v == NULL) throw new NotJson("a map key is null (" + text + "); kubectl refuses it (Unsupported map key of type: <nil>): quote it");
    if (v instanceof BigInteger) throw new NotJson("a map key is a number above 2^63 (" + text + "); kubectl refuses it (Unsupported map key of type: uint64): quote it");
    if (v instanceof Double d) return float32Text(d);
    return v.toString();
  }

  /** go-yaml v2's resolve() for an untagged plain scalar: Boolean, NULL, Long, BigInteger (uint64), Double or the text. */
  private static Object resolve(String in) {
    if (WORDS.containsKey(in)) return WORDS.get(in);
    char c = in.charAt(0);
    if (c == '.') return DOT_FLOAT.matcher(in).matches() ? finiteOr(Double.parseDouble(in.replace("_", "")), in) : in;
    if (c != '+' && c != '-' && (c < '0' || c > '9')) return in;
    String plain = in.replace("_", "");
    BigInteger i = goInteger(plain);
    if (i != null && i.bitLength() < 64) return i.longValue();
    if (i != null && i.signum() > 0 && c != '+' && i.compareTo(MAX_UINT64) <= 0) return i;
    if (YAML_FLOAT.matcher(plain).matches()) return finiteOr(Double.parseDouble(plain), in);
    return in;
  }

  /** Go's ParseFloat fails (and go-yaml keeps the text) when a float overflows. */
  private static Object finiteOr(double d, String text) {
    return Double.isInfinite(d) ? text : d;
  }

  /** strconv.ParseInt(s, 0, ...) syntax, any size; null when it is not an integer. */
  private static BigInteger goInteger(String s) {
    boolean negative = s.startsWith("-");
    String digits = negative || s.startsWith("+") ? s.substring(1) : s;
    int radix = 10;
    if (digits.startsWith("0")) {
      int prefixed = digits.length() >= 3 ? "bBoOxX".indexOf(digits.charAt(1)) : -1;
      radix = prefixed < 0 ? 8 : new int[] {2, 2, 8, 8, 16, 16}[prefixed];
      digits = digits.substring(prefixed < 0 ? 1 : 2);
      if (prefixed < 0 && digits.isEmpty()) return BigInteger.ZERO;
    }
    final int base = radix;
    if (digits.isEmpty() || !digits.chars().allMatch(ch -> ch < 128 && Character.digit(ch, base) >= 0)) return null;
    BigInteger value = new BigInteger(digits, base);
    return negative ? value.negate() : value;
  }

  /** Go's strconv.FormatFloat(d, 'g', -1, 32), with go-yaml's names for infinities and NaN. */
  private static String float32Text(double d) {
    float f = (float) d;
    if (Float.isNaN(f)) return ".nan";
    if (Float.isInfinite(f)) return f > 0 ? ".inf" : "-.inf";
    if (f == 0) return 1 / f < 0 ? "-0" : "0";
    BigDecimal exact = new BigDecimal(f);
    BigDecimal shortest = exact;
    for (int digits = 1; digits <= 9; digits++) {
      BigDecimal rounded = exact.round(new MathContext(digits));
      if (rounded.floatValue() == f) {
        shortest = rounded.stripTrailingZeros();
        break;
      }
    }
    int exponent = shortest.precision() - shortest.scale() - 1;
    if (exponent >= -4 && exponent < 6) return shortest.toPlainString();
    String mantissa = shortest.unscaledValue().abs().toString();
    return (f < 0 ? "-" : "") + mantissa.charAt(0) + (mantissa.length() > 1 ? "." + mantissa.substring(1) : "")
        + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
  }
}
