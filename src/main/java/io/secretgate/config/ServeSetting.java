package io.secretgate.config;

import java.util.Locale;
import java.util.Optional;

/**
 * Every setting of {@code secretgate serve}: its flag, the environment variable beside it
 * ({@code SECRETGATE_} and the flag in upper snake case), its default and what it does. The
 * {@code serve} command builds its options and {@code --help} from this list.
 */
public enum ServeSetting {
  KUBECONFIG("--kubeconfig", "FILE", "in-cluster, else $KUBECONFIG or ~/.kube/config",
      "Kubeconfig of the cluster to manage."),
  NAMESPACES("--namespaces", "NS[,NS...]", "all",
      "Namespaces to watch, comma separated; 'all' watches the whole cluster."),
  WORKERS("--workers", "N", "8", "ExternalSecrets reconciled in parallel (at least 1)."),
  CONTROLLER("--controller", "true|false", "true", "Run the sync controller."),
  VALIDATING_WEBHOOK("--validating-webhook", "true|false", "false",
      "Serve the validating admission webhook (HTTPS on --webhook-port)."),
  MUTATING_WEBHOOK("--mutating-webhook", "true|false", "false",
      "Serve the mutating (envFrom injection) webhook (HTTPS on --webhook-port)."),
  METRICS_PORT("--metrics-port", "PORT", "8080",
      "Plain-HTTP port of GET /metrics, /healthz and /readyz (0: any free port)."),
  WEBHOOK_PORT("--webhook-port", "PORT", "8443", "HTTPS port of the admission webhooks."),
  TLS_CERT_FILE("--tls-cert-file", "FILE", "none (required with a webhook on and --cert-mode files; refused with self-managed)",
      "PEM serving certificate chain of the webhooks (leaf first); reloaded when the file changes."),
  TLS_KEY_FILE("--tls-key-file", "FILE", "none (required with a webhook on and --cert-mode files; refused with self-managed)",
      "PEM private key of --tls-cert-file; reloaded when the file changes."),
  ENFORCEMENT("--enforcement", "deny|warn", "deny",
      "Validating webhook: refuse ExternalSecrets the check refuses (deny), or admit them with warnings (warn); "
          + "the namespace label secretgate.io/enforcement overrides it."),
  ON_VAULT_UNAVAILABLE("--on-vault-unavailable", "warn|deny", "warn",
      "Validating webhook: when Vault cannot be asked about a store's token, admit with a warning (warn) or refuse (deny)."),
  LEADER_ELECTION("--leader-election", "true|false", "true",
      "Elect a leader over a Lease; only the leader reconciles. Off: this process reconciles at once."),
  LEASE_NAME("--lease-name", "NAME", "secretgate-leader", "Name of the leader-election Lease."),
  LEASE_NAMESPACE("--lease-namespace", "NS",
      "the pod's namespace ($POD_NAMESPACE, else the service account's), else default",
      "Namespace of the leader-election Lease."),
  IDENTITY("--identity", "ID", "$POD_NAME, else the host name, else secretgate", "This replica's name in the Lease."),
  LEASE_DURATION("--lease-duration", "DURATION", "15s",
      "How long a lease that is not renewed stays taken (Go duration in whole seconds: 15s, 1m30s)."),
  RENEW_DEADLINE("--renew-deadline", "DURATION", "10s",
      "How long the leader keeps failing to renew before it steps down; shorter than --lease-duration."),
  RETRY_PERIOD("--retry-period", "DURATION", "2s",
      "How often to try to acquire or renew the lease; --renew-deadline must exceed 2.2 times it (the period plus its jitter)."),
  SHUTDOWN_GRACE("--shutdown-grace", "DURATION", "30s",
      "On SIGTERM: how long in-flight syncs may finish before the lease is released and the process exits."),
  LOG_FORMAT("--log-format", "text|json", "text", "Log lines as text, or as one JSON object per line."),
  LOG_LEVEL("--log-level", "LEVEL", "info", "Lowest level logged: trace, debug, info, warn or error."),
  RATE_LIMIT_QPS("--rate-limit-qps", "QPS", "10",
      "Global rate limit of the work queue: syncs started per second (token bucket, as ESO)."),
  RATE_LIMIT_BURST("--rate-limit-burst", "N", "100", "Burst of the global rate limit."),
  STORE_REFRESH_INTERVAL("--store-refresh-interval", "DURATION", "5m",
      "How often store readiness (Vault reachable, unsealed, token valid) is checked again."),
  CERT_MODE("--cert-mode", "files|self-managed", "files",
      "Webhooks' serving certificate: from --tls-cert-file/--tls-key-file (files), or a CA and certificate kept in --cert-secret, "
          + "rotated and published in the webhook configurations' caBundle (self-managed)."),
  CERT_SECRET("--cert-secret", "NAME", "secretgate-webhook-tls",
      "Self-managed mode: the Secret (in --service-namespace) holding the CA and serving certificate, shared by all replicas."),
  SERVICE_NAME("--service-name", "NAME", "secretgate",
      "Self-managed mode: the Service kube-apiserver calls; the certificate names <svc>, <svc>.<ns> and <svc>.<ns>.svc."),
  SERVICE_NAMESPACE("--service-namespace", "NS", "the pod's namespace (as --lease-namespace)",
      "Self-managed mode: the namespace of --service-name and --cert-secret."),
  VALIDATING_WEBHOOK_CONFIG("--validating-webhook-config", "NAME", "secretgate-validating",
      "Self-managed mode: the ValidatingWebhookConfiguration whose webhooks get the caBundle (kept, repaired on drift)."),
  MUTATING_WEBHOOK_CONFIG("--mutating-webhook-config", "NAME", "secretgate-mutating",
      "Self-managed mode: the MutatingWebhookConfiguration whose webhooks get the caBundle (skipped while not installed)."),
  RESTART_WORKLOADS("--restart-workloads", "true|false", "true",
      "Roll Deployments, StatefulSets and DaemonSets annotated secretgate.io/restart-on-change: \"true\" "
          + "when the data of a Secret they consume changes."),
  TOKEN_EXPIRY_WARNING("--token-expiry-warning", "DURATION", "24h",
      "Warn (store status message and a TokenExpiring event) when a store's Vault token expires within this.");

  /** Prefix of every environment variable of {@code serve}. */
  public static final String ENV_PREFIX = "SECRETGATE_";

  private final String flag;
  private final String label;
  private final String defaultText;
  private final String description;

  ServeSetting(String flag, String label, String defaultText, String description) {
    this.flag = flag;
    this.label = label;
    this.defaultText = defaultText;
    this.description = description;
  }

  /** The long option, with its dashes: {@code --workers}. */
  public String flag() {
    return flag;
  }

  /** The environment variable: {@code SECRETGATE_WORKERS}. */
  public String env() {
    return ENV_PREFIX + flag.substring(2).toUpperCase(Locale.ROOT).replace('-', '_');
  }

  /** The value placeholder shown by {@code --help}. */
  public String label() {
    return label;
  }

  public String defaultText() {
    return defaultText;
  }

  public String description() {
    return description;
  }

  /** True for on/off settings: the flag alone means {@code true}. */
  public boolean isSwitch() {
    return label.equals("true|false");
  }

  /** The setting whose flag is {@code flag} ({@code --workers}). */
  public static Optional<ServeSetting> byFlag(String flag) {
    for (ServeSetting s : values()) {
      if (s.flag.equals(flag)) return Optional.of(s);
    }
    return Optional.empty();
  }

  /** The setting whose environment variable is {@code env}. */
  public static Optional<ServeSetting> byEnv(String env) {
    for (ServeSetting s : values()) {
      if (s.env().equals(env)) return Optional.of(s);
    }
    return Optional.empty();
  }
}
