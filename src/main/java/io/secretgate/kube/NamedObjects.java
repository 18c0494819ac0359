package io.secretgate.kube;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Single Secrets and ConfigMaps found by namespace and name: the token, CA and client-certificate
 * Secrets a Vault store names. {@link #direct} makes one GET per call (the controller reads them once
 * per sync round); {@link WatchedObjects} answers the webhook from name-selected informers.
 */
public interface NamedObjects {
  /**
   * The Secret, or null when there is none.
   *
   * @throws KubernetesClientException when it cannot be read
   */
  Secret secret(String namespace, String name);

  /**
   * The ConfigMap, or null when there is none.
   *
   * @throws KubernetesClientException when it cannot be read
   */
  ConfigMap configMap(String namespace, String name);

  /** One GET per call, so a changed object is seen at the next call. */
  static NamedObjects direct(KubernetesClient client) {
    return new NamedObjects() {
      @Override
      public Secret secret(String namespace, String name) {
        return client.secrets().inNamespace(namespace).withName(name).get();
      }

      @Override
      public ConfigMap configMap(String namespace, String name) {
        return client.configMaps().inNamespace(namespace).withName(name).get();
      }
    };
  }
}
