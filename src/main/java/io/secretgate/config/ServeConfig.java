package io.secretgate.config;

import static io.secretgate.config.ServeSetting.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything {@code secretgate serve} needs, parsed once at startup from flags and
 * {@code SECRETGATE_*} environment variables ({@link ServeSetting} lists them). A flag wins over its
 * variable, a variable over the default. Bad values are all reported together in one
 * {@link ConfigException}.
 *
 * @param kubeconfig the kubeconfig file; empty: in-cluster, else as fabric8 resolves it
 * @param metricsPort the plain-HTTP port of {@code /metrics}, {@code /healthz}, {@code /readyz}
 * @param shutdownGrace how long in-flight work may take once shutdown starts
 * @param warnings things worth a log line that are not errors (unknown {@code SECRETGATE_*} variables)
 * @param rotation workload restarts and the token-expiry warning
 * @param sources the flag or environment variable each given setting came from, for problems found after parsing
 */
public record ServeConfig(
    Optional<String> kubeconfig,
    ControllerSettings controller,
    WebhookSettings webhooks,
    int metricsPort,
    LeaderElectionSettings leaderElection,
    LogSettings logging,
    Duration shutdownGrace,
    List<String> warnings,
    RotationSettings rotation,
    SettingSources sources) {

  /**
   * fabric8's jitter factor: a retry waits the retry period plus up to this many times it, and fabric8's
   * LeaderElectorBuilder refuses a renew deadline not above that (client-go asks only for this many times it).
   */
  public static final double JITTER_FACTOR = 1.2;

  public ServeConfig {
    warnings = List.copyOf(warnings);
  }

  /** Parses with no facts about the host (outside a pod, or in tests). */
  public static ServeConfig from(Map<String, String> env, Map<String, String> flags) {
    return from(env, flags, HostFacts.none());
  }

  /**
   * Parses the configuration.
   *
   * @param env the process environment ({@code SECRETGATE_*}, {@code POD_NAMESPACE}, {@code POD_NAME}, {@code HOSTNAME})
   * @param flags the flags given on the command line, keyed by long option ({@code --workers}); values as typed
   * @param host what the host tells about the pod, for the defaults of the lease namespace and the identity
   * @throws ConfigException listing every bad value
   */
  public static ServeConfig from(Map<String, String> env, Map<String, String> flags, HostFacts host) {
    SettingsReader in = new SettingsReader(env, flags);
    unknownFlags(flags, in);
    ControllerSettings controller = new ControllerSettings(
        in.bool(CONTROLLER, true),
        in.namespaces(NAMESPACES),
        in.integer(WORKERS, 8, 1, 10_000),
        in.positiveDecimal(RATE_LIMIT_QPS, 10),
        in.integer(RATE_LIMIT_BURST, 100, 1, 1_000_000),
        in.duration(STORE_REFRESH_INTERVAL, Duration.ofMinutes(5), false));
    WebhookSettings webhooks = webhooks(in, podNamespace(env, host));
    int metricsPort = in.port(METRICS_PORT, 8080);
    LeaderElectionSettings election = leaderElection(env, host, in, controller.enabled());
    LogSettings logging = new LogSettings(
        in.choice(LOG_FORMAT, LogSettings.Format.class, LogSettings.Format.TEXT),
        in.choice(LOG_LEVEL, LogSettings.Level.class, LogSettings.Level.INFO));
    Duration grace = in.duration(SHUTDOWN_GRACE, Duration.ofSeconds(30), true);
    String kubeconfig = in.text(KUBECONFIG, "");
    checkSomethingToServe(in, controller, webhooks);
    checkPorts(in, webhooks, metricsPort);
    RotationSettings rotation = new RotationSettings(
        in.bool(RESTART_WORKLOADS, true), in.duration(TOKEN_EXPIRY_WARNING, RotationSettings.DEFAULT_TOKEN_EXPIRY_WARNING, true));
    if (!in.problems().isEmpty()) throw new ConfigException(in.problems());
    return new ServeConfig(kubeconfig.isEmpty() ? Optional.empty() : Optional.of(kubeconfig),
        controller, webhooks, metricsPort, election, logging, grace, unknownVariables(env), rotation, in.sources());
  }

  /** The configuration with every default and no host facts; what tests start from. */
  public static ServeConfig defaults() {
    return from(Map.of(), Map.of());
  }

  /** True when this process must win the lease before it reconciles. */
  public boolean electsLeader() {
    return controller.enabled() && leaderElection.enabled();
  }

  private static LeaderElectionSettings leaderElection(
      Map<String, String> env, HostFacts host, SettingsReader in, boolean controllerEnabled) {
    boolean enabled = in.bool(LEADER_ELECTION, true);
    String namespace = in.dnsLabel(LEASE_NAMESPACE, podNamespace(env, host));
    String identity = in.text(IDENTITY, firstPresent(env.get("POD_NAME"), host.hostname(), env.get("HOSTNAME")));
    if (identity.isEmpty()) identity = "secretgate";
    Duration lease = in.duration(LEASE_DURATION, Duration.ofSeconds(15), false);
    Duration renew = in.duration(RENEW_DEADLINE, Duration.ofSeconds(10), false);
    Duration retry = in.duration(RETRY_PERIOD, Duration.ofSeconds(2), false);
    LeaderElectionSettings s = new LeaderElectionSettings(
        enabled, in.dnsSubdomain(LEASE_NAME, "secretgate-leader"), namespace, identity, lease, renew, retry);
    if (enabled && controllerEnabled) checkTiming(in, s);
    return s;
  }

  private static void checkTiming(SettingsReader in, LeaderElectionSettings s) {
    // a Lease holds leaseDurationSeconds (above 0), and fabric8 cuts the duration to whole seconds to write it
    if (s.leaseDuration().toNanos() % 1_000_000_000L != 0) {
      in.problem(in.describe(LEASE_DURATION, "15s") + ": must be a whole number of seconds (a Lease holds it in seconds)");
    }
    if (s.renewDeadline().compareTo(s.leaseDuration()) >= 0) {
      in.problem(in.describe(RENEW_DEADLINE, "10s") + ": must be shorter than the lease duration, "
          + in.describe(LEASE_DURATION, "15s"));
    }
    // as fabric8's LeaderElectorBuilder computes it, in milliseconds
    Duration longestRetry = s.retryPeriod().plusMillis((long) Math.ceil(s.retryPeriod().toMillis() * JITTER_FACTOR));
    if (s.renewDeadline().compareTo(longestRetry) <= 0) {
      in.problem(in.describe(RENEW_DEADLINE, "10s") + ": must be longer than 2.2 times the retry period (a retry waits the period plus up to "
          + "1.2 times it), " + in.describe(RETRY_PERIOD, "2s"));
    }
  }

  private static WebhookSettings webhooks(SettingsReader in, String podNamespace) {
    String cert = in.text(TLS_CERT_FILE, "");
    String key = in.text(TLS_KEY_FILE, "");
    CertSettings certs = certs(in, podNamespace);
    WebhookSettings w = new WebhookSettings(
        in.bool(VALIDATING_WEBHOOK, false), in.bool(MUTATING_WEBHOOK, false), in.port(WEBHOOK_PORT, 8443),
        cert.isEmpty() ? Optional.empty() : Optional.of(cert), key.isEmpty() ? Optional.empty() : Optional.of(key),
        in.choice(ENFORCEMENT, WebhookSettings.Enforcement.class, WebhookSettings.Enforcement.DENY),
        in.choice(ON_VAULT_UNAVAILABLE, WebhookSettings.OnVaultUnavailable.class, WebhookSettings.OnVaultUnavailable.WARN), certs);
    if (certs.selfManaged()) {
      List<String> files = java.util.stream.Stream.of(TLS_CERT_FILE, TLS_KEY_FILE).flatMap(s -> in.raw(s).stream()).map(Object::toString).toList();
      if (!files.isEmpty()) {
        in.problem(String.join(", ", files) + ": not used with " + in.describe(CERT_MODE, "files") + "; leave "
            + (files.size() == 1 ? "it" : "them") + " out");
      }
    } else if (w.anyEnabled() && (cert.isEmpty() || key.isEmpty())) {
      in.problem(TLS_CERT_FILE.flag() + " and " + TLS_KEY_FILE.flag() + ": both are needed to serve a webhook over HTTPS"
          + " (or use " + CERT_MODE.flag() + "=self-managed)");
    }
    return w;
  }

  private static CertSettings certs(SettingsReader in, String podNamespace) {
    CertSettings.Mode mode = in.choice(CERT_MODE, CertSettings.Mode.class, CertSettings.Mode.FILES);
    String service = in.dnsSubdomain(SERVICE_NAME, "secretgate");
    if (!service.matches("[a-z]([-a-z0-9]{0,61}[a-z0-9])?")) {
      in.problem(in.describe(SERVICE_NAME, "secretgate") + ": not a valid Service name (a DNS-1035 label: lower-case letters, digits and '-',"
          + " starting with a letter, at most 63)");
    }
    return new CertSettings(mode, in.dnsSubdomain(CERT_SECRET, "secretgate-webhook-tls"), service, in.dnsLabel(SERVICE_NAMESPACE, podNamespace),
        in.dnsSubdomain(VALIDATING_WEBHOOK_CONFIG, "secretgate-validating"), in.dnsSubdomain(MUTATING_WEBHOOK_CONFIG, "secretgate-mutating"));
  }

  private static void checkSomethingToServe(SettingsReader in, ControllerSettings c, WebhookSettings w) {
    if (!c.enabled() && !w.anyEnabled()) {
      in.problem(in.describe(CONTROLLER, true) + ": nothing to serve with the controller off and no webhook on");
    }
  }

  private static void checkPorts(SettingsReader in, WebhookSettings w, int metricsPort) {
    if (w.anyEnabled() && metricsPort != 0 && metricsPort == w.port()) {
      in.problem(in.describe(METRICS_PORT, 8080) + ": the same port as " + in.describe(WEBHOOK_PORT, 8443));
    }
  }

  private static void unknownFlags(Map<String, String> flags, SettingsReader in) {
    for (String flag : flags.keySet()) {
      if (ServeSetting.byFlag(flag).isEmpty()) in.problem(flag + ": not a setting of serve");
    }
  }

  private static List<String> unknownVariables(Map<String, String> env) {
    List<String> warnings = new ArrayList<>();
    env.keySet().stream().sorted()
        .filter(k -> k.startsWith(ServeSetting.ENV_PREFIX) && ServeSetting.byEnv(k).isEmpty() && !ServiceLinks.isServiceLink(k, env.get(k)))
        .forEach(k -> warnings.add("ignoring " + k + ": not a setting of serve"));
    return warnings;
  }

  private static String podNamespace(Map<String, String> env, HostFacts host) {
    return firstPresent(env.get("POD_NAMESPACE"), host.serviceAccountNamespace(), "default");
  }

  private static String firstPresent(String first, Optional<String> second, String third) {
    if (first != null && !first.isBlank()) return first.trim();
    if (second.isPresent() && !second.get().isBlank()) return second.get().trim();
    return third == null ? "" : third.trim();
  }
}
