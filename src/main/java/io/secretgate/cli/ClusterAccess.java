package io.secretgate.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.secretgate.kube.KubeStoreLookup;
import io.secretgate.kube.KubeconfigFile;
import io.secretgate.validation.StoreLookup;
import java.nio.file.Path;
import java.util.Optional;

/** The optional cluster behind {@code --kubeconfig}: closed when the command ends. */
final class ClusterAccess implements AutoCloseable {
  private final KubernetesClient client;

  private ClusterAccess(KubernetesClient client) {
    this.client = client;
  }

  static ClusterAccess open(Path kubeconfig) {
    if (kubeconfig == null) return new ClusterAccess(null);
    try {
      return new ClusterAccess(KubeconfigFile.client(kubeconfig));
    } catch (KubeconfigFile.UnusableException e) {
      throw new InputException(e.getMessage());
    }
  }

  Optional<StoreLookup> stores() {
    return client == null ? Optional.empty() : Optional.of(new KubeStoreLookup(client));
  }

  @Override
  public void close() {
    if (client != null) client.close();
  }
}
