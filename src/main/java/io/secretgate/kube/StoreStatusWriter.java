package io.secretgate.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.secretgate.api.ClusterSecretStore;
import io.secretgate.api.Condition;
import io.secretgate.api.SecretStore;
import io.secretgate.api.SecretStoreStatus;
import io.secretgate.api.StoreKind;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Writes a store's status as ESO does: one Ready condition (reason Valid / InvalidProviderConfig,
 * fixed messages) and {@code capabilities: ReadWrite}; nothing is written when nothing changed,
 * and lastTransitionTime is kept while the status stays the same.
 */
public final class StoreStatusWriter {
  public static final String REASON_VALID = "Valid";
  public static final String REASON_INVALID = "InvalidProviderConfig";
  public static final String MSG_VALID = "store validated";
  public static final String MSG_NO_CLIENT = "unable to create client";
  public static final String MSG_NOT_VALIDATED = "unable to validate store";

  private final KubernetesClient client;
  private final Clock clock;

  public StoreStatusWriter(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** Sets the Ready condition of a store; returns false when the store is gone. */
  public boolean write(StoreKind kind, String namespace, String name, boolean ready, String reason, String message) {
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        return kind == StoreKind.ClusterSecretStore ? writeCluster(name, ready, reason, message) : writeNamespaced(namespace, name, ready, reason, message);
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) throw new KubeWriteException(KubeWriteException.Kind.UNAVAILABLE, kind.name(), namespace, name, e.getCode());
      }
    }
    throw new KubeWriteException(KubeWriteException.Kind.CONFLICT_EXHAUSTED, kind.name(), namespace, name, 409);
  }

  private boolean writeCluster(String name, boolean ready, String reason, String message) {
    ClusterSecretStore store = client.resources(ClusterSecretStore.class).withName(name).get();
    if (store == null) return false;
    SecretStoreStatus next = next(store.getStatus(), ready, reason, message);
    if (next == null) return true;
    store.setStatus(next);
    client.resources(ClusterSecretStore.class).resource(store).updateStatus();
    return true;
  }

  private boolean writeNamespaced(String namespace, String name, boolean ready, String reason, String message) {
    SecretStore store = client.resources(SecretStore.class).inNamespace(namespace).withName(name).get();
    if (store == null) return false;
    SecretStoreStatus next = next(store.getStatus(), ready, reason, message);
    if (next == null) return true;
    store.setStatus(next);
    client.resources(SecretStore.class).inNamespace(namespace).resource(store).updateStatus();
    return true;
  }

  /** The new status, or null when the current one already says the same. */
  private SecretStoreStatus next(SecretStoreStatus current, boolean ready, String reason, String message) {
    String status = ready ? "True" : "False";
    Condition old = current == null || current.conditions == null ? null
        : current.conditions.stream().filter(c -> "Ready".equals(c.type)).findFirst().orElse(null);
    if (old != null && status.equals(old.status) && Objects.equals(reason, old.reason) && Objects.equals(message, old.message)
        && "ReadWrite".equals(current.capabilities)) {
      return null;
    }
    Condition c = new Condition();
    c.type = "Ready";
    c.status = status;
    c.reason = reason;
    c.message = message;
    c.lastTransitionTime = old != null && status.equals(old.status) ? old.lastTransitionTime : clock.instant().toString();
    SecretStoreStatus next = new SecretStoreStatus();
    next.conditions = List.of(c);
    next.capabilities = "ReadWrite";
    return next;
  }
}
