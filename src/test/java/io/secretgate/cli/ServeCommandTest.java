package io.secretgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.secretgate.config.HostFacts;
import io.secretgate.config.ServeConfig;
import io.secretgate.config.ServeSetting;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code secretgate serve}: its help, its flags and environment variables, its exit codes. */
class ServeCommandTest {

  /** Records the configuration serve would run with, instead of running it. */
  static final class RecordingLauncher implements ServeLauncher {
    final List<ServeConfig> served = new ArrayList<>();

    @Override
    public HostFacts hostFacts() {
      return new HostFacts(Optional.of("from-service-account"), Optional.of("host-1"));
    }

    @Override
    public int serve(ServeConfig config) {
      served.add(config);
      return ExitCodes.OK;
    }
  }

  final RecordingLauncher launcher = new RecordingLauncher();

  CliRun run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SecretgateCommand.execute(args, env, launcher, new PrintWriter(out), new PrintWriter(err));
    return new CliRun(code, out.toString(), err.toString());
  }

  @Test
  void help_lists_every_flag_with_its_environment_variable_and_default() {
    CliRun help = CliRun.of("serve", "--help");
    assertThat(help.exitCode()).isEqualTo(ExitCodes.OK);
    for (ServeSetting s : ServeSetting.values()) {
      assertThat(help.out()).contains(s.flag()).contains("Env: " + s.env() + ";");
    }
    assertThat(help.out()).contains("--workers=N", "Env: SECRETGATE_WORKERS; default: 8.", "/metrics");
  }

  @Test
  void help_says_the_tls_files_are_needed_only_with_cert_mode_files_and_refused_with_self_managed() {
    String help = CliRun.of("serve", "--help").out().replaceAll("\\s+", " ");
    for (ServeSetting s : new ServeSetting[] {ServeSetting.TLS_CERT_FILE, ServeSetting.TLS_KEY_FILE}) {
      assertThat(help).contains("Env: " + s.env() + "; default: none (required with a webhook on and --cert-mode files; refused with self-managed).");
    }
  }

  @Test
  void help_says_a_blank_value_means_the_default_as_an_empty_one_does() {
    String help = CliRun.of("serve", "--help").out().replaceAll("\\s+", " ");
    assertThat(help).contains("an empty or blank value means the default.");
  }

  @Test
  void help_lists_the_flags_in_the_order_of_the_settings() {
    String out = CliRun.of("serve", "--help").out();
    int last = -1;
    for (ServeSetting s : ServeSetting.values()) {
      int at = out.indexOf("\n      " + s.flag() + (s.isSwitch() ? "[=" : "="));
      assertThat(at).as(s.flag()).isGreaterThan(last);
      last = at;
    }
  }

  @Test
  void flags_and_the_environment_given_by_main_make_the_configuration_that_is_served() {
    CliRun r = run(Map.of("SECRETGATE_WORKERS", "3", "SECRETGATE_LEASE_NAME", "from-env", "POD_NAME", "secretgate-0"),
        "serve", "--lease-name", "from-flag", "--metrics-port=9090", "--shutdown-grace", "5s");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(launcher.served).hasSize(1);
    ServeConfig c = launcher.served.get(0);
    assertThat(c.controller().workers()).isEqualTo(3);
    assertThat(c.leaderElection().leaseName()).isEqualTo("from-flag");
    assertThat(c.leaderElection().leaseNamespace()).isEqualTo("from-service-account");
    assertThat(c.leaderElection().identity()).isEqualTo("secretgate-0");
    assertThat(c.metricsPort()).isEqualTo(9090);
    assertThat(c.shutdownGrace()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void a_switch_given_alone_means_true() {
    assertThat(run(Map.of(), "serve", "--validating-webhook", "--leader-election=false",
        "--tls-cert-file", "c.pem", "--tls-key-file", "k.pem").exitCode()).isZero();
    ServeConfig c = launcher.served.get(0);
    assertThat(c.webhooks().validating()).isTrue();
    assertThat(c.leaderElection().enabled()).isFalse();
  }

  @Test
  void bad_values_exit_2_with_every_one_of_them_on_one_line() {
    CliRun r = run(Map.of("SECRETGATE_LOG_LEVEL", "loud"), "serve", "--workers", "0", "--lease-duration", "15");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(launcher.served).isEmpty();
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("secretgate: invalid configuration: --workers=\"0\": must be a whole number from 1 to 10000; "
        + "--lease-duration=\"15\": not a Go duration (such as 30s, 1m30s, 500ms); "
        + "SECRETGATE_LOG_LEVEL=\"loud\": must be one of trace, debug, info, warn, error" + System.lineSeparator());
  }

  @Test
  void an_unknown_flag_exits_2() {
    CliRun r = run(Map.of(), "serve", "--wrokers", "4");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(r.err()).contains("Unknown options: '--wrokers'").contains("secretgate serve --help");
    assertThat(launcher.served).isEmpty();
  }

  @Test
  void a_flag_given_twice_exits_2() {
    CliRun r = run(Map.of(), "serve", "--workers", "4", "--workers", "5");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(launcher.served).isEmpty();
  }

  @Test
  void without_a_launcher_serve_checks_its_configuration_and_exits_2() {
    assertThat(CliRun.of("serve", "--workers", "x").err()).contains("--workers=\"x\"");
    CliRun r = CliRun.of("serve");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(r.err()).isEqualTo("secretgate: serve is not available from this entry point" + System.lineSeparator());
  }
}
