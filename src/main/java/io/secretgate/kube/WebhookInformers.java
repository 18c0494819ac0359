package io.secretgate.kube;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.secretgate.api.ClusterSecretStore;
import io.secretgate.api.SecretStore;
import io.secretgate.validation.FirstFoundStores;
import io.secretgate.validation.StoreLookup;
import java.time.Duration;
import java.util.List;

/**
 * The webhook's view of the cluster: informers over SecretStores, ClusterSecretStores and
 * Namespaces (for their labels), so a request makes no API call to find its store. What the caches
 * do not hold is read with one GET: a store (or namespace) created just before its ExternalSecret
 * ({@code kubectl apply -f} of both) can reach the API server before its watch event reaches us,
 * and a cache miss is no proof that it does not exist. Started on every replica; readiness waits
 * for {@link #synced()}.
 */
public final class WebhookInformers implements AutoCloseable {
  private final SharedIndexInformer<SecretStore> secretStores;
  private final SharedIndexInformer<ClusterSecretStore> clusterStores;
  private final SharedIndexInformer<Namespace> namespaces;
  private final KubernetesClient getClient;
  private final StoreLookup lookup;

  private WebhookInformers(KubernetesClient client, Duration getTimeout) {
    getClient = BoundedClients.from(client, getTimeout);
    secretStores = client.resources(SecretStore.class).inAnyNamespace().runnableInformer(0);
    clusterStores = client.resources(ClusterSecretStore.class).runnableInformer(0);
    namespaces = client.namespaces().runnableInformer(0);
    lookup = new FirstFoundStores(List.of(
        new InformerStoreLookup(secretStores.getStore()::getByKey, clusterStores.getStore()::getByKey, namespaces.getStore()::getByKey),
        new KubeStoreLookup(getClient)));
  }

  /** Starts the informers; they list and watch in the background. */
  public static WebhookInformers start(KubernetesClient client) {
    return start(client, BoundedClients.WEBHOOK_GET);
  }

  /** @param getTimeout how long a GET may take (tests against the mock API server, which can stall, wait longer) */
  static WebhookInformers start(KubernetesClient client, Duration getTimeout) {
    WebhookInformers informers = new WebhookInformers(client, getTimeout);
    informers.all().forEach(SharedIndexInformer::start);
    return informers;
  }

  /**
   * Stores and namespace labels from the caches, else from the API server with one GET, on a client
   * of its own that fails within {@link BoundedClients#WEBHOOK_GET} (fabric8's retries take most of a minute).
   */
  public StoreLookup lookup() {
    return lookup;
  }

  /** True once every informer has listed what exists. */
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
    stopWatching();
    getClient.close();
  }

  /** Stops the informers: their caches keep what they hold, the GETs still answer. */
  void stopWatching() {
    all().forEach(SharedIndexInformer::close);
  }

  private List<SharedIndexInformer<?>> all() {
    return List.of(secretStores, clusterStores, namespaces);
  }
}
