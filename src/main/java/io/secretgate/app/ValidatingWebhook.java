package io.secretgate.app;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.secretgate.admission.AdmissionSettings;
import io.secretgate.admission.Enforcement;
import io.secretgate.admission.ValidatingAdmission;
import io.secretgate.admission.VaultUnavailablePolicy;
import io.secretgate.config.WebhookSettings;
import io.secretgate.kube.TokenReader;
import io.secretgate.kube.VaultPolicyOracle;
import io.secretgate.kube.WebhookInformers;
import io.secretgate.server.HealthChecks;
import io.secretgate.server.WebhookMetrics;
import io.secretgate.server.WebhookServer;
import io.secretgate.tls.SslContexts;
import io.secretgate.validation.schema.CrdSchemas;
import io.secretgate.vault.DriverVaultGateway;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The validating webhook put together: the serving certificate (files reloaded, or self-managed), informers for stores and
 * namespaces, Vault asked with each store's token (cached), and the HTTPS server. Runs on every
 * replica; its readiness (certificate valid now, informers synced) joins {@code /readyz}.
 */
final class ValidatingWebhook implements AutoCloseable {
  static final String PATH = "/validate/externalsecret";
  static final Duration POLICY_TTL = Duration.ofSeconds(30);
  static final Duration VAULT_TIMEOUT = Duration.ofSeconds(2);

  private final ServingCertificates certificates;
  private final WebhookInformers informers;
  private final WebhookServer server;

  private ValidatingWebhook(ServingCertificates certificates, WebhookInformers informers, WebhookServer server) {
    this.certificates = certificates;
    this.informers = informers;
    this.server = server;
  }

  static ValidatingWebhook start(WebhookSettings settings, KubernetesClient client, HealthChecks health, MeterRegistry registry) {
    ServingCertificates certificates = ServingCertificates.start(settings, client);
    WebhookInformers informers = WebhookInformers.start(client);
    try {
      VaultPolicyOracle oracle = new VaultPolicyOracle(VaultPolicyOracle.tokensFrom(new TokenReader(client)), DriverVaultGateway::new,
          Clock.systemUTC(), POLICY_TTL, VAULT_TIMEOUT);
      ValidatingAdmission admission = new ValidatingAdmission(CrdSchemas.fromClasspath(), informers.lookup(), oracle, admissionSettings(settings));
      health.readiness("webhook-certificate", certificates::servable).readiness("webhook-informers", informers::synced);
      WebhookServer server = WebhookServer.start(new WebhookServer.Settings(settings.port(), null, SslContexts.server(certificates.keys()),
          Map.of(PATH, admission::answer), health, 32, WebhookMetrics.on(registry, List.of(PATH))));
      return new ValidatingWebhook(certificates, informers, server);
    } catch (RuntimeException e) {
      informers.close();
      certificates.close();
      throw e;
    }
  }

  int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.stop();
    informers.close();
    certificates.close();
  }

  static AdmissionSettings admissionSettings(WebhookSettings settings) {
    return new AdmissionSettings(
        settings.enforcement() == WebhookSettings.Enforcement.WARN ? Enforcement.WARN : Enforcement.DENY,
        settings.onVaultUnavailable() == WebhookSettings.OnVaultUnavailable.DENY ? VaultUnavailablePolicy.DENY : VaultUnavailablePolicy.WARN);
  }
}
