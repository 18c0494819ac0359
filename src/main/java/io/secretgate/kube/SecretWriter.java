package io.secretgate.kube;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.secretgate.api.CreationPolicy;
import io.secretgate.api.ExternalSecret;
import io.secretgate.kube.ApplyResult.Outcome;
import io.secretgate.kube.SecretUpdates.Plan;
import io.secretgate.secrets.DesiredSecret;
import java.util.Optional;

/**
 * Writes the Secret ESO would write ({@link DesiredSecret}) the way ESO writes it, per
 * {@code creationPolicy}: Owner/Orphan/CreateOrMerge create or update, Merge only updates, None does
 * nothing. See {@link SecretMerge} for what an update keeps. Never deletes; never writes over an
 * object it has not just read (resourceVersion); refuses a Secret controlled by another
 * ExternalSecret, and never re-renders an immutable one.
 */
public final class SecretWriter {
  /** Attempts per apply when others keep writing the same Secret (client-go's RetryOnConflict uses 5). */
  public static final int DEFAULT_ATTEMPTS = 5;

  private final SecretUpdates updates;
  private final DataChangeListener listener;

  /** Told after a write that changed the data of a Secret. */
  @FunctionalInterface
  public interface DataChangeListener {
    /** An existing Secret was updated and its data changed (not its metadata alone). */
    void dataChanged(String namespace, String name, String oldDataHash, String newDataHash);

    /**
     * The Secret did not exist and was created: at a first sync, or after someone deleted it (a common
     * way to force a sync), when its new data may differ from what it held. Never told for a Secret
     * that existed, even one missing from the cache (its create conflicts and it is updated instead),
     * so a controller starting over existing Secrets reports no creation. Does nothing unless
     * overridden.
     */
    default void created(String namespace, String name, String newDataHash) {
    }

    static DataChangeListener none() {
      return (namespace, name, oldHash, newHash) -> { };
    }
  }

  public SecretWriter(KubernetesClient client) {
    this(client, DEFAULT_ATTEMPTS);
  }

  public SecretWriter(KubernetesClient client, int maxAttempts) {
    this(client, maxAttempts, DataChangeListener.none());
  }

  public SecretWriter(KubernetesClient client, int maxAttempts, DataChangeListener listener) {
    this(new SecretUpdates(client, maxAttempts), listener);
  }

  /**
   * As {@link #SecretWriter(KubernetesClient, int)}, deciding first on {@code cachedSecrets} (an
   * informer's store by "namespace/name"): no GET per write while the cache is current; a stale
   * copy costs one 409 and a real read.
   */
  public SecretWriter(KubernetesClient client, int maxAttempts, java.util.function.Function<String, Secret> cachedSecrets) {
    this(client, maxAttempts, cachedSecrets, DataChangeListener.none());
  }

  /** As the above, telling {@code listener} when a write changed a Secret's data or created it. */
  public SecretWriter(KubernetesClient client, int maxAttempts, java.util.function.Function<String, Secret> cachedSecrets,
      DataChangeListener listener) {
    this(new SecretUpdates(client, maxAttempts, cachedSecrets), listener);
  }

  private SecretWriter(SecretUpdates updates, DataChangeListener listener) {
    this.updates = updates;
    this.listener = listener;
  }

  /**
   * Creates or updates {@code desired} for the ExternalSecret {@code owner} (as read from the cluster:
   * its uid goes into the ownerReference).
   *
   * @throws KubeWriteException when the API server refuses or cannot be reached; the Secret is then as
   *     it was (or as someone else left it)
   */
  public ApplyResult apply(DesiredSecret desired, ExternalSecret owner) {
    if (desired.creationPolicy() == CreationPolicy.None) return ApplyResult.of(Outcome.SKIPPED, desired.name());
    if (desired.creationPolicy() == CreationPolicy.Owner) Ownership.controllerReference(owner);
    Secret[] decided = new Secret[2];
    ApplyResult result = updates.run(desired.namespace(), desired.name(), existing -> {
      Plan plan = plan(existing, desired, owner);
      decided[0] = existing;
      decided[1] = plan instanceof Plan.Update u ? u.secret() : plan instanceof Plan.Create c ? c.secret() : null;
      return plan;
    });
    if (result.outcome() == Outcome.UPDATED) tellDataChange(desired, decided[0], decided[1]);
    if (result.outcome() == Outcome.CREATED) listener.created(desired.namespace(), desired.name(), dataHash(decided[1]));
    return result;
  }

  private void tellDataChange(DesiredSecret desired, Secret before, Secret after) {
    String oldHash = dataHash(before);
    String newHash = dataHash(after);
    if (!oldHash.equals(newHash)) listener.dataChanged(desired.namespace(), desired.name(), oldHash, newHash);
  }

  private static String dataHash(Secret secret) {
    return SecretMerge.dataHash(secret.getData() == null ? java.util.Map.of() : secret.getData());
  }

  private static Plan plan(Secret existing, DesiredSecret desired, ExternalSecret owner) {
    String name = desired.name();
    if (existing == null) {
      if (desired.creationPolicy() == CreationPolicy.Merge) return done(ApplyResult.of(Outcome.MISSING, name));
      return new Plan.Create(SecretMerge.merge(null, desired, owner));
    }
    Optional<ApplyResult> refusal = refusal(existing, desired, owner);
    if (refusal.isPresent()) return done(refusal.get());
    Secret next = SecretMerge.merge(existing, desired, owner);
    if (Boolean.TRUE.equals(existing.getImmutable())) {
      return done(SecretMerge.sameData(existing, next)
          ? ApplyResult.of(Outcome.UNCHANGED, name)
          : ApplyResult.refused(Outcome.IMMUTABLE, name, "unable to update secret " + name + ": secret is immutable"));
    }
    if (SecretMerge.sameContent(existing, next)) return done(ApplyResult.of(Outcome.UNCHANGED, name));
    return new Plan.Update(next);
  }

  /** ESO's ownership rules: another ExternalSecret's Secret is never touched; Owner needs a free Secret. */
  private static Optional<ApplyResult> refusal(Secret existing, DesiredSecret desired, ExternalSecret owner) {
    Optional<OwnerReference> controller = Ownership.controllerOf(existing);
    if (controller.isEmpty()) return Optional.empty();
    OwnerReference ref = controller.get();
    String esName = owner.getMetadata().getName();
    if (Ownership.isExternalSecret(ref) && !Ownership.refersTo(ref, esName)) {
      return Optional.of(ApplyResult.refused(Outcome.OWNED_BY_OTHER, desired.name(),
          "unable to mutate secret " + desired.name() + ": secret is owned by another ExternalSecret: " + ref.getName()));
    }
    if (!Ownership.isExternalSecret(ref) && desired.creationPolicy() == CreationPolicy.Owner) {
      return Optional.of(ApplyResult.refused(Outcome.OWNERSHIP_REFUSED, desired.name(),
          "unable to mutate secret " + desired.name() + ": could not set controller reference on secret: it is controlled by "
              + ref.getKind() + " " + ref.getName()));
    }
    return Optional.empty();
  }

  private static Plan done(ApplyResult result) {
    return new Plan.Done(result);
  }
}
