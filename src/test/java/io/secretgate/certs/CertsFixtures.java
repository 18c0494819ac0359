package io.secretgate.certs;

import io.fabric8.kubernetes.api.model.Secret;
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
  static final String SECRET = "secretgate-webhook-tls";
  static final String VALIDATING = "secretgate-validating";
  static final String MUTATING = "secretgate-mutating";
  static final String SERVER_NAME = "secretgate.secretgate.svc";
  /** Short lifetimes, so a test walks a whole rotation by moving the clock. */
  static final CertPolicy POLICY = new CertPolicy(CertPolicy.dnsNames("secretgate", "secretgate"), Duration.ofDays(30), Duration.ofDays(3),
      Duration.ofHours(1), Duration.ofMinutes(10), Duration.ofMinutes(30));

  private CertsFixtures() {}

  private static final java.util.concurrent.atomic.AtomicInteger TESTS = new java.util.concurrent.atomic.AtomicInteger();

  /**
   * Where one test keeps its Secret and its ValidatingWebhookConfiguration: fresh names, so that tests
   * sharing the class's mock server never see each other's objects.
   */
  record Place(KubernetesClient client, String namespace, String validating) {
    static Place fresh(KubernetesClient client) {
      int n = TESTS.incrementAndGet();
      return new Place(client, "certs-" + n, VALIDATING + "-" + n);
    }
  }

  static SelfManagedCertificates certificates(Place at, Clock clock) {
    return new SelfManagedCertificates(new CertificateSecret(at.client(), at.namespace(), SECRET), new WebhookCaBundles(at.client()),
        new SelfManagedCertificates.Configurations(at.validating(), MUTATING, "secretgate", "secretgate"), POLICY, clock);
  }

  /** {@code validating-webhook-config.yaml} (two webhooks, no caBundle yet) installed under the place's name. */
  static void installValidating(Place at) {
    try (InputStream in = CertsFixtures.class.getResourceAsStream("/io/secretgate/certs/validating-webhook-config.yaml")) {
      ValidatingWebhookConfiguration c = at.client().getKubernetesSerialization().unmarshal(in, ValidatingWebhookConfiguration.class);
      c.getMetadata().setName(at.validating());
      at.client().admissionRegistration().v1().validatingWebhookConfigurations().resource(c).create();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ValidatingWebhookConfiguration validating(Place at) {
    return at.client().admissionRegistration().v1().validatingWebhookConfigurations().withName(at.validating()).get();
  }

  /** The CAs in each webhook's caBundle, in webhook order. */
  static List<List<X509Certificate>> published(Place at) {
    return validating(at).getWebhooks().stream()
        .map(w -> w.getClientConfig().getCaBundle() == null ? List.<X509Certificate>of() : CaBundle.fromFieldValue(w.getClientConfig().getCaBundle(), "test"))
        .toList();
  }

  static Secret secret(Place at) {
    return at.client().secrets().inNamespace(at.namespace()).withName(SECRET).get();
  }

  static Map<String, String> secretData(Place at) {
    Map<String, String> data = new java.util.TreeMap<>();
    secret(at).getData()
        .forEach((k, v) -> data.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    return data;
  }

  static X509Certificate storedCa(Place at) {
    return Pem.readCertificates(secretData(at).get(CertSecretFormat.CA_CRT), "ca.crt").get(0);
  }
}
