package io.secretgate.certs;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.secretgate.kube.CertificateSecret;
import io.secretgate.kube.WebhookCaBundles;
import io.secretgate.tls.CaBundle;
import io.secretgate.tls.Pem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** The mock API server's side of the self-managed certificate tests. */
final class CertsFixtures {
  static final String NAMESPACE = "secretgate";
  static final String SECRET = "secretgate-webhook-tls";
  static final String VALIDATING = "secretgate-validating";
  static final String MUTATING = "secretgate-mutating";
  static final String SERVER_NAME = "secretgate.secretgate.svc";
  /** Short lifetimes, so a test walks a whole rotation by moving the clock. */
  static final CertPolicy POLICY = new CertPolicy(CertPolicy.dnsNames("secretgate", NAMESPACE), Duration.ofDays(30), Duration.ofDays(3),
      Duration.ofHours(1), Duration.ofMinutes(10), Duration.ofMinutes(30));

  private CertsFixtures() {}

  static SelfManagedCertificates certificates(KubernetesClient client, Clock clock) {
    return new SelfManagedCertificates(new CertificateSecret(client, NAMESPACE, SECRET), new WebhookCaBundles(client),
        new SelfManagedCertificates.Configurations(VALIDATING, MUTATING), POLICY, clock);
  }

  /** {@code validating-webhook-config.yaml} (two webhooks, no caBundle yet) installed. */
  static void installValidating(KubernetesClient client) {
    try (InputStream in = CertsFixtures.class.getResourceAsStream("/io/secretgate/certs/validating-webhook-config.yaml")) {
      ValidatingWebhookConfiguration c = client.getKubernetesSerialization().unmarshal(in, ValidatingWebhookConfiguration.class);
      client.admissionRegistration().v1().validatingWebhookConfigurations().resource(c).create();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ValidatingWebhookConfiguration validating(KubernetesClient client) {
    return client.admissionRegistration().v1().validatingWebhookConfigurations().withName(VALIDATING).get();
  }

  /** The CAs in each webhook's caBundle, in webhook order. */
  static List<List<X509Certificate>> published(KubernetesClient client) {
    return validating(client).getWebhooks().stream()
        .map(w -> w.getClientConfig().getCaBundle() == null ? List.<X509Certificate>of() : CaBundle.fromFieldValue(w.getClientConfig().getCaBundle(), "test"))
        .toList();
  }

  static Map<String, String> secretData(KubernetesClient client) {
    Map<String, String> data = new java.util.TreeMap<>();
    client.secrets().inNamespace(NAMESPACE).withName(SECRET).get().getData()
        .forEach((k, v) -> data.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    return data;
  }

  static X509Certificate storedCa(KubernetesClient client) {
    return Pem.readCertificates(secretData(client).get(CertSecretFormat.CA_CRT), "ca.crt").get(0);
  }
}
