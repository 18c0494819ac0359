package io.secretgate.tls;

import static io.secretgate.tls.TestCerts.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.secretgate.tls.Validity.Status;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ValidityTest {
  private static final Duration RENEW_BEFORE = Duration.ofDays(7);
  private final CertificateAuthority ca = TestCerts.ca();
  /** Valid from T0 for 30 days; renewal due from day 23. */
  private final KeyMaterial leaf = ServingCertificate.issue(ca, TestCerts.NAMES, T0, Duration.ofDays(30));

  @ParameterizedTest(name = "at T0 {0} the certificate is {1}")
  @CsvSource({
      "-PT1S,       NOT_YET_VALID",
      "PT0S,        VALID",
      "P10D,        VALID",
      "P22DT23H59M59S, VALID",
      "P23D,        RENEW_DUE",
      "P29DT23H59M, RENEW_DUE",
      "P30D,        RENEW_DUE",
      "P30DT1S,     EXPIRED",
      "P400D,       EXPIRED",
  })
  void an_instant_before_inside_the_renew_window_or_after_the_validity_gets_its_status(Duration sinceT0, Status expected) {
    assertThat(Validity.check(leaf, T0.plus(sinceT0), RENEW_BEFORE)).isEqualTo(expected);
  }

  @Test
  void renewal_is_due_at_the_earliest_not_after_minus_renew_before() {
    assertThat(Validity.renewAt(leaf, RENEW_BEFORE)).isEqualTo(T0.plus(Duration.ofDays(23)));
  }

  @Test
  void only_valid_and_renew_due_certificates_can_be_served() {
    assertThat(Status.VALID.servable()).isTrue();
    assertThat(Status.RENEW_DUE.servable()).isTrue();
    assertThat(Status.EXPIRED.servable()).isFalse();
    assertThat(Status.NOT_YET_VALID.servable()).isFalse();
  }

  @Test
  void a_renew_window_longer_than_the_lifetime_makes_renewal_due_at_once() {
    assertThat(Validity.check(leaf, T0, Duration.ofDays(90))).isEqualTo(Status.RENEW_DUE);
  }

  @Test
  void a_negative_renew_window_is_refused() {
    assertThatThrownBy(() -> Validity.check(leaf, T0, Duration.ofDays(-1))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_chain_is_not_valid_before_its_ca_is_nor_after_its_ca_expires() {
    CertificateAuthority lateCa = CertificateAuthority.generate("late", T0.plus(Duration.ofDays(1)), Duration.ofDays(10));
    KeyMaterial m = ServingCertificate.issue(lateCa, List.of("a.b.svc"), T0, Duration.ofDays(5));
    assertThat(Validity.check(m, T0.plus(Duration.ofHours(1)), Duration.ZERO)).isEqualTo(Status.NOT_YET_VALID);
    assertThat(Validity.check(m, T0.plus(Duration.ofDays(2)), Duration.ZERO)).isEqualTo(Status.VALID);
  }

  @ParameterizedTest(name = "a certificate for {0} covers {1}: {2}")
  @CsvSource({
      "secretgate.secretgate.svc,   secretgate.secretgate.svc,   true",
      "secretgate.secretgate.svc,   SecretGate.SecretGate.SVC,   true",
      "secretgate.secretgate.svc,   secretgate.secretgate.svc.,  true",
      "secretgate.secretgate.svc,   secretgate.other.svc,        false",
      "secretgate.secretgate.svc,   secretgate.secretgate,       false",
      "*.secretgate.svc,            webhook.secretgate.svc,      true",
      "*.secretgate.svc,            a.webhook.secretgate.svc,    false",
      "*.secretgate.svc,            secretgate.svc,              false",
      "*.secretgate.svc,            .secretgate.svc,             false",
  })
  void host_names_are_matched_like_a_tls_client_does(String certName, String host, boolean covered) {
    KeyMaterial m = ServingCertificate.issue(ca, List.of(certName), T0, Duration.ofDays(1));
    assertThat(Validity.coversHost(m, host)).isEqualTo(covered);
  }

  @Test
  void a_serving_certificate_for_a_service_covers_the_name_kube_apiserver_dials() {
    assertThat(Validity.coversHost(leaf, ServiceNames.serverName("secretgate", "secretgate"))).isTrue();
    assertThat(Validity.coversHost(leaf, "secretgate.secretgate.svc.cluster.local")).isTrue();
    assertThat(Validity.coversHost(leaf, "localhost")).isFalse();
  }
}
