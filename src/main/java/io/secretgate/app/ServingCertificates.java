package io.secretgate.app;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.secretgate.certs.CertPolicy;
import io.secretgate.certs.SelfManagedCertificates;
import io.secretgate.config.CertSettings;
import io.secretgate.config.ConfigException;
import io.secretgate.config.ServeSetting;
import io.secretgate.config.SettingSources;
import io.secretgate.config.WebhookSettings;
import io.secretgate.kube.CertificateSecret;
import io.secretgate.kube.KubeWriteException;
import io.secretgate.kube.WebhookCaBundles;
import io.secretgate.server.CertificateFiles;
import io.secretgate.tls.ReloadableKeyManager;
import io.secretgate.tls.TlsException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The webhooks' serving certificate, from files or self-managed in a Secret ({@code --cert-mode}). */
interface ServingCertificates extends AutoCloseable {
  Duration RELOAD_PERIOD = Duration.ofSeconds(5);
  /** How often self-managed certificates are checked without a change (rotation due, caBundle drift). */
  Duration RECHECK_PERIOD = Duration.ofMinutes(1);

  /** The key manager the HTTPS server presents. */
  ReloadableKeyManager keys();

  /** Readiness: the certificate served is valid now. */
  boolean servable();

  /** Liveness: the thread that renews or reloads the certificate did not die of an {@link Error}. */
  boolean healthy();

  @Override
  void close();

  /** @param sources names the settings in a {@link ConfigException} as they were given */
  static ServingCertificates start(WebhookSettings settings, SettingSources sources, KubernetesClient client) {
    return settings.certs().selfManaged() ? selfManaged(settings.certs(), sources, client) : files(settings, sources);
  }

  private static ServingCertificates files(WebhookSettings settings, SettingSources sources) {
    Path cert = Path.of(settings.tlsCertFile().orElseThrow());
    Path key = Path.of(settings.tlsKeyFile().orElseThrow());
    CertificateFiles files;
    try {
      files = CertificateFiles.load(cert, key, Clock.systemUTC()).watch(RELOAD_PERIOD);
    } catch (TlsException e) {
      throw new ConfigException(List.of(sources.named(ServeSetting.TLS_CERT_FILE, cert) + ", " + sources.named(ServeSetting.TLS_KEY_FILE, key)
          + ": " + e.getMessage()));
    }
    return of(files::keys, files::servable, files::healthy, files::close);
  }

  private static ServingCertificates selfManaged(CertSettings s, SettingSources sources, KubernetesClient client) {
    SelfManagedCertificates certs = new SelfManagedCertificates(new CertificateSecret(client, s.serviceNamespace(), s.secret()),
        new WebhookCaBundles(client), new SelfManagedCertificates.Configurations(s.validatingConfig(), s.mutatingConfig(), s.serviceNamespace(), s.serviceName()),
        CertPolicy.defaults(s.serviceName(), s.serviceNamespace()), Clock.systemUTC());
    try {
      certs.start(RECHECK_PERIOD);
    } catch (KubeWriteException e) {
      certs.close();
      throw new ConfigException(List.of(failedSetting(e, s, sources) + ": the self-managed certificate cannot be read or written: " + what(e)));
    }
    return of(certs::keys, certs::servable, certs::healthy, certs::close);
  }

  /** The setting that names the object the API server failed on: the Secret, or one of the webhook configurations. */
  private static String failedSetting(KubeWriteException e, CertSettings s, SettingSources sources) {
    if (e.resource().equals(WebhookCaBundles.Kind.VALIDATING.resource())) {
      return sources.named(ServeSetting.VALIDATING_WEBHOOK_CONFIG, s.validatingConfig());
    }
    if (e.resource().equals(WebhookCaBundles.Kind.MUTATING.resource())) {
      return sources.named(ServeSetting.MUTATING_WEBHOOK_CONFIG, s.mutatingConfig());
    }
    return sources.named(ServeSetting.CERT_SECRET, s.secret());
  }

  /** What the API server did, in words; RBAC is named only when it refused (401/403). */
  private static String what(KubeWriteException e) {
    String object = e.resource() + " " + (e.namespace() == null ? "" : e.namespace() + "/") + e.name() + ": ";
    if (e.kind() == KubeWriteException.Kind.FORBIDDEN) {
      return object + "forbidden (HTTP " + e.httpCode() + "); check the RBAC for " + e.resource() + "s"
          + (e.namespace() == null ? "" : " in " + e.namespace());
    }
    if (e.kind() == KubeWriteException.Kind.INVALID) return e.getMessage(); // names the object and why it cannot be written
    return object + (e.httpCode() <= 0 ? "no answer from the Kubernetes API server" : "the Kubernetes API server answered HTTP " + e.httpCode());
  }

  private static ServingCertificates of(java.util.function.Supplier<ReloadableKeyManager> keys, java.util.function.BooleanSupplier servable,
      java.util.function.BooleanSupplier healthy, Runnable close) {
    return new ServingCertificates() {
      @Override
      public ReloadableKeyManager keys() {
        return keys.get();
      }

      @Override
      public boolean servable() {
        return servable.getAsBoolean();
      }

      @Override
      public boolean healthy() {
        return healthy.getAsBoolean();
      }

      @Override
      public void close() {
        close.run();
      }
    };
  }
}
