package io.secretgate.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.secretgate.api.CreationPolicy;
import io.secretgate.api.ExternalSecret;
import io.secretgate.secrets.BuildOutcome;
import io.secretgate.secrets.DesiredSecret;
import io.secretgate.secrets.DesiredSecretBuilder;
import io.secretgate.secrets.SecretSource;
import io.secretgate.secrets.SecretSourceException;
import io.secretgate.secrets.json.JsonValue;
import io.secretgate.secrets.template.GoTemplateEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Fixtures under {@code src/test/resources/io/secretgate/kube/} and helpers for the mock API server. */
final class KubeFixtures {
  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  private KubeFixtures() {}

  /** The generated ExternalSecret CRD, so that the mock serves the status subresource like a real server. */
  static void installCrds(KubernetesClient client) {
    try (InputStream in = KubeFixtures.class.getResourceAsStream("/META-INF/fabric8/externalsecrets.external-secrets.io-v1.yml")) {
      CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().load(in).item();
      client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fresh namespace name, so that tests sharing the class's mock server never see each other's objects. */
  static String freshNamespace() {
    return "ns-" + NAMESPACES.incrementAndGet();
  }

  static <T> T load(KubernetesClient client, String resource, Class<T> type) {
    try (InputStream in = KubeFixtures.class.getResourceAsStream("/io/secretgate/kube/" + resource)) {
      if (in == null) throw new IllegalArgumentException("no fixture " + resource);
      return client.getKubernetesSerialization().unmarshal(in, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code externalsecret.yaml}, edited, created in {@code namespace}; returned as the server has it (uid, generation). */
  static ExternalSecret createExternalSecret(KubernetesClient client, String namespace, Consumer<ExternalSecret> edit) {
    ExternalSecret es = load(client, "externalsecret.yaml", ExternalSecret.class);
    es.getMetadata().setNamespace(namespace);
    edit.accept(es);
    return client.resources(ExternalSecret.class).inNamespace(namespace).resource(es).create();
  }

  static ExternalSecret createExternalSecret(KubernetesClient client, String namespace, CreationPolicy policy) {
    return createExternalSecret(client, namespace, es -> es.getSpec().target.creationPolicy = policy);
  }

  /** A Secret fixture created in {@code namespace}. */
  static Secret createSecret(KubernetesClient client, String namespace, String resource) {
    Secret s = load(client, resource, Secret.class);
    s.getMetadata().setNamespace(namespace);
    return client.secrets().inNamespace(namespace).resource(s).create();
  }

  static Secret get(KubernetesClient client, String namespace, String name) {
    return client.secrets().inNamespace(namespace).withName(name).get();
  }

  /** What DesiredSecretBuilder makes of {@code es} when Vault's {@code apps/db} holds {@code vault}. */
  static DesiredSecret desired(ExternalSecret es, Map<String, String> vault) {
    Map<String, JsonValue> members = new LinkedHashMap<>();
    vault.forEach((k, v) -> members.put(k, new JsonValue.JsonString(v)));
    SecretSource source = new SecretSource() {
      @Override
      public JsonValue.JsonObject getSecret(io.secretgate.api.RemoteRef ref) {
        return JsonValue.JsonObject.of(members);
      }

      @Override
      public Map<String, JsonValue.JsonObject> findSecrets(io.secretgate.api.Find find) throws SecretSourceException {
        throw new UnsupportedOperationException("find");
      }
    };
    BuildOutcome outcome = new DesiredSecretBuilder(new GoTemplateEngine()).build(es, ref -> source);
    assertThat(outcome).isInstanceOf(BuildOutcome.Write.class);
    return ((BuildOutcome.Write) outcome).secret();
  }

  /** The Secret's data, decoded. */
  static Map<String, String> data(Secret s) {
    Map<String, String> out = new TreeMap<>();
    if (s.getData() != null) s.getData().forEach((k, v) -> out.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    return out;
  }

  static Map<String, String> labels(Secret s) {
    return s.getMetadata().getLabels() == null ? Map.of() : s.getMetadata().getLabels();
  }

  static Map<String, String> annotations(Secret s) {
    return s.getMetadata().getAnnotations() == null ? Map.of() : s.getMetadata().getAnnotations();
  }
}
