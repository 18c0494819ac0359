package io.secretgate.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.secretgate.webhookconfig.WebhookConfigFiles;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The chart's webhook configurations are webhook-config/*.yaml, with this release's names and no caBundle. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ChartWebhookTest {
  private static final ValidatingWebhookConfiguration PLAIN_VALIDATING = WebhookConfigFiles.validating(
      WebhookConfigFiles.text(WebhookConfigFiles.dir().resolve(WebhookConfigFiles.VALIDATING)));
  private static final MutatingWebhookConfiguration PLAIN_MUTATING = WebhookConfigFiles.mutating(
      WebhookConfigFiles.text(WebhookConfigFiles.dir().resolve(WebhookConfigFiles.MUTATING)));

  @Test
  void the_validating_webhook_is_the_plain_one_without_its_ca_bundle() {
    ValidatingWebhookConfiguration rendered = ChartFiles.render("default").one(ValidatingWebhookConfiguration.class).orElseThrow();

    assertThat(rendered.getMetadata().getName()).isEqualTo(PLAIN_VALIDATING.getMetadata().getName());
    assertSameWebhooks(rendered.getWebhooks(), PLAIN_VALIDATING.getWebhooks(),
        w -> w.toBuilder().editClientConfig().withCaBundle(null).endClientConfig().build());
  }

  @Test
  void the_mutating_webhook_is_the_plain_one_without_its_ca_bundle() {
    MutatingWebhookConfiguration rendered = ChartFiles.render("beside-eso").one(MutatingWebhookConfiguration.class).orElseThrow();

    assertThat(rendered.getMetadata().getName()).isEqualTo(PLAIN_MUTATING.getMetadata().getName());
    // also objectSelector, matchConditions and reinvocationPolicy
    assertSameWebhooks(rendered.getWebhooks(), PLAIN_MUTATING.getWebhooks(),
        w -> w.toBuilder().editClientConfig().withCaBundle(null).endClientConfig().build());
  }

  /** rules, failurePolicy, sideEffects, timeoutSeconds, selectors, matchPolicy, service path and port: all equal. */
  private static <W> void assertSameWebhooks(List<W> rendered, List<W> plain, UnaryOperator<W> withoutCaBundle) {
    assertThat(rendered).containsExactlyElementsOf(plain.stream().map(withoutCaBundle).toList());
  }

  @Test
  void another_release_points_its_webhooks_at_its_own_service_and_excludes_its_own_namespace() {
    Rendered r = new Rendered(ChartFiles.parse(ChartFiles.template("gate", "platform", "beside-eso", Map.of())));
    ValidatingWebhook validating = r.one(ValidatingWebhookConfiguration.class).orElseThrow().getWebhooks().get(0);
    MutatingWebhook mutating = r.one(MutatingWebhookConfiguration.class).orElseThrow().getWebhooks().get(0);
    Service service = r.one(Service.class).orElseThrow();

    assertThat(service.getMetadata().getName()).isEqualTo("gate-secretgate");
    for (var cc : List.of(validating.getClientConfig(), mutating.getClientConfig())) {
      assertThat(cc.getService().getName()).isEqualTo("gate-secretgate");
      assertThat(cc.getService().getNamespace()).isEqualTo("platform");
    }
    for (var selector : List.of(validating.getNamespaceSelector(), mutating.getNamespaceSelector())) {
      assertThat(selector.getMatchExpressions().get(0).getValues()).containsExactly("kube-system", "platform");
    }
    assertThat(r.container().getEnv()).anySatisfy(e -> {
      assertThat(e.getName()).isEqualTo("SECRETGATE_VALIDATING_WEBHOOK_CONFIG");
      assertThat(e.getValue()).isEqualTo("gate-secretgate-validating");
    });
  }

  @Test
  void the_service_sends_443_to_the_containers_webhook_port_and_exposes_metrics() {
    Rendered r = ChartFiles.render("default");
    List<ServicePort> ports = r.one(Service.class).orElseThrow().getSpec().getPorts();

    assertThat(ports).extracting(ServicePort::getName, ServicePort::getPort, p -> p.getTargetPort().getStrVal())
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("webhook", 443, "webhook"), org.assertj.core.groups.Tuple.tuple("metrics", 8080, "metrics"));
    assertThat(r.container().getPorts()).anySatisfy(p -> {
      assertThat(p.getName()).isEqualTo("webhook");
      assertThat(p.getContainerPort()).isEqualTo(8443);
    });
  }

  @Test
  void with_cert_manager_the_ca_is_injected_from_the_certificate_whose_secret_is_mounted_as_files() {
    Rendered r = ChartFiles.render("ha");
    GenericKubernetesResource certificate = named(r, "Certificate", "secretgate-webhook");
    String secretName = (String) ((Map<?, ?>) certificate.getAdditionalProperties().get("spec")).get("secretName");
    String injectFrom = ChartFiles.NAMESPACE + "/" + certificate.getMetadata().getName();

    assertThat(r.one(ValidatingWebhookConfiguration.class).orElseThrow().getMetadata().getAnnotations())
        .containsEntry("cert-manager.io/inject-ca-from", injectFrom);
    assertThat(r.one(MutatingWebhookConfiguration.class).orElseThrow().getMetadata().getAnnotations())
        .containsEntry("cert-manager.io/inject-ca-from", injectFrom);
    assertThat(((Map<?, ?>) certificate.getAdditionalProperties().get("spec")).get("dnsNames").toString())
        .contains("secretgate.secretgate.svc");
    assertThat(r.deployment().getSpec().getTemplate().getSpec().getVolumes())
        .anySatisfy(v -> assertThat(v.getSecret() == null ? null : v.getSecret().getSecretName()).isEqualTo(secretName));
    assertThat(Env.of(r)).containsEntry("SECRETGATE_CERT_MODE", "files")
        .containsEntry("SECRETGATE_TLS_CERT_FILE", "/etc/secretgate/tls/tls.crt")
        .containsEntry("SECRETGATE_TLS_KEY_FILE", "/etc/secretgate/tls/tls.key");
    assertThat(r.container().getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/etc/secretgate/tls"));
  }

  @Test
  void an_existing_cluster_issuer_is_used_instead_of_a_self_signed_one() {
    Rendered r = ChartFiles.render("ha", Map.of("webhook.certManager.issuerRef.name", "corp-ca", "webhook.certManager.issuerRef.kind", "ClusterIssuer"));
    GenericKubernetesResource certificate = named(r, "Certificate", "secretgate-webhook");

    assertThat(r.all(GenericKubernetesResource.class)).extracting(GenericKubernetesResource::getKind).doesNotContain("Issuer");
    assertThat(r.all(GenericKubernetesResource.class)).filteredOn(o -> o.getKind().equals("Certificate")).hasSize(1);
    @SuppressWarnings("unchecked")
    Map<String, Object> issuerRef = (Map<String, Object>) certificate.get("spec", "issuerRef");
    assertThat(issuerRef)
        .containsEntry("name", "corp-ca").containsEntry("kind", "ClusterIssuer").containsEntry("group", "cert-manager.io");
  }

  /** cert-manager's external issuers (AWS Private CA, Google CAS, step-ca, ...) have kinds of their own, in their own group. */
  @Test
  void an_external_issuer_of_its_own_kind_and_group_signs_the_serving_certificate() {
    Rendered r = ChartFiles.render("ha", Map.of("webhook.certManager.issuerRef.name", "corp-pca",
        "webhook.certManager.issuerRef.kind", "AWSPCAClusterIssuer", "webhook.certManager.issuerRef.group", "awspca.cert-manager.io"));

    @SuppressWarnings("unchecked")
    Map<String, Object> issuerRef = (Map<String, Object>) named(r, "Certificate", "secretgate-webhook").get("spec", "issuerRef");
    assertThat(issuerRef)
        .containsEntry("name", "corp-pca").containsEntry("kind", "AWSPCAClusterIssuer").containsEntry("group", "awspca.cert-manager.io");
  }

  @Test
  void without_an_issuer_the_serving_certificate_is_signed_by_a_ca_of_the_release_so_its_renewals_keep_the_ca_bundle() {
    Rendered r = ChartFiles.render("ha");
    GenericKubernetesResource serving = named(r, "Certificate", "secretgate-webhook");
    GenericKubernetesResource ca = named(r, "Certificate", "secretgate-webhook-ca");
    GenericKubernetesResource caIssuer = named(r, "Issuer", "secretgate-ca");
    GenericKubernetesResource selfSigned = named(r, "Issuer", "secretgate-selfsigned");

    // injected from the serving certificate: its ca.crt is the CA below, not the certificate itself
    assertThat(r.one(ValidatingWebhookConfiguration.class).orElseThrow().getMetadata().getAnnotations())
        .containsEntry("cert-manager.io/inject-ca-from", ChartFiles.NAMESPACE + "/secretgate-webhook");
    assertThat((Object) serving.get("spec", "issuerRef", "name")).isEqualTo("secretgate-ca");
    assertThat((Object) serving.get("spec", "isCA")).isNull();
    assertThat((Object) caIssuer.get("spec", "ca", "secretName")).isEqualTo((Object) ca.get("spec", "secretName"));
    assertThat((Object) ca.get("spec", "isCA")).isEqualTo(true);
    assertThat((Object) ca.get("spec", "issuerRef", "name")).isEqualTo("secretgate-selfsigned");
    assertThat((Object) ca.get("spec", "duration")).isEqualTo("87600h");
    assertThat((Object) selfSigned.get("spec", "selfSigned")).isEqualTo(Map.of());
  }

  private static GenericKubernetesResource named(Rendered r, String kind, String name) {
    return r.all(GenericKubernetesResource.class).stream()
        .filter(o -> o.getKind().equals(kind) && o.getMetadata().getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " rendered; kinds: " + r.kinds()));
  }

  @Test
  void self_managed_certificates_leave_ca_bundle_to_secretgate_and_name_what_it_patches() {
    Rendered r = ChartFiles.render("beside-eso");

    assertThat(r.one(ValidatingWebhookConfiguration.class).orElseThrow().getMetadata().getAnnotations()).isNullOrEmpty();
    assertThat(r.all(GenericKubernetesResource.class)).extracting(GenericKubernetesResource::getKind).doesNotContain("Certificate", "Issuer");
    assertThat(Env.of(r)).containsEntry("SECRETGATE_CERT_MODE", "self-managed")
        .containsEntry("SECRETGATE_CERT_SECRET", "secretgate-webhook-tls")
        .containsEntry("SECRETGATE_SERVICE_NAME", "secretgate")
        .containsEntry("SECRETGATE_SERVICE_NAMESPACE", "secretgate")
        .containsEntry("SECRETGATE_VALIDATING_WEBHOOK_CONFIG", "secretgate-validating")
        .containsEntry("SECRETGATE_MUTATING_WEBHOOK_CONFIG", "secretgate-mutating")
        .doesNotContainKeys("SECRETGATE_TLS_CERT_FILE", "SECRETGATE_TLS_KEY_FILE");
  }

  @Test
  void without_webhooks_there_is_no_webhook_configuration_port_or_certificate_setting() {
    Rendered r = ChartFiles.render("controller-only");

    assertThat(r.kinds()).doesNotContain("ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "Certificate");
    assertThat(r.one(Service.class).orElseThrow().getSpec().getPorts()).extracting(ServicePort::getName).containsExactly("metrics");
    assertThat(Env.of(r).keySet()).noneMatch(k -> k.startsWith("SECRETGATE_CERT") || k.startsWith("SECRETGATE_TLS"));
    assertThat(Env.of(r)).containsEntry("SECRETGATE_VALIDATING_WEBHOOK", "false").containsEntry("SECRETGATE_MUTATING_WEBHOOK", "false");
  }
}
