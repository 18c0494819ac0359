package io.secretgate.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Our generated CRDs (ExternalSecret, SecretStore, ClusterSecretStore), installed on a test API server. */
public final class Crds {
  private static final List<String> PLURALS = List.of("externalsecrets", "clustersecretstores", "secretstores");

  private Crds() {}

  /** Creates each CRD that is not there yet (a class-wide mock server keeps them between tests). */
  public static void install(KubernetesClient client) {
    var crds = client.apiextensions().v1().customResourceDefinitions();
    for (String plural : PLURALS) {
      try (InputStream in = Crds.class.getResourceAsStream("/META-INF/fabric8/" + plural + ".external-secrets.io-v1.yml")) {
        var def = crds.load(in).item();
        if (crds.withName(def.getMetadata().getName()).get() == null) crds.resource(def).create();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
