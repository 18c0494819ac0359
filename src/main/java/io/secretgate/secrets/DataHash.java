package io.secretgate.secrets;

import io.secretgate.secrets.json.GoJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * ESO's {@code ObjectHash}: SHA3-224 (hex) of Go's {@code %+v} rendering. For the Secret data map
 * that is {@code map[k1:[1 2 3] k2:[]]} with keys in byte order; for a string it is the string.
 */
public final class DataHash {
  private DataHash() {}

  /** The {@code reconcile.external-secrets.io/data-hash} annotation value for {@code data}. */
  public static String ofData(Map<String, byte[]> data) {
    return sha3(goPrint(data));
  }

  /** ESO's hash of a plain string, e.g. the created-by label value of {@code "<namespace>/<name>"}. */
  public static String ofString(String s) {
    return sha3(s);
  }

  /** The created-by label value for an ExternalSecret. */
  public static String createdBy(String namespace, String name) {
    return ofString(namespace + "/" + name);
  }

  /** Go's {@code fmt.Sprintf("%+v", map[string][]byte)}. */
  static String goPrint(Map<String, byte[]> data) {
    StringBuilder sb = new StringBuilder("map[");
    List<String> keys = GoJson.sortedKeys(data);
    for (int i = 0; i < keys.size(); i++) {
      if (i > 0) sb.append(' ');
      sb.append(keys.get(i)).append(":[");
      byte[] v = data.get(keys.get(i));
      if (v != null) {
        for (int j = 0; j < v.length; j++) {
          if (j > 0) sb.append(' ');
          sb.append(v[j] & 0xFF);
        }
      }
      sb.append(']');
    }
    return sb.append(']').toString();
  }

  private static String sha3(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA3-224");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA3-224 is not available in this JVM", e);
    }
  }
}
