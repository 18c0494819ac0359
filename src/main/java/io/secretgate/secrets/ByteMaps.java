package io.secretgate.secrets;

import io.secretgate.secrets.json.GoJson;
import java.util.Map;
import java.util.TreeMap;

/** Secret data maps, always ordered the way Go orders map keys (UTF-8 bytes). */
final class ByteMaps {
  private ByteMaps() {}

  static TreeMap<String, byte[]> sorted() {
    return new TreeMap<>(GoJson.UTF8_ORDER);
  }

  static TreeMap<String, byte[]> sorted(Map<String, byte[]> in) {
    TreeMap<String, byte[]> out = sorted();
    out.putAll(in);
    return out;
  }
}
