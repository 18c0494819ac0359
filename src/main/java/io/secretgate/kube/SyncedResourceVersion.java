package io.secretgate.kube;

import io.secretgate.api.ExternalSecret;
import io.secretgate.secrets.DataHash;
import io.secretgate.secrets.json.GoJson;
import java.util.List;
import java.util.Map;

/**
 * ESO's {@code status.syncedResourceVersion}: {@code "<metadata.generation>-<hash>"}, the hash being
 * SHA3-224 (hex) of Go's {@code %+v} rendering of a struct holding the ExternalSecret's annotations
 * and labels: {@code {annotations:map[k:v k2:v2] labels:map[k:v]}}, map keys in byte order, strings
 * unquoted, a missing map printed as {@code map[]}. Any label or annotation change therefore counts
 * as a change of the ExternalSecret.
 */
public final class SyncedResourceVersion {
  private SyncedResourceVersion() {}

  public static String of(ExternalSecret es) {
    return of(es.getMetadata().getGeneration(), es.getMetadata().getLabels(), es.getMetadata().getAnnotations());
  }

  public static String of(Long generation, Map<String, String> labels, Map<String, String> annotations) {
    return (generation == null ? 0 : generation) + "-" + hashMeta(labels, annotations);
  }

  /** ESO's {@code HashMeta}. */
  static String hashMeta(Map<String, String> labels, Map<String, String> annotations) {
    return DataHash.ofString("{annotations:" + goMap(annotations) + " labels:" + goMap(labels) + "}");
  }

  /** Go's {@code %v} of a {@code map[string]string}. */
  static String goMap(Map<String, String> map) {
    StringBuilder sb = new StringBuilder("map[");
    if (map != null) {
      List<String> keys = GoJson.sortedKeys(map);
      for (int i = 0; i < keys.size(); i++) {
        if (i > 0) sb.append(' ');
        sb.append(keys.get(i)).append(':').append(map.get(keys.get(i)));
      }
    }
    return sb.append(']').toString();
  }
}
