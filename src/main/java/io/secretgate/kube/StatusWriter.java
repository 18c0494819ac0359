package io.secretgate.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.secretgate.api.ExternalSecret;
import io.secretgate.api.ExternalSecretStatus;
import java.time.Clock;
import java.util.Objects;

/**
 * Writes an ExternalSecret's status through the status subresource, with optimistic concurrency: the
 * write carries the resourceVersion of the object it was computed from; on 409 the ExternalSecret is
 * read again and the same update applied to its current status. Nothing is written when the status
 * would not change.
 */
public final class StatusWriter {
  static final String RESOURCE = "ExternalSecret";

  /** What a status write came to. */
  public enum Result {
    WRITTEN,
    UNCHANGED,
    /** The ExternalSecret no longer exists. */
    GONE
  }

  private final KubernetesClient client;
  private final Clock clock;
  private final int maxAttempts;
  private final KubernetesSerialization serialization;

  public StatusWriter(KubernetesClient client, Clock clock) {
    this(client, clock, SecretWriter.DEFAULT_ATTEMPTS);
  }

  public StatusWriter(KubernetesClient client, Clock clock, int maxAttempts) {
    if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1");
    this.client = client;
    this.clock = clock;
    this.maxAttempts = maxAttempts;
    this.serialization = client.getKubernetesSerialization();
  }

  /**
   * Applies {@code update} to the status of {@code synced}, the ExternalSecret as it was when the sync
   * started: its generation, labels and annotations make {@code syncedResourceVersion}, even if it has
   * changed since (then the next sync sees the difference and runs again).
   */
  public Result write(ExternalSecret synced, StatusUpdate update) {
    String namespace = synced.getMetadata().getNamespace();
    String name = synced.getMetadata().getName();
    String syncedVersion = SyncedResourceVersion.of(synced);
    ExternalSecret current = synced.getMetadata().getResourceVersion() == null ? read(namespace, name) : synced;
    int lastCode = 0;
    for (int attempt = 1; attempt <= maxAttempts && current != null; attempt++) {
      ExternalSecretStatus next = StatusChange.next(current.getStatus(), update, syncedVersion, clock.instant());
      if (same(current.getStatus(), next)) return Result.UNCHANGED;
      ExternalSecret copy = serialization.clone(current);
      copy.setStatus(next);
      try {
        client.resources(ExternalSecret.class).inNamespace(namespace).resource(copy).updateStatus();
        return Result.WRITTEN;
      } catch (KubernetesClientException e) {
        if (e.getCode() == 404) return Result.GONE;
        if (e.getCode() != 409) throw KubeWriteException.of(e, RESOURCE, namespace, name);
        lastCode = e.getCode();
        current = read(namespace, name);
      }
    }
    if (current == null) return Result.GONE;
    throw new KubeWriteException(KubeWriteException.Kind.CONFLICT_EXHAUSTED, RESOURCE, namespace, name, lastCode);
  }

  private ExternalSecret read(String namespace, String name) {
    try {
      return client.resources(ExternalSecret.class).inNamespace(namespace).withName(name).get();
    } catch (KubernetesClientException e) {
      throw KubeWriteException.of(e, RESOURCE, namespace, name);
    }
  }

  private boolean same(ExternalSecretStatus a, ExternalSecretStatus b) {
    return Objects.equals(a == null ? null : serialization.asJson(a), serialization.asJson(b));
  }
}
