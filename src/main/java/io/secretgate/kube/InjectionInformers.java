package io.secretgate.kube;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.secretgate.api.ExternalSecret;
import io.secretgate.api.ManagedSecretKeys;
import io.secretgate.inject.KnownSecrets;
import io.secretgate.inject.SecretFacts;
import java.util.List;
import java.util.Map;

/**
 * The mutating webhook's view of the cluster: an informer over ExternalSecrets (indexed by the
 * Secret they target) and one over managed Secrets only (label
 * {@code reconcile.external-secrets.io/managed=true}; never every Secret of the cluster), keeping
 * name, labels and type only: Secret values (data, and annotations, which may repeat them) are
 * dropped as they arrive and never held in the cache. A request
 * therefore makes no API call. Readiness waits for {@link #synced()}.
 */
public final class InjectionInformers implements AutoCloseable {
  static final String TARGET_INDEX = "secretgate-target";

  private final SharedIndexInformer<ExternalSecret> externalSecrets;
  private final SharedIndexInformer<Secret> managedSecrets;

  private InjectionInformers(KubernetesClient client) {
    externalSecrets = client.resources(ExternalSecret.class).inAnyNamespace().runnableInformer(0);
    externalSecrets.addIndexers(Map.of(TARGET_INDEX, es -> List.of(targetKey(es))));
    managedSecrets = client.secrets().inAnyNamespace().withLabel(ManagedSecretKeys.LABEL_MANAGED, "true").runnableInformer(0);
    managedSecrets.itemStore(new MetadataOnly());
  }

  /** Starts the informers; they list and watch in the background. */
  public static InjectionInformers start(KubernetesClient client) {
    InjectionInformers informers = new InjectionInformers(client);
    informers.all().forEach(SharedIndexInformer::start);
    return informers;
  }

  /** The facts from the caches. */
  public SecretFacts facts() {
    return new SecretFacts() {
      @Override
      public List<String> externalSecretsTargeting(String namespace, String secret) {
        return externalSecrets.getIndexer().byIndex(TARGET_INDEX, Cache.namespaceKeyFunc(namespace, secret)).stream()
            .map(es -> es.getMetadata().getName()).sorted().toList();
      }

      @Override
      public boolean managedSecretExists(String namespace, String secret) {
        return managedSecretCache(namespace, secret) != null;
      }
    };
  }

  /** What the managed-Secret cache holds for {@code namespace/name} (name, labels and type only), or null. */
  Secret managedSecretCache(String namespace, String name) {
    return managedSecrets.getStore().getByKey(Cache.namespaceKeyFunc(namespace, name));
  }

  /** True once both informers have listed what exists. */
  public boolean synced() {
    return all().stream().allMatch(SharedIndexInformer::hasSynced);
  }

  /**
   * False once the Kubernetes client stopped an informer on its own (a list or watch error other
   * than 410 Gone, e.g. an object it cannot read): its cache would never change again.
   */
  public boolean running() {
    return all().stream().allMatch(SharedIndexInformer::isRunning);
  }

  @Override
  public void close() {
    all().forEach(SharedIndexInformer::close);
  }

  private List<SharedIndexInformer<?>> all() {
    return List.of(externalSecrets, managedSecrets);
  }

  static String targetKey(ExternalSecret es) {
    return Cache.namespaceKeyFunc(es.getMetadata().getNamespace(), KnownSecrets.targetName(es));
  }

  /**
   * An informer store that keeps a Secret's identity (name, namespace, uid, resourceVersion), labels
   * and type, never its data, nor its annotations: kubectl's client-side apply keeps the whole applied
   * manifest, values included, in {@code kubectl.kubernetes.io/last-applied-configuration}.
   */
  static final class MetadataOnly extends BasicItemStore<Secret> {
    MetadataOnly() {
      super(Cache::metaNamespaceKeyFunc);
    }

    @Override
    public Secret put(String key, Secret secret) {
      ObjectMeta m = secret.getMetadata();
      return super.put(key, new SecretBuilder().withNewMetadata().withName(m.getName()).withNamespace(m.getNamespace()).withUid(m.getUid())
          .withResourceVersion(m.getResourceVersion()).withLabels(m.getLabels()).endMetadata().withType(secret.getType()).build());
    }
  }
}
