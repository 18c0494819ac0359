package io.secretgate.validation;

import io.secretgate.api.ExternalSecretData;
import io.secretgate.api.ExternalSecretDataFrom;
import io.secretgate.api.ExternalSecretSpec;
import io.secretgate.api.MetadataPolicy;
import io.secretgate.api.RemoteRef;
import io.secretgate.api.SecretStoreRef;
import io.secretgate.api.StoreSourceRef;
import java.util.ArrayList;
import java.util.List;

/** Lists, in spec order, every Vault use of an ExternalSecret and the store each one goes to. */
final class PathRequests {
  private PathRequests() {}

  static List<PathRequest> of(ExternalSecretSpec spec) {
    List<PathRequest> out = new ArrayList<>();
    List<ExternalSecretData> data = spec.dataOrEmpty();
    for (int i = 0; i < data.size(); i++) {
      ExternalSecretData d = data.get(i);
      if (d.remoteRef == null || isGenerator(d.sourceRef)) continue;
      String entry = "spec.data[" + i + "]";
      out.add(remote(entry + ".remoteRef.key", storeField(entry, d.sourceRef), store(spec, d.sourceRef), d.remoteRef));
    }
    List<ExternalSecretDataFrom> from = spec.dataFromOrEmpty();
    for (int i = 0; i < from.size(); i++) {
      ExternalSecretDataFrom f = from.get(i);
      if (isGenerator(f.sourceRef)) continue;
      SecretStoreRef ref = store(spec, f.sourceRef);
      String entry = "spec.dataFrom[" + i + "]";
      String storeField = storeField(entry, f.sourceRef);
      if (f.extract != null) out.add(remote(entry + ".extract.key", storeField, ref, f.extract));
      if (f.find != null) {
        String field = entry + ".find" + (f.find.path != null ? ".path" : "");
        PathRequest.Kind kind = f.find.tags != null ? PathRequest.Kind.FIND_WITH_TAGS_LIST : PathRequest.Kind.FIND_LIST;
        out.add(new PathRequest(field, storeField, ref, kind, f.find.path, null));
      }
    }
    return out;
  }

  private static PathRequest remote(String field, String storeField, SecretStoreRef store, RemoteRef ref) {
    PathRequest.Kind kind = ref.effectiveMetadataPolicy() == MetadataPolicy.Fetch ? PathRequest.Kind.METADATA_READ : PathRequest.Kind.DATA_READ;
    return new PathRequest(field, storeField, store, kind, ref.key == null ? "" : ref.key, ref.version);
  }

  private static String storeField(String entry, StoreSourceRef source) {
    return source != null && source.storeRef != null ? entry + ".sourceRef.storeRef" : "spec.secretStoreRef";
  }

  private static boolean isGenerator(StoreSourceRef source) {
    return source != null && source.generatorRef != null;
  }

  private static SecretStoreRef store(ExternalSecretSpec spec, StoreSourceRef source) {
    if (source != null && source.storeRef != null) return source.storeRef;
    return spec.secretStoreRef;
  }
}
