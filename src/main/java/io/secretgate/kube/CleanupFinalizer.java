package io.secretgate.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.secretgate.api.ExternalSecret;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds and removes ESO's clean-up finalizer ({@value #NAME}) on an ExternalSecret: read, change the
 * finalizer list, write with the resourceVersion just read (optimistic concurrency), and on 409 read
 * again and retry. Nothing but {@code metadata.finalizers} is changed.
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

  /** Adds the finalizer (nothing when it is there or the ExternalSecret is gone or being deleted). */
  public void add(ExternalSecret es) {
    set(es, true);
  }

  /** Removes the finalizer (nothing when it is not there or the ExternalSecret is gone). */
  public void remove(ExternalSecret es) {
    set(es, false);
  }

  private void set(ExternalSecret es, boolean wanted) {
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
      if (current == null || present(current) == wanted) return;
      if (wanted && current.getMetadata().getDeletionTimestamp() != null) return; // the API server refuses new finalizers then
      List<String> finalizers = new ArrayList<>(current.getMetadata().getFinalizers() == null ? List.of() : current.getMetadata().getFinalizers());
      if (wanted) finalizers.add(NAME);
      else finalizers.removeIf(NAME::equals);
      current.getMetadata().setFinalizers(finalizers);
      try {
        client.resources(ExternalSecret.class).inNamespace(namespace).resource(current).update();
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() == 404) return;
        if (e.getCode() != 409) throw KubeWriteException.of(e, RESOURCE, namespace, name);
        lastCode = e.getCode();
      }
    }
    throw new KubeWriteException(KubeWriteException.Kind.CONFLICT_EXHAUSTED, RESOURCE, namespace, name, lastCode);
  }
}
