package io.secretgate.sync;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.secretgate.api.ExternalSecret;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether an update of an ExternalSecret asks for a sync, as a pure decision. As ESO's predicates
 * (generation, labels or annotations changed), plus the spec itself (the fabric8 mock server does
 * not bump {@code metadata.generation}), the deletion timestamp and the finalizers. An update of the
 * status alone asks for nothing: the controller's own status writes arrive as such updates, and a
 * failed sync's Ready False would otherwise run that sync again at once, ahead of its backoff.
 */
final class ExternalSecretChange {
  private ExternalSecretChange() {}

  static boolean asksForSync(ExternalSecret old, ExternalSecret now) {
    ObjectMeta a = old.getMetadata();
    ObjectMeta b = now.getMetadata();
    return !Objects.equals(a.getGeneration(), b.getGeneration())
        || !orEmpty(a.getLabels()).equals(orEmpty(b.getLabels()))
        || !orEmpty(a.getAnnotations()).equals(orEmpty(b.getAnnotations()))
        || !Objects.equals(a.getDeletionTimestamp(), b.getDeletionTimestamp())
        || !orEmpty(a.getFinalizers()).equals(orEmpty(b.getFinalizers()))
        || !SpecTrees.same(old.getSpec(), now.getSpec());
  }

  private static Map<String, String> orEmpty(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }

  private static List<String> orEmpty(List<String> list) {
    return list == null ? List.of() : list;
  }
}
