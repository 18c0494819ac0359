package io.secretgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.secretgate.tls.CaBundle;
import io.secretgate.tls.CertificateAuthority;
import io.secretgate.tls.KeyMaterial;
import io.secretgate.tls.Pem;
import io.secretgate.tls.ServiceNames;
import io.secretgate.tls.Validity;
import io.secretgate.webhookconfig.WebhookConfigFiles;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code secretgate certs generate} end to end through {@link SecretgateCommand#execute}. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CertsGenerateCommandTest {
  private static final Pattern CA_BUNDLE_LINE = Pattern.compile("(?m)^caBundle: ([A-Za-z0-9+/=]+)$");

  @TempDir Path tmp;

  private CliRun generate(String... extra) {
    List<String> args = new ArrayList<>(List.of("certs", "generate", "--service", "webhook", "--namespace", "tools",
        "--out", tmp.resolve("out").toString()));
    args.addAll(List.of(extra));
    return CliRun.of(args.toArray(String[]::new));
  }

  private Path out(String name) {
    return tmp.resolve("out").resolve(name);
  }

  @Test
  void it_writes_a_ca_a_serving_chain_and_its_key_that_parse_and_belong_together() throws IOException {
    CliRun run = generate();

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    X509Certificate ca = Pem.readCertificates(out("ca.crt")).get(0);
    KeyMaterial served = Pem.readKeyMaterial(out("tls.crt"), out("tls.key"));
    assertThat(served.chain()).hasSize(2);
    assertThat(served.chain().get(1)).isEqualTo(ca);
    assertThat(Files.readString(out("tls.key"))).startsWith("-----BEGIN PRIVATE KEY-----\n");
    assertThat(served.privateKey().getAlgorithm()).isEqualTo("EC");
    assertThat(served.certificate().getBasicConstraints()).as("the leaf is no CA").isEqualTo(-1);
    assertThat(ca.getBasicConstraints()).as("the CA may sign leaves only").isZero();
  }

  @Test
  void the_serving_certificate_names_the_service_as_kube_apiserver_dials_it() throws Exception {
    generate();
    KeyMaterial served = Pem.readKeyMaterial(out("tls.crt"), out("tls.key"));
    assertThat(Validity.dnsNames(served.certificate())).containsExactlyElementsOf(ServiceNames.of("webhook", "tools"));
    assertThat(Validity.coversHost(served, "webhook.tools.svc")).isTrue();
    assertThat(served.certificate().getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
  }

  @Test
  void validity_runs_from_an_hour_ago_for_the_given_days_and_the_ca_outlives_the_leaf() throws IOException {
    Instant before = Instant.now();
    generate("--validity-days", "30", "--ca-validity-days", "90");
    Instant after = Instant.now();
    KeyMaterial served = Pem.readKeyMaterial(out("tls.crt"), out("tls.key"));
    X509Certificate leaf = served.certificate();
    X509Certificate ca = served.chain().get(1);
    assertThat(leaf.getNotBefore().toInstant()).isBetween(before.minus(Duration.ofHours(1)).minusSeconds(1), after.minus(Duration.ofHours(1)));
    assertThat(leaf.getNotAfter().toInstant()).isBetween(before.plus(Duration.ofDays(30)).minusSeconds(1), after.plus(Duration.ofDays(30)));
    assertThat(ca.getNotAfter().toInstant()).isBetween(before.plus(Duration.ofDays(90)).minusSeconds(1), after.plus(Duration.ofDays(90)));
    assertThat(Validity.check(served, Instant.now(), Duration.ofDays(7))).isEqualTo(Validity.Status.VALID);
  }

  @Test
  void the_key_file_is_readable_by_its_owner_only() throws IOException {
    assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
    generate();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out("tls.key")))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out("tls.crt")))).isEqualTo("rw-r--r--");
    try (var files = Files.list(tmp.resolve("out"))) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).as("no temporary files left")
          .containsExactly("ca.crt", "tls.crt", "tls.key");
    }
  }

  @Test
  void it_prints_what_it_wrote_and_the_ca_bundle_line_to_paste() throws IOException {
    CliRun run = generate();
    assertThat(run.out())
        .contains("wrote " + out("ca.crt") + ": CA 'secretgate-ca@")
        .contains("wrote " + out("tls.crt") + ": serving certificate for webhook, webhook.tools, webhook.tools.svc, webhook.tools.svc.cluster.local")
        .contains("wrote " + out("tls.key") + ": its private key (PKCS#8 PEM, EC P-256")
        .contains("kubectl -n tools create secret tls webhook-tls --cert=" + out("tls.crt") + " --key=" + out("tls.key"));
    String caBundle = caBundleLine(run.out());
    assertThat(new String(Base64.getDecoder().decode(caBundle))).isEqualTo(Files.readString(out("ca.crt")));
    assertThat(run.out()).as("no key material on stdout").doesNotContain(keyBody());
  }

  @Test
  void it_refuses_to_overwrite_an_existing_file_naming_it_and_changes_nothing() throws IOException {
    generate();
    String ca = Files.readString(out("ca.crt"));
    String key = Files.readString(out("tls.key"));

    CliRun again = generate();

    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.err()).startsWith("secretgate: " + out("ca.crt") + ": already exists; pass --force to overwrite it");
    assertThat(again.out()).isEmpty();
    assertThat(Files.readString(out("ca.crt"))).isEqualTo(ca);
    assertThat(Files.readString(out("tls.key"))).isEqualTo(key);
  }

  @Test
  void with_force_it_overwrites_with_a_new_ca_and_key() throws IOException {
    generate();
    String ca = Files.readString(out("ca.crt"));
    CliRun again = generate("--force");
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(Files.readString(out("ca.crt"))).isNotEqualTo(ca);
    Pem.readKeyMaterial(out("tls.crt"), out("tls.key"));
  }

  @Test
  void a_refused_run_writes_none_of_its_files() throws IOException {
    Files.createDirectories(tmp.resolve("out"));
    Files.writeString(out("mutating-webhook.yaml"), "mine");
    CliRun run = generate("--webhook-config");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(out("mutating-webhook.yaml") + ": already exists");
    assertThat(out("ca.crt")).doesNotExist();
    assertThat(out("tls.key")).doesNotExist();
    assertThat(Files.readString(out("mutating-webhook.yaml"))).isEqualTo("mine");
  }

  @Test
  void with_webhook_config_it_writes_both_configurations_with_service_namespace_and_ca_bundle_filled_in() throws IOException {
    CliRun run = generate("--webhook-config");
    assertThat(run.exitCode()).as(run.err()).isZero();
    String caBundle = caBundleLine(run.out());

    String validatingText = Files.readString(out("validating-webhook.yaml"));
    String mutatingText = Files.readString(out("mutating-webhook.yaml"));
    assertThat(validatingText).doesNotContain("${CA_BUNDLE}");
    assertThat(mutatingText).doesNotContain("${CA_BUNDLE}");
    ValidatingWebhook validating = WebhookConfigFiles.validating(validatingText).getWebhooks().get(0);
    MutatingWebhook mutating = WebhookConfigFiles.mutating(mutatingText).getWebhooks().get(0);

    assertThat(validating.getClientConfig().getCaBundle()).isEqualTo(caBundle);
    assertThat(mutating.getClientConfig().getCaBundle()).isEqualTo(caBundle);
    assertThat(CaBundle.fromFieldValue(validating.getClientConfig().getCaBundle(), "caBundle"))
        .containsExactlyElementsOf(Pem.readCertificates(out("ca.crt")));
    assertThat(validating.getClientConfig().getService().getNamespace()).isEqualTo("tools");
    assertThat(validating.getClientConfig().getService().getName()).isEqualTo("webhook");
    assertThat(validating.getClientConfig().getService().getPath()).isEqualTo("/validate/externalsecret");
    assertThat(mutating.getClientConfig().getService().getNamespace()).isEqualTo("tools");
    assertThat(validating.getNamespaceSelector().getMatchExpressions().get(0).getValues()).containsExactly("kube-system", "tools");
    assertThat(mutating.getNamespaceSelector().getMatchExpressions().get(0).getValues()).containsExactly("kube-system", "tools");
    // Everything else is the template's.
    assertThat(validating.getFailurePolicy()).isEqualTo("Fail");
    assertThat(validating.getSideEffects()).isEqualTo("None");
    assertThat(validating.getTimeoutSeconds()).isEqualTo(5);
    assertThat(mutating.getMatchConditions()).hasSize(1);
    assertThat(mutating.getObjectSelector().getMatchExpressions().get(0).getValues()).containsExactly("secretgate");
    assertThat(run.out()).contains("wrote " + out("validating-webhook.yaml")).contains("wrote " + out("mutating-webhook.yaml"));
  }

  /**
   * kubectl reads YAML 1.1, where a plain 2024, 1e3 or 0x1f is a number: a namespace such as "2024" (a valid
   * name) written unquoted is refused by the API server ("cannot unmarshal number into ... of type string").
   */
  @ParameterizedTest(name = "namespace {0}")
  @ValueSource(strings = {"2024", "1e3", "0x1f", "0o17"})
  void a_namespace_that_yaml_reads_as_a_number_is_written_quoted_in_the_webhook_configurations(String namespace) throws IOException {
    CliRun run = CliRun.of("certs", "generate", "--service", "webhook", "--namespace", namespace, "--out", tmp.resolve("out").toString(),
        "--webhook-config");
    assertThat(run.exitCode()).as(run.err()).isZero();

    for (String file : List.of("validating-webhook.yaml", "mutating-webhook.yaml")) {
      String text = Files.readString(out(file));
      assertThat(text).as(file).contains("namespace: \"" + namespace + "\"").contains("- \"" + namespace + "\"")
          .doesNotContainPattern("(?m)(namespace:|-) " + namespace + "$");
    }
  }

  @Test
  void previous_cas_stay_in_the_ca_bundle_beside_the_new_one_and_expired_ones_are_dropped() throws IOException {
    X509Certificate running = CertificateAuthority.generate("running", Instant.now().minus(Duration.ofDays(10)), Duration.ofDays(100)).certificate();
    X509Certificate expired = CertificateAuthority.generate("expired", Instant.now().minus(Duration.ofDays(10)), Duration.ofDays(1)).certificate();
    Path previous = tmp.resolve("old-ca.crt");
    Files.writeString(previous, Pem.writeCertificates(List.of(expired, running)));

    CliRun run = generate("--previous-ca", previous.toString(), "--webhook-config");

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<X509Certificate> bundle = CaBundle.fromFieldValue(caBundleLine(run.out()), "caBundle");
    assertThat(bundle).containsExactly(running, Pem.readCertificates(out("ca.crt")).get(0));
    assertThat(WebhookConfigFiles.validating(Files.readString(out("validating-webhook.yaml"))).getWebhooks().get(0)
        .getClientConfig().getCaBundle()).isEqualTo(caBundleLine(run.out()));
    assertThat(run.out()).contains("caBundle (base64 of 2 CAs: the previous ones and ca.crt)");
  }

  @Test
  void a_service_or_namespace_kubernetes_would_refuse_is_an_input_error() {
    CliRun badService = CliRun.of("certs", "generate", "--service", "Web_Hook", "--namespace", "tools", "--out", tmp.toString());
    assertThat(badService.exitCode()).isEqualTo(2);
    assertThat(badService.err()).startsWith("secretgate: --service: service name 'Web_Hook' is not a valid Kubernetes Service name");
    CliRun badNamespace = CliRun.of("certs", "generate", "--service", "webhook", "--namespace", "to.ols", "--out", tmp.toString());
    assertThat(badNamespace.exitCode()).isEqualTo(2);
    assertThat(badNamespace.err()).startsWith("secretgate: --namespace: namespace 'to.ols'");
  }

  @Test
  void a_ca_shorter_lived_than_its_certificate_a_validity_under_a_day_or_one_ending_after_the_year_9999_is_an_input_error() {
    CliRun shortCa = generate("--validity-days", "400", "--ca-validity-days", "365");
    assertThat(shortCa.exitCode()).isEqualTo(2);
    assertThat(shortCa.err()).contains("--ca-validity-days: must be at least --validity-days (400), got 365");
    CliRun zero = generate("--validity-days", "0");
    assertThat(zero.exitCode()).isEqualTo(2);
    assertThat(zero.err()).contains("--validity-days: must be at least 1, got 0");
    CliRun pastYear9999 = generate("--validity-days", "3000000", "--ca-validity-days", "3000000");
    assertThat(pastYear9999.exitCode()).isEqualTo(2);
    assertThat(pastYear9999.err()).isEqualTo("secretgate: --ca-validity-days: 3000000 days from now end after 9999-12-31T23:59:59Z,"
        + " the last instant a certificate can hold\n");
    assertThat(out("ca.crt")).doesNotExist();
  }

  @Test
  void a_missing_option_an_unreadable_previous_ca_or_an_out_that_is_a_file_is_an_input_error() throws IOException {
    CliRun missing = CliRun.of("certs", "generate", "--service", "webhook", "--namespace", "tools");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("--out");

    CliRun noFile = generate("--previous-ca", tmp.resolve("nope.crt").toString());
    assertThat(noFile.exitCode()).isEqualTo(2);
    assertThat(noFile.err()).isEqualTo("secretgate: " + tmp.resolve("nope.crt") + ": cannot be read (no such file or directory)\n");
    CliRun directory = generate("--previous-ca", tmp.toString());
    assertThat(directory.exitCode()).isEqualTo(2);
    assertThat(directory.err()).isEqualTo("secretgate: " + tmp + ": cannot be read (is a directory)\n");

    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    CliRun outIsFile = CliRun.of("certs", "generate", "--service", "webhook", "--namespace", "tools", "--out", file.toString());
    assertThat(outIsFile.exitCode()).isEqualTo(2);
    assertThat(outIsFile.err()).contains(file + ": --out exists and is not a directory");

    CliRun underAFile = CliRun.of("certs", "generate", "--service", "webhook", "--namespace", "tools", "--out", file.resolve("sub").toString());
    assertThat(underAFile.exitCode()).isEqualTo(2);
    assertThat(underAFile.err()).isEqualTo("secretgate: " + file.resolve("sub") + ": cannot create the directory (not a directory)\n");
  }

  private String caBundleLine(String stdout) {
    Matcher m = CA_BUNDLE_LINE.matcher(stdout);
    assertThat(m.find()).as("a 'caBundle: <base64>' line in:\n" + stdout).isTrue();
    return m.group(1);
  }

  private String keyBody() throws IOException {
    return Files.readString(out("tls.key")).lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
  }
}
