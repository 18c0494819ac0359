package io.secretgate.kube;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.function.Function;

/**
 * Read-decide-write on one Secret with optimistic concurrency: every write carries the resourceVersion
 * of the read it was decided from; a 409 (someone wrote in between, or created it first) or a 404 (it
 * was deleted in between) means read again and decide again, a bounded number of times.
 */
final class SecretUpdates {
  static final String RESOURCE = "Secret";

  /** What to do with the Secret as read (null when it does not exist). */
  sealed interface Plan {
    record Done(ApplyResult result) implements Plan {}

    record Create(Secret secret) implements Plan {}

    record Update(Secret secret) implements Plan {}
  }

  private final KubernetesClient client;
  private final int maxAttempts;
  private final Function<String, Secret> cached;

  SecretUpdates(KubernetesClient client, int maxAttempts) {
    this(client, maxAttempts, null);
  }

  /**
   * With {@code cached} (an informer's store by "namespace/name"; null for none), the first attempt
   * decides on the cached copy instead of a GET: its write carries the cached resourceVersion, so a
   * stale copy costs a 409 and a real read, never a lost update. A Secret missing from the cache is
   * only assumed absent for a create (which fails with 409 if it exists after all); any other
   * decision on a missing Secret is taken again on a real read (the cache may hold managed Secrets
   * only).
   */
  SecretUpdates(KubernetesClient client, int maxAttempts, Function<String, Secret> cached) {
    if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1");
    this.client = client;
    this.maxAttempts = maxAttempts;
    this.cached = cached;
  }

  ApplyResult run(String namespace, String name, Function<Secret, Plan> decide) {
    Resource<Secret> target = client.secrets().inNamespace(namespace).withName(name);
    int lastCode = 0;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      Plan plan = attempt == 1 && cached != null ? decideOnCache(namespace, name, decide) : null;
      if (plan == null) plan = decide.apply(read(target, namespace, name));
      try {
        if (plan instanceof Plan.Done done) return done.result();
        if (plan instanceof Plan.Create create) {
          client.secrets().inNamespace(namespace).resource(create.secret()).create();
          return ApplyResult.of(ApplyResult.Outcome.CREATED, name);
        }
        Secret update = ((Plan.Update) plan).secret();
        if (update.getMetadata().getResourceVersion() == null) {
          throw new IllegalStateException("refusing an unconditional update of Secret " + namespace + "/" + name);
        }
        client.secrets().inNamespace(namespace).resource(update).update();
        return ApplyResult.of(ApplyResult.Outcome.UPDATED, name);
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 && e.getCode() != 404) throw KubeWriteException.of(e, RESOURCE, namespace, name);
        lastCode = e.getCode();
      }
    }
    throw new KubeWriteException(KubeWriteException.Kind.CONFLICT_EXHAUSTED, RESOURCE, namespace, name, lastCode);
  }

  /** The plan decided on the cached copy, or null when it must be decided on a real read. */
  private Plan decideOnCache(String namespace, String name, Function<Secret, Plan> decide) {
    Secret copy = cached.apply(namespace + "/" + name);
    Plan plan = decide.apply(copy);
    return copy != null || plan instanceof Plan.Create ? plan : null;
  }

  static Secret read(Resource<Secret> target, String namespace, String name) {
    try {
      return target.get();
    } catch (KubernetesClientException e) {
      throw KubeWriteException.of(e, RESOURCE, namespace, name);
    }
  }
}
