package io.secretgate.kube;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.secretgate.api.ClusterSecretStore;
import io.secretgate.api.SecretStore;
import io.secretgate.api.StoreKind;
import io.secretgate.validation.Store;
import io.secretgate.validation.StoreLookup;
import io.secretgate.validation.StoreLookupException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Stores and namespace labels read from a cluster, one GET each (for the CLI, and for the webhook what its informers miss). */
public final class KubeStoreLookup implements StoreLookup {
  private final KubernetesClient client;

  public KubeStoreLookup(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public Optional<Store> find(StoreKind kind, String name, String namespace) {
    try {
      if (kind == StoreKind.ClusterSecretStore) {
        ClusterSecretStore css = client.resources(ClusterSecretStore.class).withName(name).get();
        return Optional.ofNullable(css).map(s -> new Store(kind, name, null, s.getSpec()));
      }
      SecretStore ss = client.resources(SecretStore.class).inNamespace(namespace).withName(name).get();
      return Optional.ofNullable(ss).map(s -> new Store(kind, name, namespace, s.getSpec()));
    } catch (KubernetesClientException e) {
      throw new StoreLookupException("cannot read " + kind + " \"" + name + "\" from the cluster (" + reason(e) + ")");
    }
  }

  @Override
  public Optional<Map<String, String>> namespaceLabels(String namespace) {
    try {
      Namespace ns = client.namespaces().withName(namespace).get();
      if (ns == null) return Optional.empty();
      Map<String, String> labels = new HashMap<>(ns.getMetadata().getLabels() == null ? Map.of() : ns.getMetadata().getLabels());
      labels.put("kubernetes.io/metadata.name", namespace);
      return Optional.of(labels);
    } catch (KubernetesClientException e) {
      throw new StoreLookupException("cannot read namespace \"" + namespace + "\" from the cluster (" + reason(e) + ")");
    }
  }

  static String reason(KubernetesClientException e) {
    if (e.getCode() > 0) return "HTTP " + e.getCode();
    Throwable root = e;
    boolean timedOut = false;
    while (root.getCause() != null) {
      root = root.getCause();
      timedOut |= timeout(root);
    }
    return "cannot connect: " + (timedOut ? "timed out" : connectFailure(root));
  }

  /** A timeout anywhere in the chain: the JDK client's connect timeout is an HttpConnectTimeoutException caused by a ConnectException. */
  private static boolean timeout(Throwable t) {
    return t instanceof java.net.SocketTimeoutException || t instanceof java.util.concurrent.TimeoutException || t instanceof java.net.http.HttpTimeoutException;
  }

  /** Why no answer came, in words (never a Java class name on a user's screen). */
  private static String connectFailure(Throwable root) {
    if (root instanceof java.net.ConnectException) return "connection refused";
    if (root instanceof java.net.UnknownHostException) return "unknown host";
    if (root instanceof javax.net.ssl.SSLException) return "TLS handshake failed";
    if (root instanceof java.nio.channels.ClosedChannelException || root instanceof java.io.EOFException) return "the connection was closed";
    return "no answer";
  }
}
