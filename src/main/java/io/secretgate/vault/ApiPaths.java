package io.secretgate.vault;

import java.nio.charset.StandardCharsets;

/** API paths on the wire. */
final class ApiPaths {
  private static final String KEEP = "-._~!$&'()*+,;=:@/";
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private ApiPaths() {}

  /**
   * Percent-encodes what a URI path cannot carry (space, {@code ?}, {@code #}, {@code %}, control
   * characters, non-ASCII as UTF-8), as Go's {@code url.URL} does for the Vault client, and keeps
   * the rest, slashes included. (The driver decodes and re-quotes the path once more: a key that
   * itself contains {@code %XX} reaches Vault decoded.)
   */
  static String escape(String apiPath) {
    StringBuilder out = new StringBuilder(apiPath.length());
    for (byte b : apiPath.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c < 0x80 && (Character.isLetterOrDigit(c) || KEEP.indexOf(c) >= 0)) {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return out.toString();
  }
}
