package io.secretgate.secrets;

import java.io.ByteArrayOutputStream;

/**
 * Go's {@code base64.StdEncoding} / {@code base64.URLEncoding} {@code DecodeString}: padding is
 * required, {@code \r} and {@code \n} are skipped anywhere, unused trailing bits are not checked.
 * Java's decoders differ (they accept missing padding, reject newlines), hence this class. Errors
 * give only the byte offset, never the input.
 */
final class GoBase64 {
  private static final String STD = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  private static final String URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  /** Go's {@code base64.CorruptInputError}. */
  static final class CorruptInputException extends Exception {
    CorruptInputException(long offset) {
      super("illegal base64 data at input byte " + offset, null, false, false);
    }
  }

  private GoBase64() {}

  static byte[] decodeStd(byte[] src) throws CorruptInputException {
    return decode(src, table(STD));
  }

  static byte[] decodeUrl(byte[] src) throws CorruptInputException {
    return decode(src, table(URL));
  }

  private static int[] table(String alphabet) {
    int[] t = new int[256];
    java.util.Arrays.fill(t, -1);
    for (int i = 0; i < alphabet.length(); i++) t[alphabet.charAt(i)] = i;
    return t;
  }

  private static byte[] decode(byte[] src, int[] map) throws CorruptInputException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(src.length * 3 / 4);
    int si = 0;
    while (true) {
      int[] quantum = new int[4];
      int dlen = 4;
      boolean end = false;
      for (int j = 0; j < 4; j++) {
        if (si == src.length) {
          if (j == 0) return out.toByteArray();
          throw new CorruptInputException(si - j);
        }
        int in = src[si] & 0xFF;
        si++;
        if (in == '\n' || in == '\r') {
          j--;
          continue;
        }
        if (in != '=') {
          if (map[in] < 0) throw new CorruptInputException(si - 1);
          quantum[j] = map[in];
          continue;
        }
        // padding: only after two or three data characters, then nothing but newlines
        if (j == 0 || j == 1) throw new CorruptInputException(si - 1);
        if (j == 2) {
          si = skipNewlines(src, si);
          if (si == src.length) throw new CorruptInputException(src.length);
          if (src[si] != '=') throw new CorruptInputException(si - 1);
          si++;
        }
        si = skipNewlines(src, si);
        if (si < src.length) throw new CorruptInputException(si);
        dlen = j;
        end = true;
        break;
      }
      int val = quantum[0] << 18 | quantum[1] << 12 | quantum[2] << 6 | quantum[3];
      if (dlen >= 2) out.write((val >> 16) & 0xFF);
      if (dlen >= 3) out.write((val >> 8) & 0xFF);
      if (dlen == 4) out.write(val & 0xFF);
      if (end) return out.toByteArray();
    }
  }

  private static int skipNewlines(byte[] src, int si) {
    while (si < src.length && (src[si] == '\n' || src[si] == '\r')) si++;
    return si;
  }
}
