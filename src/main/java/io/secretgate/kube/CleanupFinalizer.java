package io.secretgate.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.secretgate.api.ExternalSecret;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds and removes ESO's clean-up finalizer ({@value #NAME}) on an ExternalSecret: read, change the
 * finalizer list, write it with the resourceVersion just read (optimistic concurrency), and on 409
 * read again and retry. The write is a JSON merge patch of {@code metadata.finalizers} and
 * {@code metadata.resourceVersion} only, not an update of the whole object: an ExternalSecret may hold
 * fields our model does not know (a newer ESO CRD installed beside us), which an update sent from the
 * model would remove.
 */
public final class CleanupFinalizer {
  /** ESO's name (v0.20.0+), so an ExternalSecret ESO finalized is recognised, and vice versa. */
  public static final String NAME = "externalsecrets.external-secrets.io/externalsecret-cleanup";
  private static final String RESOURCE = "ExternalSecret";

  private final KubernetesClient client;
  private final int maxAttempts;

  public CleanupFinalizer(KubernetesClient client) {
    this(client, SecretWriter.DEFAULT_ATTEMPTS);
  }

  public CleanupFinalizer(KubernetesClient client, int maxAttempts) {
    this.client = client;
    this.maxAttempts = maxAttempts;
  }

  public static boolean present(ExternalSecret es) {
    List<String> f = es.getMetadata().getFinalizers();
    return f != null && f.contains(NAME);
  }

  /**
   * Adds the finalizer (nothing when it is there). False when the ExternalSecret is gone or being
   * deleted (the API server refuses new finalizers then): the caller's copy is stale, and nothing
   * may be written for it that only the finalizer would clean up.
   */
  public boolean add(ExternalSecret es) {
    return set(es, true);
  }

  /** Removes the finalizer (nothing when it is not there or the ExternalSecret is gone). */
  public void remove(ExternalSecret es) {
    set(es, false);
  }

  /** Whether the ExternalSecret is there (not being deleted) with the finalizer as {@code wanted}. */
  private boolean set(ExternalSecret es, boolean wanted) {
    String namespace = es.getMetadata().getNamespace();
    String name = es.getMetadata().getName();
    Resource<ExternalSecret> target = client.resources(ExternalSecret.class).inNamespace(namespace).withName(name);
    int lastCode = 0;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      ExternalSecret current;
      try {
        current = target.get();
      } catch (KubernetesClientException e) {
        throw KubeWriteException.of(e, RESOURCE, namespace, name);
      }
      if (current == null) return false;
      boolean deleting = current.getMetadata().getDeletionTimestamp() != null;
      if (present(current) == wanted) return !deleting;
      if (wanted && deleting) return false; // the API server refuses new finalizers then
      List<String> finalizers = new ArrayList<>(current.getMetadata().getFinalizers() == null ? List.of() : current.getMetadata().getFinalizers());
      if (wanted) finalizers.add(NAME);
      else finalizers.removeIf(NAME::equals);
      Map<String, Object> metadata = new LinkedHashMap<>();
      metadata.put("resourceVersion", current.getMetadata().getResourceVersion()); // the API server's precondition: 409 when it changed
      metadata.put("finalizers", finalizers.isEmpty() ? null : finalizers); // null removes the list (the mock server ignores an empty one)
      try {
        target.patch(PatchContext.of(PatchType.JSON_MERGE), client.getKubernetesSerialization().asJson(Map.of("metadata", metadata)));
        return !deleting;
      } catch (KubernetesClientException e) {
        if (e.getCode() == 404) return false;
        if (e.getCode() != 409) throw KubeWriteException.of(e, RESOURCE, namespace, name);
        lastCode = e.getCode();
      }
    }
    throw new KubeWriteException(KubeWriteException.Kind.CONFLICT_EXHAUSTED, RESOURCE, namespace, name, lastCode);
  }
}
