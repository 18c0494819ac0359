package io.secretgate.secrets;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

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

  /** The Kubernetes API server's rule for a Secret's data keys (apimachinery {@code IsConfigMapKey}), narrower than ESO's. */
  private static final Pattern API_SERVER_KEY = Pattern.compile("[-._a-zA-Z0-9]+");

  /**
   * Why the Kubernetes API server would refuse a Secret with these data keys (HTTP 422), for the first
   * such key in sorted order: ESO lets through letters and numbers outside ASCII (a Vault key
   * {@code pässword}), which the API server refuses, and so do {@code .}, {@code ..} and keys
   * starting with {@code ..}. Empty when every key would be accepted.
   */
  static Optional<String> apiServerRefusal(Map<String, byte[]> data) {
    for (String key : ByteMaps.sorted(data).keySet()) {
      String why = !API_SERVER_KEY.matcher(key).matches() ? "a Secret key may hold only ASCII letters, digits, '-', '_' and '.'"
          : key.equals(".") || key.equals("..") ? "a Secret key must not be '" + key + "'"
          : key.startsWith("..") ? "a Secret key must not start with '..'"
          : null;
      if (why != null) return Optional.of("the Kubernetes API server would refuse data key \"" + key + "\": " + why);
    }
    return Optional.empty();
  }
}
