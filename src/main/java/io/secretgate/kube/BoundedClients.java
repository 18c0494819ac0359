package io.secretgate.kube;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;

/**
 * A client for calls that must fail in time rather than late: made from another's configuration,
 * without fabric8's retries (up to 10, backing off from 100 ms, on 5xx answers and lost connections:
 * most of a minute) and with {@code timeout} to connect and to answer.
 */
final class BoundedClients {
  /**
   * How long one of the validating webhook's GETs (what its caches miss: a store, a namespace, a
   * token Secret) may take, connecting included: a store, a namespace and a token GET and a Vault
   * ask fit in kube-apiserver's 5 s webhook timeout, and a failed GET is a refusal or warning that
   * says why instead of a call kube-apiserver gives up on.
   */
  static final Duration WEBHOOK_GET = Duration.ofMillis(1500);

  private BoundedClients() {}

  static KubernetesClient from(KubernetesClient client, Duration timeout) {
    int millis = (int) Math.max(100, timeout.toMillis());
    return new KubernetesClientBuilder().withConfig(new ConfigBuilder(client.getConfiguration())
        .withRequestRetryBackoffLimit(0).withRequestTimeout(millis).withConnectionTimeout(millis).build()).build();
  }
}
