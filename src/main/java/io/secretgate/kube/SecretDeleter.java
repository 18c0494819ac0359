package io.secretgate.kube;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.secretgate.api.ExternalSecret;
import io.secretgate.api.ManagedSecretKeys;
import io.secretgate.kube.ApplyResult.Outcome;
import io.secretgate.kube.SecretUpdates.Plan;
import io.secretgate.secrets.DataHash;
import io.secretgate.secrets.DesiredSecretBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Removes what an ExternalSecret put in the cluster, and nothing else: a Secret is deleted only when
 * this very ExternalSecret (uid) is its controller, and only in the version just read (delete
 * precondition on resourceVersion, so a Secret replaced in between survives).
 */
public final class SecretDeleter {
  /** What a delete came to. */
  public enum DeleteResult {
    DELETED,
    NOT_FOUND,
    /** The Secret exists but this ExternalSecret is not its controller: left alone. */
    NOT_CONTROLLED
  }

  private final KubernetesClient client;
  private final int maxAttempts;
  private final SecretUpdates updates;
  private final java.util.function.BiFunction<String, String, List<Secret>> createdByLookup;

  public SecretDeleter(KubernetesClient client) {
    this(client, SecretWriter.DEFAULT_ATTEMPTS);
  }

  /**
   * As {@link #SecretDeleter(KubernetesClient)}, finding orphan candidates in a cache instead of a
   * LIST per sync: {@code createdByLookup} answers the Secrets of a namespace (first argument) with a
   * created-by label value (second), e.g. from the managed-Secret informer's index. Every delete
   * still re-reads its Secret and deletes with a resourceVersion precondition.
   */
  public SecretDeleter(KubernetesClient client, java.util.function.BiFunction<String, String, List<Secret>> createdByLookup) {
    this.client = client;
    this.maxAttempts = SecretWriter.DEFAULT_ATTEMPTS;
    this.updates = new SecretUpdates(client, maxAttempts);
    this.createdByLookup = createdByLookup;
  }

  public SecretDeleter(KubernetesClient client, int maxAttempts) {
    this.client = client;
    this.maxAttempts = maxAttempts;
    this.updates = new SecretUpdates(client, maxAttempts);
    this.createdByLookup = null;
  }

  /**
   * Deletes {@code secretName} (in the ExternalSecret's namespace) when {@code es} controls it:
   * deletionPolicy Delete outcomes and the deletion of the ExternalSecret itself.
   */
  public DeleteResult deleteIfControlled(ExternalSecret es, String secretName) {
    return delete(DesiredSecretBuilder.namespace(es), secretName, s -> Ownership.isControlledBy(s, es));
  }

  /**
   * ESO's orphan clean-up for creationPolicy Owner: deletes the Secrets in the ExternalSecret's
   * namespace that carry its created-by label but are not named {@code targetName} (the target was
   * renamed). A Secret controlled by something other than this ExternalSecret is left alone.
   *
   * @return the names deleted (ESO records a Normal Deleted event for each)
   */
  public List<String> deleteOrphans(ExternalSecret es, String targetName) {
    String namespace = DesiredSecretBuilder.namespace(es);
    String createdBy = DataHash.createdBy(namespace, es.getMetadata().getName());
    List<Secret> labelled;
    try {
      labelled = createdByLookup != null ? createdByLookup.apply(namespace, createdBy) : client.secrets().inNamespace(namespace).withLabel(ManagedSecretKeys.LABEL_CREATED_BY, createdBy).list().getItems();
    } catch (KubernetesClientException e) {
      throw KubeWriteException.of(e, SecretUpdates.RESOURCE, namespace, "(created-by " + es.getMetadata().getName() + ")");
    }
    List<String> deleted = new ArrayList<>();
    for (Secret s : labelled) {
      String name = s.getMetadata().getName();
      if (name.equals(targetName)) continue;
      Predicate<Secret> orphan = cur -> createdBy.equals(labels(cur).get(ManagedSecretKeys.LABEL_CREATED_BY))
          && Ownership.controllerOf(cur).map(r -> Ownership.refersTo(r, es.getMetadata().getName())).orElse(true);
      if (delete(namespace, name, orphan) == DeleteResult.DELETED) deleted.add(name);
    }
    return deleted;
  }

  /**
   * Removes from {@code secretName} only the data keys this ExternalSecret wrote (see
   * {@link ManagedKeys}); the Secret, its other keys, labels and annotations stay.
   *
   * @return UPDATED, UNCHANGED (nothing of ours left), MISSING, or OWNED_BY_OTHER
   */
  public ApplyResult removeManagedKeys(ExternalSecret es, String secretName) {
    String esName = es.getMetadata().getName();
    return updates.run(DesiredSecretBuilder.namespace(es), secretName, existing -> {
      if (existing == null) return new Plan.Done(ApplyResult.of(Outcome.MISSING, secretName));
      Optional<OwnerReference> controller = Ownership.controllerOf(existing);
      if (controller.isPresent() && Ownership.isExternalSecret(controller.get()) && !Ownership.refersTo(controller.get(), esName)) {
        return new Plan.Done(ApplyResult.refused(Outcome.OWNED_BY_OTHER, secretName,
            "unable to mutate secret " + secretName + ": secret is owned by another ExternalSecret: " + controller.get().getName()));
      }
      Secret next = SecretMerge.withoutManagedData(existing, esName);
      if (SecretMerge.sameContent(existing, next)) return new Plan.Done(ApplyResult.of(Outcome.UNCHANGED, secretName));
      return new Plan.Update(next);
    });
  }

  private DeleteResult delete(String namespace, String name, Predicate<Secret> mayDelete) {
    Resource<Secret> target = client.secrets().inNamespace(namespace).withName(name);
    int lastCode = 0;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      Secret existing = SecretUpdates.read(target, namespace, name);
      if (existing == null) return DeleteResult.NOT_FOUND;
      if (!mayDelete.test(existing)) return DeleteResult.NOT_CONTROLLED;
      try {
        boolean gone = !target.lockResourceVersion(existing.getMetadata().getResourceVersion()).delete().isEmpty();
        return gone ? DeleteResult.DELETED : DeleteResult.NOT_FOUND;
      } catch (KubernetesClientException e) {
        if (e.getCode() == 404) return DeleteResult.NOT_FOUND;
        if (e.getCode() != 409) throw KubeWriteException.of(e, SecretUpdates.RESOURCE, namespace, name);
        lastCode = e.getCode();
      }
    }
    throw new KubeWriteException(KubeWriteException.Kind.CONFLICT_EXHAUSTED, SecretUpdates.RESOURCE, namespace, name, lastCode);
  }

  private static Map<String, String> labels(Secret s) {
    return s.getMetadata().getLabels() == null ? Map.of() : s.getMetadata().getLabels();
  }
}
