package io.secretgate.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.secretgate.certs.CertPlan.Kind;
import io.secretgate.tls.CertificateAuthority;
import io.secretgate.tls.KeyMaterial;
import io.secretgate.tls.ServingCertificate;
import io.secretgate.tls.Validity;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure lifecycle decision and the Secret layout, without a cluster. */
class CertPlanTest {
  static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  static final CertPolicy POLICY = CertsFixtures.POLICY;

  @Test
  void a_serving_certificate_for_another_service_is_reissued_from_the_same_ca() {
    CertificateAuthority ca = CertificateAuthority.generate("ca", NOW, Duration.ofDays(30));
    KeyMaterial other = ServingCertificate.issue(ca, List.of("other.secretgate.svc"), NOW, Duration.ofDays(3));

    CertPlan.Decision d = CertPlan.decide(new CertPlan.Usable(CertState.single(ca, other)), NOW, true, POLICY);

    assertThat(d.kind()).isEqualTo(Kind.ROTATE_SERVING);
    assertThat(d.state().ca()).isSameAs(ca);
    assertThat(Validity.dnsNames(d.state().serving().certificate())).containsExactlyElementsOf(POLICY.dnsNames());
  }

  @Test
  void a_fresh_state_is_kept_and_reads_back_from_its_secret_layout_unchanged() {
    CertState created = CertPlan.decide(new CertPlan.Missing(), NOW, false, POLICY).state();
    CertSecretFormat.Content content = CertSecretFormat.encode(created);

    CertState read = CertSecretFormat.decode(content, "Secret secretgate/tls");

    assertThat(read.serving().chain()).isEqualTo(created.serving().chain());
    assertThat(read.bundle()).containsExactly(created.ca().certificate());
    assertThat(CertPlan.decide(new CertPlan.Usable(read), NOW.plusSeconds(60), true, POLICY).kind()).isEqualTo(Kind.KEEP);
  }

  @Test
  void a_serving_certificate_from_another_ca_makes_the_secret_unusable_naming_the_keys() {
    CertSecretFormat.Content mine = CertSecretFormat.encode(CertPlan.decide(new CertPlan.Missing(), NOW, false, POLICY).state());
    CertSecretFormat.Content theirs = CertSecretFormat.encode(CertPlan.decide(new CertPlan.Missing(), NOW, false, POLICY).state());
    Map<String, String> mixed = new HashMap<>(mine.data());
    mixed.put(CertSecretFormat.TLS_CRT, theirs.data().get(CertSecretFormat.TLS_CRT));
    mixed.put(CertSecretFormat.TLS_KEY, theirs.data().get(CertSecretFormat.TLS_KEY));

    assertThatThrownBy(() -> CertSecretFormat.decode(new CertSecretFormat.Content(mixed, Map.of()), "Secret secretgate/tls"))
        .isInstanceOf(UnusableCertificates.class)
        .hasMessage("Secret secretgate/tls: the certificate in tls.crt was not signed by the CA in ca.crt");
  }

  @Test
  void an_expired_ca_is_replaced_outright_since_nothing_can_overlap_with_it() {
    CertState created = CertPlan.decide(new CertPlan.Missing(), NOW, false, POLICY).state();

    CertPlan.Decision d = CertPlan.decide(new CertPlan.Usable(created), NOW.plus(Duration.ofDays(31)), true, POLICY);

    assertThat(d.kind()).isEqualTo(Kind.REGENERATE);
    assertThat(d.state().bundle()).containsExactly(d.state().ca().certificate());
  }

  @Test
  void a_next_ca_missing_from_a_webhook_restarts_the_wait_once_and_writes_nothing_more_while_it_stays_missing() {
    CertState created = CertPlan.decide(new CertPlan.Missing(), NOW, false, POLICY).state();
    Instant later = NOW.plus(Duration.ofDays(21));
    CertPlan.Decision staged = CertPlan.decide(new CertPlan.Usable(created), later, true, POLICY);
    assertThat(staged.kind()).isEqualTo(Kind.STAGE_CA);
    CertPlan.Decision reissued = CertPlan.decide(new CertPlan.Usable(staged.state()), later, true, POLICY);
    assertThat(reissued.kind()).as("the 3-day serving certificate has expired by now").isEqualTo(Kind.ROTATE_SERVING);
    Instant dueBefore = later.plus(POLICY.caPropagation());

    CertPlan.Decision missing = CertPlan.decide(new CertPlan.Usable(reissued.state()), dueBefore, false, POLICY);
    assertThat(missing.kind()).isEqualTo(Kind.REPUBLISH_NEXT_CA);
    assertThat(missing.state().stagedAt()).isEmpty();
    assertThat(CertPlan.decide(new CertPlan.Usable(missing.state()), dueBefore, false, POLICY).kind())
        .as("a patch that keeps failing writes nothing more").isEqualTo(Kind.KEEP);

    CertPlan.Decision trusted = CertPlan.decide(new CertPlan.Usable(missing.state()), dueBefore, true, POLICY);
    assertThat(trusted.kind()).isEqualTo(Kind.NEXT_CA_PUBLISHED);
    assertThat(trusted.state().stagedAt()).contains(dueBefore);
    assertThat(CertPlan.decide(new CertPlan.Usable(trusted.state()), dueBefore.plus(POLICY.caPropagation()).minusSeconds(1), true, POLICY).kind())
        .isEqualTo(Kind.KEEP);
    assertThat(CertPlan.decide(new CertPlan.Usable(trusted.state()), dueBefore.plus(POLICY.caPropagation()), true, POLICY).kind())
        .isEqualTo(Kind.SWITCH_CA);
  }
}
