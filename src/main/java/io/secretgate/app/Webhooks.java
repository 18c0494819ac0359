package io.secretgate.app;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.secretgate.admission.AdmissionSettings;
import io.secretgate.admission.Enforcement;
import io.secretgate.admission.MutatingAdmission;
import io.secretgate.admission.ValidatingAdmission;
import io.secretgate.admission.VaultUnavailablePolicy;
import io.secretgate.config.ServeConfig;
import io.secretgate.config.WebhookSettings;
import io.secretgate.kube.CaReader;
import io.secretgate.kube.ClientCertificateReader;
import io.secretgate.kube.InjectionInformers;
import io.secretgate.kube.TokenReader;
import io.secretgate.kube.VaultPolicyOracle;
import io.secretgate.kube.WatchedObjects;
import io.secretgate.kube.WebhookInformers;
import io.secretgate.server.AdmissionEndpoint;
import io.secretgate.server.HealthChecks;
import io.secretgate.server.WebhookMetrics;
import io.secretgate.server.WebhookServer;
import io.secretgate.tls.SslContexts;
import io.secretgate.validation.schema.CrdSchemas;
import io.secretgate.sync.MeteredGateway;
import io.secretgate.sync.SyncMetrics;
import io.secretgate.vault.DriverVaultGateway;
import io.secretgate.vault.VaultConnection;
import io.secretgate.vault.VaultGateway;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The admission webhooks put together on one HTTPS server: the serving certificate (files reloaded,
 * or self-managed in a Secret), and
 * per webhook that is on its informers and route. The validating webhook
 * ({@value #VALIDATE_PATH}) reads stores and namespaces from informers, and each store's token
 * (CA, client certificate) from a name-selected informer ({@link WatchedObjects}), and asks Vault
 * with the token (cached); the mutating one ({@value #MUTATE_PATH}) reads ExternalSecrets and
 * managed Secrets from informers and makes no remote call. Runs on every replica; the readiness of
 * each part (certificate valid now, informers synced) joins {@code /readyz}.
 */
final class Webhooks implements AutoCloseable {
  static final String VALIDATE_PATH = "/validate/externalsecret";
  static final String MUTATE_PATH = "/mutate/pod";
  static final Duration POLICY_TTL = Duration.ofSeconds(30);
  static final Duration VAULT_TIMEOUT = Duration.ofSeconds(2);

  private final ServingCertificates certificates;
  private final List<AutoCloseable> informers;
  private final WebhookServer server;

  private Webhooks(ServingCertificates certificates, List<AutoCloseable> informers, WebhookServer server) {
    this.certificates = certificates;
    this.informers = informers;
    this.server = server;
  }

  /** Starts the webhooks that {@code config} turns on (at least one is). */
  static Webhooks start(ServeConfig config, KubernetesClient client, HealthChecks health, MeterRegistry registry, SyncMetrics metrics) {
    WebhookSettings settings = config.webhooks();
    ServingCertificates certificates = ServingCertificates.start(settings, config.sources(), client);
    List<AutoCloseable> informers = new ArrayList<>();
    try {
      health.readiness("webhook-certificate", certificates::servable);
      health.liveness("webhook-certificate", certificates::healthy);
      Map<String, AdmissionEndpoint> endpoints = new LinkedHashMap<>();
      if (settings.validating()) endpoints.put(VALIDATE_PATH, validating(settings, client, health, informers, metrics));
      if (settings.mutating()) endpoints.put(MUTATE_PATH, mutating(client, health, informers));
      WebhookServer server = WebhookServer.start(new WebhookServer.Settings(settings.port(), null, SslContexts.server(certificates.keys()),
          endpoints, health, 32, WebhookMetrics.on(registry, List.copyOf(endpoints.keySet()))));
      return new Webhooks(certificates, informers, server);
    } catch (RuntimeException e) {
      closeAll(informers);
      certificates.close();
      throw e;
    }
  }

  private static AdmissionEndpoint validating(WebhookSettings settings, KubernetesClient client, HealthChecks health, List<AutoCloseable> started,
      SyncMetrics metrics) {
    WebhookInformers informers = WebhookInformers.start(client);
    started.add(informers);
    WatchedObjects watched = new WatchedObjects(client);
    started.add(watched);
    VaultPolicyOracle oracle = new VaultPolicyOracle(VaultPolicyOracle.tokensFrom(new TokenReader(watched)),
        VaultPolicyOracle.casFrom(new CaReader(watched)), VaultPolicyOracle.clientCertificatesFrom(new ClientCertificateReader(watched)),
        vaultGateways(metrics),
        Clock.systemUTC(), POLICY_TTL, VAULT_TIMEOUT);
    ValidatingAdmission admission = new ValidatingAdmission(CrdSchemas.fromClasspath(), informers.lookup(), oracle, admissionSettings(settings));
    health.readiness("webhook-informers", informers::synced);
    health.liveness("webhook-informers", informers::running);
    return admission::answer;
  }

  /**
   * The webhook's Vault gateways: counted and timed on the same metrics as the controller's calls
   * ({@code call="CapabilitiesSelf"}), since a slow Vault here is a slow {@code kubectl apply}.
   */
  static Function<VaultConnection, VaultGateway> vaultGateways(SyncMetrics metrics) {
    return connection -> new MeteredGateway(new DriverVaultGateway(connection), metrics);
  }

  private static AdmissionEndpoint mutating(KubernetesClient client, HealthChecks health, List<AutoCloseable> started) {
    InjectionInformers informers = InjectionInformers.start(client);
    started.add(informers);
    health.readiness("injection-informers", informers::synced);
    health.liveness("injection-informers", informers::running);
    return new MutatingAdmission(informers.facts())::answer;
  }

  int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.stop();
    closeAll(informers);
    certificates.close();
  }

  private static void closeAll(List<AutoCloseable> closeables) {
    for (AutoCloseable c : closeables) {
      try {
        c.close();
      } catch (Exception e) {
        // closing informers on the way out; nothing more to do
      }
    }
  }

  static AdmissionSettings admissionSettings(WebhookSettings settings) {
    return new AdmissionSettings(
        settings.enforcement() == WebhookSettings.Enforcement.WARN ? Enforcement.WARN : Enforcement.DENY,
        settings.onVaultUnavailable() == WebhookSettings.OnVaultUnavailable.DENY ? VaultUnavailablePolicy.DENY : VaultUnavailablePolicy.WARN);
  }
}
