package io.secretgate.secrets;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * ESO's {@code ValidateKeys} for keys from {@code dataFrom}: empty keys are dropped, keys longer
 * than 253 bytes or holding a rune other than a letter, a number, {@code -}, {@code .} or
 * {@code _} are errors. Keys are checked in Go's sorted order so the error is deterministic.
 */
final class KeyValidation {
  static final int MAX_KEY_BYTES = 253;

  private KeyValidation() {}

  static Map<String, byte[]> validate(Map<String, byte[]> in) throws SyncError {
    TreeMap<String, byte[]> out = ByteMaps.sorted(in);
    out.remove("");
    for (String key : out.keySet()) {
      byte[] utf8 = key.getBytes(StandardCharsets.UTF_8);
      if (utf8.length > MAX_KEY_BYTES) {
        String truncated = new String(Arrays.copyOf(utf8, MAX_KEY_BYTES), StandardCharsets.UTF_8);
        throw SyncError.data("key has length " + utf8.length + " but max is 253: (following is truncated): " + truncated);
      }
      int bad = key.codePoints()
          .filter(cp -> !GoText.isLetter(cp) && !GoText.isNumber(cp) && cp != '-' && cp != '.' && cp != '_')
          .findFirst()
          .orElse(-1);
      if (bad >= 0) {
        throw SyncError.data("key has invalid character " + new String(Character.toChars(bad))
            + ", only alphanumeric, '-', '.' and '_' are allowed: " + key);
      }
    }
    return out;
  }
}
