package io.secretgate.secrets;

import io.secretgate.api.ConversionStrategy;
import java.util.Map;
import java.util.TreeMap;

/**
 * ESO's {@code conversionStrategy} for keys from {@code dataFrom}: every rune that is not a Unicode
 * letter or number and not {@code -}, {@code .} or {@code _} becomes {@code _} (Default) or
 * {@code _U%04x_} (Unicode). Two keys converting to the same key is an error.
 */
final class KeyConversion {
  private KeyConversion() {}

  static String convert(ConversionStrategy strategy, String key) {
    StringBuilder sb = new StringBuilder();
    key.codePoints().forEach(cp -> {
      if (GoText.isNumber(cp) || GoText.isLetter(cp) || cp == '-' || cp == '.' || cp == '_') {
        sb.appendCodePoint(cp);
      } else if (strategy == ConversionStrategy.Unicode) {
        sb.append(String.format("_U%04x_", cp));
      } else {
        sb.append('_');
      }
    });
    return sb.toString();
  }

  /** ESO's {@code ConvertKeys}. */
  static Map<String, byte[]> convertKeys(ConversionStrategy strategy, Map<String, byte[]> in) throws SyncError {
    TreeMap<String, byte[]> out = ByteMaps.sorted();
    for (Map.Entry<String, byte[]> e : ByteMaps.sorted(in).entrySet()) {
      String key = convert(strategy, e.getKey());
      if (out.containsKey(key)) {
        throw SyncError.data("secret name collision during conversion: " + key);
      }
      out.put(key, e.getValue());
    }
    return out;
  }
}
