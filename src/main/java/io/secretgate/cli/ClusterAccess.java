package io.secretgate.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.secretgate.kube.KubeStoreLookup;
import io.secretgate.manifest.ManifestProblem;
import io.secretgate.manifest.ParseErrors;
import io.secretgate.validation.StoreLookup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import tools.jackson.core.JacksonException;

/** The optional cluster behind {@code --kubeconfig}: closed when the command ends. */
final class ClusterAccess implements AutoCloseable {
  private final KubernetesClient client;

  private ClusterAccess(KubernetesClient client) {
    this.client = client;
  }

  static ClusterAccess open(Path kubeconfig) {
    if (kubeconfig == null) return new ClusterAccess(null);
    String text;
    try {
      text = Files.readString(kubeconfig, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException(kubeconfig + ": cannot read kubeconfig: " + PolicyLoading.unreadable(kubeconfig, e));
    }
    Config config;
    try {
      config = Config.fromKubeconfig(text);
    } catch (RuntimeException e) {
      throw new InputException(unusable(kubeconfig, e));
    }
    return new ClusterAccess(new KubernetesClientBuilder().withConfig(config).build());
  }

  /** One line without the file's content (it holds credentials) or Java type names. */
  private static String unusable(Path kubeconfig, RuntimeException e) {
    Optional<ManifestProblem> syntax = ParseErrors.yamlSyntax(kubeconfig.toString(), e);
    if (syntax.isPresent()) return syntax.get().toString();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof JacksonException j && !j.getPath().isEmpty()) {
        return kubeconfig + ": not a usable kubeconfig: " + ParseErrors.fieldPath(j, "") + " has the wrong type";
      }
    }
    return kubeconfig + ": not a usable kubeconfig";
  }

  Optional<StoreLookup> stores() {
    return client == null ? Optional.empty() : Optional.of(new KubeStoreLookup(client));
  }

  @Override
  public void close() {
    if (client != null) client.close();
  }
}
