package io.secretgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ServeConfigTest {

  @Test
  void with_nothing_set_every_setting_has_its_documented_default() {
    ServeConfig c = ServeConfig.defaults();
    assertThat(c.kubeconfig()).isEmpty();
    assertThat(c.controller()).isEqualTo(new ControllerSettings(true, List.of(), 8, 10, 100, Duration.ofMinutes(5)));
    assertThat(c.controller().allNamespaces()).isTrue();
    assertThat(c.webhooks()).isEqualTo(new WebhookSettings(false, false, 8443));
    assertThat(c.metricsPort()).isEqualTo(8080);
    assertThat(c.leaderElection()).isEqualTo(new LeaderElectionSettings(true, "secretgate-leader", "default", "secretgate",
        Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2)));
    assertThat(c.logging()).isEqualTo(new LogSettings(LogSettings.Format.TEXT, LogSettings.Level.INFO));
    assertThat(c.shutdownGrace()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.warnings()).isEmpty();
  }

  @Test
  void each_setting_is_read_from_its_SECRETGATE_variable() {
    Map<String, String> env = Map.ofEntries(
        Map.entry("SECRETGATE_KUBECONFIG", "/tmp/kc"),
        Map.entry("SECRETGATE_NAMESPACES", "payments, shop"),
        Map.entry("SECRETGATE_WORKERS", "3"),
        Map.entry("SECRETGATE_CONTROLLER", "FALSE"),
        Map.entry("SECRETGATE_VALIDATING_WEBHOOK", "true"),
        Map.entry("SECRETGATE_MUTATING_WEBHOOK", "true"),
        Map.entry("SECRETGATE_METRICS_PORT", "9090"),
        Map.entry("SECRETGATE_WEBHOOK_PORT", "9443"),
        Map.entry("SECRETGATE_LEADER_ELECTION", "false"),
        Map.entry("SECRETGATE_LEASE_NAME", "sg.lock"),
        Map.entry("SECRETGATE_LEASE_NAMESPACE", "ops"),
        Map.entry("SECRETGATE_IDENTITY", "pod-a"),
        Map.entry("SECRETGATE_LEASE_DURATION", "1m"),
        Map.entry("SECRETGATE_RENEW_DEADLINE", "40s"),
        Map.entry("SECRETGATE_RETRY_PERIOD", "5s"),
        Map.entry("SECRETGATE_SHUTDOWN_GRACE", "0"),
        Map.entry("SECRETGATE_LOG_FORMAT", "json"),
        Map.entry("SECRETGATE_LOG_LEVEL", "DEBUG"),
        Map.entry("SECRETGATE_RATE_LIMIT_QPS", "2.5"),
        Map.entry("SECRETGATE_RATE_LIMIT_BURST", "7"),
        Map.entry("SECRETGATE_STORE_REFRESH_INTERVAL", "1h30m"),
        Map.entry("SECRETGATE_TLS_CERT_FILE", "/tls/tls.crt"),
        Map.entry("SECRETGATE_TLS_KEY_FILE", "/tls/tls.key"),
        Map.entry("SECRETGATE_ENFORCEMENT", "warn"),
        Map.entry("SECRETGATE_ON_VAULT_UNAVAILABLE", "deny"),
        Map.entry("SECRETGATE_CERT_MODE", "files"),
        Map.entry("SECRETGATE_CERT_SECRET", "webhook-certs"),
        Map.entry("SECRETGATE_SERVICE_NAME", "gate"),
        Map.entry("SECRETGATE_SERVICE_NAMESPACE", "platform"),
        Map.entry("SECRETGATE_VALIDATING_WEBHOOK_CONFIG", "gate-validating"),
        Map.entry("SECRETGATE_MUTATING_WEBHOOK_CONFIG", "gate-mutating"),
        Map.entry("SECRETGATE_RESTART_WORKLOADS", "false"),
        Map.entry("SECRETGATE_TOKEN_EXPIRY_WARNING", "2h"));
    assertThat(env.keySet()).hasSize(ServeSetting.values().length);

    ServeConfig c = ServeConfig.from(env, Map.of());

    assertThat(c.kubeconfig()).contains("/tmp/kc");
    assertThat(c.controller()).isEqualTo(
        new ControllerSettings(false, List.of("payments", "shop"), 3, 2.5, 7, Duration.ofMinutes(90)));
    assertThat(c.webhooks()).isEqualTo(new WebhookSettings(true, true, 9443, Optional.of("/tls/tls.crt"), Optional.of("/tls/tls.key"),
        WebhookSettings.Enforcement.WARN, WebhookSettings.OnVaultUnavailable.DENY,
        new CertSettings(CertSettings.Mode.FILES, "webhook-certs", "gate", "platform", "gate-validating", "gate-mutating")));
    assertThat(c.metricsPort()).isEqualTo(9090);
    assertThat(c.leaderElection()).isEqualTo(new LeaderElectionSettings(false, "sg.lock", "ops", "pod-a",
        Duration.ofMinutes(1), Duration.ofSeconds(40), Duration.ofSeconds(5)));
    assertThat(c.logging()).isEqualTo(new LogSettings(LogSettings.Format.JSON, LogSettings.Level.DEBUG));
    assertThat(c.shutdownGrace()).isZero();
    assertThat(c.rotation()).isEqualTo(new RotationSettings(false, Duration.ofHours(2)));
  }

  @Test
  void a_flag_wins_over_its_variable_and_a_variable_over_the_default() {
    ServeConfig c = ServeConfig.from(
        Map.of("SECRETGATE_WORKERS", "3", "SECRETGATE_LEASE_NAME", "from-env"),
        Map.of("--workers", "12"));
    assertThat(c.controller().workers()).isEqualTo(12);
    assertThat(c.leaderElection().leaseName()).isEqualTo("from-env");
    assertThat(c.metricsPort()).isEqualTo(8080);
  }

  @Test
  void an_empty_value_counts_as_not_given() {
    ServeConfig c = ServeConfig.from(Map.of("SECRETGATE_WORKERS", "", "SECRETGATE_KUBECONFIG", ""), Map.of("--metrics-port", ""));
    assertThat(c.controller().workers()).isEqualTo(8);
    assertThat(c.kubeconfig()).isEmpty();
    assertThat(c.metricsPort()).isEqualTo(8080);
  }

  @ParameterizedTest
  @EnumSource(ServeSetting.class)
  void a_value_of_only_white_space_counts_as_not_given_like_an_empty_one(ServeSetting s) {
    Map<String, String> env = Map.of("POD_NAME", "pod-a", s.env(), " \t");
    assertThat(ServeConfig.from(env, Map.of(s.flag(), " "))).isEqualTo(ServeConfig.from(Map.of("POD_NAME", "pod-a"), Map.of()));
    assertThat(ServeConfig.from(env, Map.of())).isEqualTo(ServeConfig.from(Map.of("POD_NAME", "pod-a"), Map.of()));
  }

  @Test
  void every_bad_value_is_reported_at_once_naming_the_flag_or_variable_it_came_from() {
    Map<String, String> env = Map.of(
        "SECRETGATE_WORKERS", "0",
        "SECRETGATE_LEASE_DURATION", "15",
        "SECRETGATE_LOG_FORMAT", "xml",
        "SECRETGATE_NAMESPACES", "payments,Bad_NS");
    Map<String, String> flags = Map.of(
        "--metrics-port", "70000",
        "--leader-election", "maybe",
        "--rate-limit-qps", "-1",
        "--lease-name", "No Spaces",
        "--shutdown-grace", "-5s");

    assertThatThrownBy(() -> ServeConfig.from(env, flags))
        .isInstanceOfSatisfying(ConfigException.class, e -> {
          assertThat(e.problems()).containsExactly(
              "SECRETGATE_NAMESPACES=\"payments,Bad_NS\": not valid namespace names: 'Bad_NS' (use 'all' alone for the whole cluster)",
              "SECRETGATE_WORKERS=\"0\": must be a whole number from 1 to 10000",
              "--rate-limit-qps=\"-1\": must be a number greater than 0",
              "--metrics-port=\"70000\": must be a whole number from 0 to 65535",
              "--leader-election=\"maybe\": must be true or false",
              "SECRETGATE_LEASE_DURATION=\"15\": not a Go duration (such as 30s, 1m30s, 500ms)",
              "--lease-name=\"No Spaces\": not a valid object name (lower-case letters, digits, '-' and '.', at most 253)",
              "SECRETGATE_LOG_FORMAT=\"xml\": must be one of text, json",
              "--shutdown-grace=\"-5s\": must be 0 or more");
          assertThat(e.getMessage()).startsWith("invalid configuration: SECRETGATE_NAMESPACES=").doesNotContain("\n");
        });
  }

  /**
   * A value read from a file (a ConfigMap key made with --from-file keeps its line breaks) is refused with its
   * line breaks written as \n, as Go's %q writes them, so the message stays the one line exit 2 promises.
   */
  @Test
  void a_bad_value_with_a_line_break_in_it_is_named_on_one_line() {
    assertThatThrownBy(() -> ServeConfig.from(Map.of("SECRETGATE_NAMESPACES", "payments\nshop\n", "SECRETGATE_LOG_LEVEL", "loud\r\n"),
            Map.of("--lease-name", "a\u2028\"b\\")))
        .isInstanceOfSatisfying(ConfigException.class, e -> {
          assertThat(e.problems()).containsExactly(
              "SECRETGATE_NAMESPACES=\"payments\\nshop\\n\": not valid namespace names: 'payments\\nshop' (use 'all' alone for the whole cluster)",
              "--lease-name=\"a\\u2028\\\"b\\\\\": not a valid object name (lower-case letters, digits, '-' and '.', at most 253)",
              "SECRETGATE_LOG_LEVEL=\"loud\\r\\n\": must be one of trace, debug, info, warn, error");
          assertThat(e.getMessage()).doesNotContain("\n", "\r", "\u2028");
        });
  }

  /**
   * Without enableServiceLinks: false the kubelet gives a Pod a variable <SERVICE>_PORT=tcp://ip:port for each Service
   * of its namespace: a Service named secretgate-metrics sets SECRETGATE_METRICS_PORT, which the user never wrote.
   */
  @Test
  void a_port_variable_the_kubelet_set_for_a_service_is_refused_saying_where_it_came_from() {
    assertThatThrownBy(() -> ServeConfig.from(Map.of("SECRETGATE_METRICS_PORT", "tcp://10.96.0.12:8080",
            "SECRETGATE_WEBHOOK_PORT", "tcp://10.96.0.13:443"), Map.of()))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
            "SECRETGATE_WEBHOOK_PORT=\"tcp://10.96.0.13:443\": must be a whole number from 0 to 65535; this is the address the kubelet sets"
                + " for a Service named secretgate-webhook in the Pod's namespace: set enableServiceLinks: false in the Pod spec"
                + " (as the Helm chart does) or give --webhook-port",
            "SECRETGATE_METRICS_PORT=\"tcp://10.96.0.12:8080\": must be a whole number from 0 to 65535; this is the address the kubelet sets"
                + " for a Service named secretgate-metrics in the Pod's namespace: set enableServiceLinks: false in the Pod spec"
                + " (as the Helm chart does) or give --metrics-port"));
    assertThat(ServeConfig.from(Map.of("SECRETGATE_METRICS_PORT", "tcp://10.96.0.12:8080"), Map.of("--metrics-port", "9090")).metricsPort())
        .isEqualTo(9090);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({"1h30m, PT1H30M", "500ms, PT0.5S", "1.5s, PT1.5S", "2m0s, PT2M", "90s, PT1M30S"})
  void go_durations_are_read_as_Go_reads_them(String text, Duration expected) {
    ServeConfig c = ServeConfig.from(Map.of("SECRETGATE_STORE_REFRESH_INTERVAL", text), Map.of());
    assertThat(c.controller().storeRefreshInterval()).isEqualTo(expected);
  }

  @Test
  void a_zero_duration_is_refused_where_a_period_is_needed() {
    assertThatThrownBy(() -> ServeConfig.from(Map.of(), Map.of("--retry-period", "0")))
        .hasMessageContaining("--retry-period=\"0\": must be more than 0");
  }

  @Test
  void the_lease_namespace_is_POD_NAMESPACE_else_the_service_account_namespace_else_default() {
    HostFacts inPod = new HostFacts(Optional.of("from-file"), Optional.of("host-1"));
    assertThat(ServeConfig.from(Map.of("POD_NAMESPACE", "from-env"), Map.of(), inPod).leaderElection().leaseNamespace())
        .isEqualTo("from-env");
    assertThat(ServeConfig.from(Map.of(), Map.of(), inPod).leaderElection().leaseNamespace()).isEqualTo("from-file");
    assertThat(ServeConfig.from(Map.of(), Map.of(), HostFacts.none()).leaderElection().leaseNamespace()).isEqualTo("default");
    assertThat(ServeConfig.from(Map.of("POD_NAMESPACE", "from-env"), Map.of("--lease-namespace", "ops"), inPod)
        .leaderElection().leaseNamespace()).isEqualTo("ops");
  }

  @Test
  void the_identity_is_POD_NAME_else_the_host_name() {
    HostFacts host = new HostFacts(Optional.empty(), Optional.of("host-1"));
    assertThat(ServeConfig.from(Map.of("POD_NAME", "secretgate-7d9f"), Map.of(), host).leaderElection().identity())
        .isEqualTo("secretgate-7d9f");
    assertThat(ServeConfig.from(Map.of(), Map.of(), host).leaderElection().identity()).isEqualTo("host-1");
    assertThat(ServeConfig.from(Map.of("HOSTNAME", "env-host"), Map.of(), HostFacts.none()).leaderElection().identity())
        .isEqualTo("env-host");
  }

  @Test
  void namespaces_are_all_or_a_comma_list_without_blanks_or_duplicates() {
    assertThat(ServeConfig.from(Map.of("SECRETGATE_NAMESPACES", "all"), Map.of()).controller().namespaces()).isEmpty();
    assertThat(ServeConfig.from(Map.of("SECRETGATE_NAMESPACES", " a ,b,,a "), Map.of()).controller().namespaces())
        .containsExactly("a", "b");
    assertThatThrownBy(() -> ServeConfig.from(Map.of(), Map.of("--namespaces", "all,shop")))
        .hasMessageContaining("'all'");
  }

  @Test
  void a_namespace_list_with_only_commas_in_it_is_refused_rather_than_read_as_the_whole_cluster() {
    assertThatThrownBy(() -> ServeConfig.from(Map.of("SECRETGATE_NAMESPACES", " , "), Map.of()))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
            "SECRETGATE_NAMESPACES=\" , \": names no namespace (use 'all' for the whole cluster)"));
  }

  @Test
  void the_renew_deadline_must_lie_between_the_lease_duration_and_2_2_retry_periods() {
    assertThatThrownBy(() -> ServeConfig.from(Map.of(), Map.of("--renew-deadline", "20s", "--retry-period", "20s")))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
            "--renew-deadline=\"20s\": must be shorter than the lease duration, --lease-duration (default 15s)",
            "--renew-deadline=\"20s\": must be longer than 2.2 times the retry period (a retry waits the period plus up to 1.2 times it),"
                + " --retry-period=\"20s\""));
    assertThat(ServeConfig.from(Map.of(), Map.of("--lease-duration", "2s", "--renew-deadline", "1500ms",
        "--retry-period", "200ms")).leaderElection().renewDeadline()).isEqualTo(Duration.ofMillis(1500));
  }

  /**
   * fabric8's LeaderElectorBuilder refuses a renew deadline not above the retry period plus 1.2 times it (client-go
   * asks only for 1.2 times it): such timing must be refused here, naming the settings, and not pass to fail the
   * election at start with an IllegalArgumentException stack trace, /healthz failing and the Pod restarted for ever.
   */
  @Test
  void a_renew_deadline_fabric8s_elector_would_refuse_is_refused_naming_both_settings() {
    assertThatThrownBy(() -> ServeConfig.from(Map.of("SECRETGATE_RETRY_PERIOD", "2s"), Map.of("--renew-deadline", "4s")))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
            "--renew-deadline=\"4s\": must be longer than 2.2 times the retry period (a retry waits the period plus up to 1.2 times it),"
                + " SECRETGATE_RETRY_PERIOD=\"2s\""));
    assertThatThrownBy(() -> ServeConfig.from(Map.of(), Map.of("--renew-deadline", "4400ms", "--retry-period", "2s")))
        .isInstanceOf(ConfigException.class);
    assertThat(ServeConfig.from(Map.of(), Map.of("--renew-deadline", "4401ms", "--retry-period", "2s")).leaderElection().renewDeadline())
        .isEqualTo(Duration.ofMillis(4401));
  }

  /**
   * A Lease holds its duration as whole seconds (leaseDurationSeconds, which the API server requires above 0), and
   * fabric8 writes the duration cut to whole seconds: 900ms would be written as 0 and refused at every write (never
   * a leader, never ready), 1500ms as 1 s, so a standby would take the lease half a second before the leader stops.
   */
  @Test
  void a_lease_duration_a_lease_cannot_hold_in_whole_seconds_is_refused() {
    assertThatThrownBy(() -> ServeConfig.from(Map.of("SECRETGATE_LEASE_DURATION", "1500ms"),
            Map.of("--renew-deadline", "1s", "--retry-period", "200ms")))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
            "SECRETGATE_LEASE_DURATION=\"1500ms\": must be a whole number of seconds (a Lease holds it in seconds)"));
    assertThatThrownBy(() -> ServeConfig.from(Map.of(), Map.of("--lease-duration", "900ms", "--renew-deadline", "800ms",
            "--retry-period", "200ms")))
        .hasMessageContaining("--lease-duration=\"900ms\": must be a whole number of seconds (a Lease holds it in seconds)");
    assertThat(ServeConfig.from(Map.of(), Map.of("--lease-duration", "1m30s")).leaderElection().leaseDuration())
        .isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void lease_timing_is_not_checked_when_no_lease_is_taken() {
    ServeConfig c = ServeConfig.from(Map.of(), Map.of("--leader-election", "false", "--renew-deadline", "1h"));
    assertThat(c.electsLeader()).isFalse();
  }

  @Test
  void a_webhook_may_not_share_the_metrics_port() {
    assertThatThrownBy(() -> ServeConfig.from(Map.of(), Map.of("--validating-webhook", "true", "--webhook-port", "8080",
            "--tls-cert-file", "c.pem", "--tls-key-file", "k.pem")))
        .hasMessageContaining("--metrics-port (default 8080): the same port as --webhook-port=\"8080\"");
    assertThat(ServeConfig.from(Map.of(), Map.of("--webhook-port", "8080")).webhooks().port()).isEqualTo(8080);
  }

  @Test
  void turning_off_the_controller_with_no_webhook_leaves_nothing_to_serve() {
    assertThatThrownBy(() -> ServeConfig.from(Map.of("SECRETGATE_CONTROLLER", "false"), Map.of()))
        .hasMessageContaining("SECRETGATE_CONTROLLER=\"false\": nothing to serve");
    ServeConfig webhookOnly = ServeConfig.from(Map.of("SECRETGATE_CONTROLLER", "false", "SECRETGATE_MUTATING_WEBHOOK", "true"),
        Map.of("--tls-cert-file", "c.pem", "--tls-key-file", "k.pem"));
    assertThat(webhookOnly.electsLeader()).isFalse();
  }

  @Test
  void a_webhook_needs_both_certificate_files() {
    assertThatThrownBy(() -> ServeConfig.from(Map.of(), Map.of("--validating-webhook", "true", "--tls-cert-file", "c.pem")))
        .hasMessageContaining("--tls-cert-file and --tls-key-file: both are needed to serve a webhook over HTTPS");
  }

  @Test
  void enforcement_and_on_vault_unavailable_take_only_their_two_values() {
    assertThatThrownBy(() -> ServeConfig.from(Map.of("SECRETGATE_ENFORCEMENT", "audit"), Map.of("--on-vault-unavailable", "ignore")))
        .hasMessageContaining("must be one of deny, warn").hasMessageContaining("must be one of warn, deny");
  }

  @Test
  void an_unknown_SECRETGATE_variable_is_a_warning_and_an_unknown_flag_an_error() {
    ServeConfig c = ServeConfig.from(Map.of("SECRETGATE_WORKER", "4", "PATH", "/bin"), Map.of());
    assertThat(c.warnings()).containsExactly("ignoring SECRETGATE_WORKER: not a setting of serve");
    assertThatThrownBy(() -> ServeConfig.from(Map.of(), Map.of("--worker", "4")))
        .hasMessage("invalid configuration: --worker: not a setting of serve");
  }

  @Test
  void the_variables_the_kubelet_sets_for_a_service_named_secretgate_are_no_warning_but_a_typo_beside_them_is() {
    Map<String, String> env = new java.util.HashMap<>(Map.of(
        "SECRETGATE_SERVICE_HOST", "10.96.0.12", "SECRETGATE_SERVICE_PORT", "443", "SECRETGATE_SERVICE_PORT_HTTPS", "443",
        "SECRETGATE_PORT", "tcp://10.96.0.12:443", "SECRETGATE_PORT_443_TCP", "tcp://10.96.0.12:443",
        "SECRETGATE_PORT_443_TCP_PROTO", "tcp", "SECRETGATE_PORT_443_TCP_PORT", "443", "SECRETGATE_PORT_443_TCP_ADDR", "10.96.0.12"));
    env.put("SECRETGATE_METRIC_PORT", "9090");

    assertThat(ServeConfig.from(env, Map.of()).warnings()).containsExactly("ignoring SECRETGATE_METRIC_PORT: not a setting of serve");
  }

  @Test
  void every_variable_is_SECRETGATE_and_its_flag_in_upper_snake_case() {
    assertThat(Arrays.stream(ServeSetting.values()).map(ServeSetting::env))
        .contains("SECRETGATE_WORKERS", "SECRETGATE_LEASE_DURATION", "SECRETGATE_RATE_LIMIT_QPS")
        .doesNotHaveDuplicates()
        .allMatch(e -> e.matches("SECRETGATE_[A-Z]+(_[A-Z]+)*"));
    for (ServeSetting s : ServeSetting.values()) {
      assertThat(ServeSetting.byEnv(s.env())).contains(s);
      assertThat(ServeSetting.byFlag(s.flag())).contains(s);
    }
  }

  @Test
  void self_managed_certificates_need_no_files_and_live_in_the_pods_namespace_by_default() {
    ServeConfig c = ServeConfig.from(Map.of("POD_NAMESPACE", "secretgate"), Map.of("--validating-webhook", "true", "--cert-mode", "self-managed"));

    assertThat(c.webhooks().certs()).isEqualTo(new CertSettings(CertSettings.Mode.SELF_MANAGED, "secretgate-webhook-tls", "secretgate",
        "secretgate", "secretgate-validating", "secretgate-mutating"));
  }

  @Test
  void certificate_files_next_to_self_managed_certificates_are_refused_rather_than_ignored() {
    assertThatThrownBy(() -> ServeConfig.from(Map.of(), Map.of("--validating-webhook", "true", "--cert-mode", "self-managed",
            "--tls-cert-file", "c.pem", "--tls-key-file", "k.pem")))
        .hasMessageContaining("--tls-cert-file=\"c.pem\", --tls-key-file=\"k.pem\": not used with --cert-mode=\"self-managed\"; leave them out");
  }

  @Test
  void each_value_given_is_named_by_the_flag_or_variable_it_came_from_and_a_default_by_its_flag() {
    ServeConfig c = ServeConfig.from(Map.of("SECRETGATE_METRICS_PORT", "9090", "SECRETGATE_WORKERS", "4", "SECRETGATE_LOG_LEVEL", ""),
        Map.of("--workers", "2"));
    assertThat(c.sources().named(ServeSetting.METRICS_PORT, c.metricsPort())).isEqualTo("SECRETGATE_METRICS_PORT=\"9090\"");
    assertThat(c.sources().named(ServeSetting.WORKERS, c.controller().workers())).isEqualTo("--workers=\"2\"");
    assertThat(c.sources().name(ServeSetting.LOG_LEVEL)).isEqualTo("--log-level");
    assertThat(c.sources().name(ServeSetting.WEBHOOK_PORT)).isEqualTo("--webhook-port");
  }

  @Test
  void a_certificate_file_set_in_the_environment_next_to_self_managed_certificates_is_named_by_its_variable() {
    assertThatThrownBy(() -> ServeConfig.from(Map.of("SECRETGATE_TLS_CERT_FILE", "/tls/tls.crt"),
            Map.of("--validating-webhook", "true", "--cert-mode", "self-managed")))
        .hasMessage("invalid configuration: SECRETGATE_TLS_CERT_FILE=\"/tls/tls.crt\": not used with --cert-mode=\"self-managed\"; leave it out");
  }

  @Test
  void a_bad_cert_mode_or_service_name_is_named() {
    assertThatThrownBy(() -> ServeConfig.from(Map.of(), Map.of("--cert-mode", "auto", "--service-name", "9gate")))
        .hasMessageContaining("--cert-mode=\"auto\": must be one of files, self-managed")
        .hasMessageContaining("--service-name=\"9gate\": not a valid Service name");
  }

  @Test
  void workload_restarts_are_on_and_the_token_expiry_warning_is_24h_unless_set() {
    assertThat(ServeConfig.defaults().rotation()).isEqualTo(new RotationSettings(true, Duration.ofHours(24)));
    ServeConfig c = ServeConfig.from(Map.of("SECRETGATE_TOKEN_EXPIRY_WARNING", "72h"), Map.of("--restart-workloads", "false"));
    assertThat(c.rotation()).isEqualTo(new RotationSettings(false, Duration.ofHours(72)));
  }

  @Test
  void a_bad_restart_switch_or_expiry_warning_is_reported_by_name() {
    assertThatThrownBy(() -> ServeConfig.from(Map.of(), Map.of("--restart-workloads", "sometimes", "--token-expiry-warning", "a day")))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
            "--restart-workloads=\"sometimes\": must be true or false",
            "--token-expiry-warning=\"a day\": not a Go duration (such as 30s, 1m30s, 500ms)"));
  }
}
