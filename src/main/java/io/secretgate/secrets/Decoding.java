package io.secretgate.secrets;

import io.secretgate.api.DecodingStrategy;
import java.util.Map;

/** ESO's {@code decodingStrategy} (None, Base64, Base64URL, Auto) on one value or a whole map. */
final class Decoding {
  private Decoding() {}

  /** Decodes one value; the error text is Go's ({@code illegal base64 data at input byte N}). */
  static byte[] decode(DecodingStrategy strategy, byte[] in) throws GoBase64.CorruptInputException {
    return switch (strategy) {
      case None -> in;
      case Base64 -> GoBase64.decodeStd(in);
      case Base64URL -> GoBase64.decodeUrl(in);
      case Auto -> auto(in);
    };
  }

  private static byte[] auto(byte[] in) {
    try {
      return GoBase64.decodeStd(in);
    } catch (GoBase64.CorruptInputException notStd) {
      try {
        return GoBase64.decodeUrl(in);
      } catch (GoBase64.CorruptInputException notUrl) {
        return in;
      }
    }
  }

  /** ESO's {@code DecodeMap}; a failure names the key ({@code failure decoding key K: ...}). */
  static Map<String, byte[]> decodeMap(DecodingStrategy strategy, Map<String, byte[]> in) throws SyncError {
    Map<String, byte[]> out = ByteMaps.sorted();
    for (Map.Entry<String, byte[]> e : ByteMaps.sorted(in).entrySet()) {
      try {
        out.put(e.getKey(), decode(strategy, e.getValue()));
      } catch (GoBase64.CorruptInputException ex) {
        throw SyncError.data("failure decoding key " + e.getKey() + ": " + ex.getMessage());
      }
    }
    return out;
  }
}
