package io.secretgate.certs;

import static io.secretgate.certs.CertsFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.secretgate.certs.CertPlan.Kind;
import io.secretgate.kube.CertificateSecret;
import io.secretgate.testing.Eventually;
import io.secretgate.testing.MutableClock;
import io.secretgate.testing.PatientMockClient;
import io.secretgate.tls.CertificateAuthority;
import io.secretgate.tls.Pem;
import java.io.InputStream;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Self-managed certificates against the fabric8 mock API server (CRUD), with a hand-moved clock. */
@EnableKubernetesMockClient(crud = true, kubernetesClientBuilderCustomizer = PatientMockClient.class)
class SelfManagedCertificatesIT {
  static final Duration WAIT = PatientMockClient.WAIT;
  static KubernetesMockServer server;
  static KubernetesClient client;
  Place at;
  final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  final List<SelfManagedCertificates> started = new ArrayList<>();

  @BeforeEach
  void install() {
    at = Place.fresh(client);
    installValidating(at);
  }

  @AfterEach
  void stop() {
    started.forEach(SelfManagedCertificates::close);
  }

  SelfManagedCertificates instance() {
    SelfManagedCertificates c = certificates(at, clock);
    started.add(c);
    return c;
  }

  @Test
  void the_first_start_creates_the_secret_and_patches_the_ca_into_every_webhook_without_a_mutating_configuration() {
    SelfManagedCertificates certs = instance();

    assertThat(certs.reconcile()).containsExactly(Kind.CREATE, Kind.KEEP);

    X509Certificate ca = storedCa(at);
    assertThat(published(at)).hasSize(2).allSatisfy(bundle -> assertThat(bundle).containsExactly(ca));
    assertThat(CertSecretFormat.signedBy(certs.keys().current().certificate(), ca)).isTrue();
    assertThat(io.secretgate.tls.Validity.dnsNames(certs.keys().current().certificate()))
        .containsExactly("secretgate", "secretgate.secretgate", SERVER_NAME);
    assertThat(certs.servable()).isTrue();
  }

  @Test
  void a_second_instance_serves_the_same_certificate_from_the_secret() {
    SelfManagedCertificates first = instance();
    first.reconcile();
    String rv = secret(at).getMetadata().getResourceVersion();

    SelfManagedCertificates second = instance();
    assertThat(second.reconcile()).containsExactly(Kind.KEEP);

    assertThat(second.keys().current().chain()).isEqualTo(first.keys().current().chain());
    assertThat(secret(at).getMetadata().getResourceVersion()).isEqualTo(rv);
  }

  @Test
  void the_serving_certificate_rotates_then_the_ca_overlaps_in_the_bundle_and_the_old_ca_is_dropped_last() {
    SelfManagedCertificates certs = instance();
    certs.reconcile();
    X509Certificate firstCa = storedCa(at);
    X509Certificate firstLeaf = certs.keys().current().certificate();

    clock.advance(Duration.ofDays(1));
    assertThat(certs.reconcile()).containsExactly(Kind.KEEP);
    clock.advance(Duration.ofDays(1)); // 2 days + 1 h of 3 days + 1 h: past 2/3
    assertThat(certs.reconcile()).containsExactly(Kind.ROTATE_SERVING, Kind.KEEP);
    X509Certificate secondLeaf = certs.keys().current().certificate();
    assertThat(secondLeaf).isNotEqualTo(firstLeaf);
    assertThat(CertSecretFormat.signedBy(secondLeaf, firstCa)).isTrue();

    clock.advance(Duration.ofDays(18)); // 20 days + 1 h of the CA's 30 days + 1 h
    assertThat(certs.reconcile()).contains(Kind.STAGE_CA).doesNotContain(Kind.SWITCH_CA);
    X509Certificate nextCa = Pem.readCertificates(secretData(at).get(CertSecretFormat.NEXT_CA_CRT), "next").get(0);
    assertThat(published(at)).allSatisfy(bundle -> assertThat(bundle).containsExactly(firstCa, nextCa));
    assertThat(CertSecretFormat.signedBy(certs.keys().current().certificate(), firstCa)).as("still the old CA's leaf").isTrue();

    clock.advance(POLICY.caPropagation());
    assertThat(certs.reconcile()).containsExactly(Kind.SWITCH_CA, Kind.KEEP);
    assertThat(CertSecretFormat.signedBy(certs.keys().current().certificate(), nextCa)).isTrue();
    assertThat(storedCa(at)).isEqualTo(nextCa);
    assertThat(published(at)).allSatisfy(bundle -> assertThat(bundle).containsExactly(firstCa, nextCa));

    clock.advance(POLICY.dropOldCaAfter().minusMinutes(1));
    assertThat(certs.reconcile()).containsExactly(Kind.KEEP);
    clock.advance(Duration.ofMinutes(1));
    assertThat(certs.reconcile()).containsExactly(Kind.DROP_OLD_CA, Kind.KEEP);
    assertThat(published(at)).allSatisfy(bundle -> assertThat(bundle).containsExactly(nextCa));
    assertThat(secret(at).getMetadata().getAnnotations()).as("the moments of a finished rotation are gone")
        .doesNotContainKeys(CertSecretFormat.STAGED_AT, CertSecretFormat.SWITCHED_AT);
  }

  @Test
  void a_secret_marked_immutable_that_needs_a_new_certificate_is_reported_as_such_with_what_to_do() {
    SelfManagedCertificates certs = instance();
    certs.reconcile();
    client.secrets().inNamespace(at.namespace()).withName(SECRET).edit(s -> {
      s.setImmutable(true); // a GitOps copy of it, say
      return s;
    });
    clock.advance(Duration.ofDays(2)); // the serving certificate is due for rotation

    assertThatThrownBy(certs::reconcile).isInstanceOf(io.secretgate.kube.KubeWriteException.class)
        .hasMessage("Secret " + at.namespace() + "/" + SECRET + ": marked immutable: true, so it cannot be changed; delete it and secretgate writes it anew");
    assertThat(secret(at).getImmutable()).isTrue();
  }

  @Test
  void a_new_certificate_keeps_the_labels_annotations_finalizers_and_owners_others_gave_the_secret() {
    SelfManagedCertificates certs = instance();
    certs.reconcile();
    // A Velero restore labels it, a policy engine annotates it, a backup tool holds a finalizer and an
    // owner; then its key breaks, so the next pass writes a new serving certificate.
    client.secrets().inNamespace(at.namespace()).withName(SECRET).edit(s -> {
      s.getMetadata().getLabels().put("velero.io/restore-name", "nightly");
      s.getMetadata().setAnnotations(new HashMap<>(Map.of("policies.kyverno.io/last-applied-patches", "add-team.team")));
      s.getMetadata().setFinalizers(List.of("example.com/backup"));
      s.getMetadata().setOwnerReferences(List.of(new io.fabric8.kubernetes.api.model.OwnerReferenceBuilder().withApiVersion("v1")
          .withKind("ConfigMap").withName("owner").withUid("0b6f0c7e-4b1c-4c59-9d2c-3f1e0e6b7a10").build()));
      s.getData().put(CertSecretFormat.TLS_KEY, java.util.Base64.getEncoder().encodeToString("garbage".getBytes()));
      return s;
    });

    assertThat(certs.reconcile()).containsExactly(Kind.REISSUE_SERVING, Kind.KEEP);

    Secret written = secret(at);
    assertThat(written.getMetadata().getLabels()).containsEntry("velero.io/restore-name", "nightly")
        .containsEntry(CertificateSecret.MANAGED_BY, "secretgate");
    assertThat(written.getMetadata().getAnnotations()).containsEntry("policies.kyverno.io/last-applied-patches", "add-team.team");
    assertThat(written.getMetadata().getFinalizers()).containsExactly("example.com/backup");
    assertThat(written.getMetadata().getOwnerReferences()).extracting(o -> o.getName()).containsExactly("owner");
  }

  @Test
  void the_leaf_switches_ca_only_once_every_webhook_has_trusted_the_next_ca_for_the_propagation_time() {
    SelfManagedCertificates certs = instance();
    certs.reconcile();
    X509Certificate firstCa = storedCa(at);
    clock.advance(Duration.ofDays(21));
    certs.reconcile(); // stages and publishes the next CA
    // Someone (a Helm upgrade) puts the old bundle back, and the next pass is past the propagation time.
    setFirstWebhookBundle(List.of(firstCa));
    clock.advance(POLICY.caPropagation());

    List<Kind> steps = certs.reconcile();

    // This pass repairs the bundle but does not switch: the repair has not been seen published yet.
    assertThat(steps).doesNotContain(Kind.SWITCH_CA);
    assertThat(published(at).get(0)).hasSize(2);
    // Nor does the next one: kube-apiserver may still hold the bundle without the next CA.
    clock.advance(POLICY.caPropagation().minusSeconds(1));
    assertThat(certs.reconcile()).containsExactly(Kind.KEEP);
    clock.advance(Duration.ofSeconds(1));
    assertThat(certs.reconcile()).containsExactly(Kind.SWITCH_CA, Kind.KEEP);
  }

  @Test
  void a_drifted_ca_bundle_is_repaired_when_the_configuration_changes() {
    SelfManagedCertificates certs = instance().start(Duration.ofHours(1));
    X509Certificate ca = storedCa(at);
    CertificateAuthority stranger = CertificateAuthority.generate("stranger", clock.instant(), Duration.ofDays(30));

    setFirstWebhookBundle(List.of(stranger.certificate()));

    Eventually.await(WAIT, "the first webhook's caBundle holds our CA again",
        () -> published(at).get(0).equals(List.of(ca)));
    assertThat(certs.servable()).isTrue();
  }

  @Test
  void a_webhook_that_calls_another_service_keeps_its_ca_bundle_so_two_installs_never_overwrite_each_other() {
    CertificateAuthority theirs = CertificateAuthority.generate("another install", clock.instant(), Duration.ofDays(30));
    client.admissionRegistration().v1().validatingWebhookConfigurations().withName(at.validating()).edit(c -> {
      var other = c.getWebhooks().get(1).getClientConfig();
      other.getService().setNamespace("secretgate-next"); // e.g. applied by a second install while this one still runs
      other.setCaBundle(io.secretgate.tls.CaBundle.toFieldValue(List.of(theirs.certificate())));
      return c;
    });
    SelfManagedCertificates certs = instance();

    assertThat(certs.reconcile()).containsExactly(Kind.CREATE, Kind.KEEP);

    assertThat(published(at).get(0)).containsExactly(storedCa(at));
    assertThat(published(at).get(1)).as("the other install's webhook").containsExactly(theirs.certificate());
    assertThat(certs.reconcile()).containsExactly(Kind.KEEP);
    assertThat(published(at).get(1)).containsExactly(theirs.certificate());
  }

  @Test
  void a_certificate_another_replica_writes_is_served_without_a_restart() {
    SelfManagedCertificates watching = instance().start(Duration.ofHours(1));
    CertificateSecret secret = new CertificateSecret(client, at.namespace(), SECRET);
    CertState written = CertPlan.decide(new CertPlan.Missing(), clock.instant(), false, POLICY).state();
    CertSecretFormat.Content content = CertSecretFormat.encode(written);

    assertThat(secret.write(content.data(), content.annotations(), secret.read())).isTrue();

    Eventually.await(WAIT, "the watching replica serves the certificate written by the other",
        () -> watching.keys().current().certificate().equals(written.serving().certificate()));
  }

  @Test
  void two_instances_racing_to_create_end_up_serving_the_one_certificate_stored() throws Exception {
    SelfManagedCertificates a = instance();
    SelfManagedCertificates b = instance();
    CyclicBarrier barrier = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<List<Kind>> fa = pool.submit(() -> {
        barrier.await();
        return a.reconcile();
      });
      Future<List<Kind>> fb = pool.submit(() -> {
        barrier.await();
        return b.reconcile();
      });
      List<Kind> all = new ArrayList<>(fa.get());
      all.addAll(fb.get());
      assertThat(all).filteredOn(k -> k == Kind.CREATE).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
    String storedLeaf = secretData(at).get(CertSecretFormat.TLS_CRT);
    X509Certificate leaf = Pem.readCertificates(storedLeaf, "tls.crt").get(0);
    assertThat(a.keys().current().certificate()).isEqualTo(leaf);
    assertThat(b.keys().current().certificate()).isEqualTo(leaf);
  }

  @Test
  void a_corrupt_secret_is_regenerated_instead_of_crashing() throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/io/secretgate/certs/corrupt-secret.yaml")) {
      Secret corrupt = client.getKubernetesSerialization().unmarshal(in, Secret.class);
      corrupt.getMetadata().setNamespace(at.namespace());
      client.secrets().inNamespace(at.namespace()).resource(corrupt).create();
    }
    SelfManagedCertificates certs = instance();

    assertThat(certs.reconcile()).containsExactly(Kind.REGENERATE, Kind.KEEP);

    assertThat(secret(at).getType()).as("a Secret's type cannot change").isEqualTo("Opaque");
    assertThat(CertSecretFormat.signedBy(certs.keys().current().certificate(), storedCa(at))).isTrue();
    assertThat(published(at)).allSatisfy(bundle -> assertThat(bundle).containsExactly(storedCa(at)));
  }

  @Test
  void a_secret_without_its_ca_bundle_key_keeps_its_ca_and_certificate_and_gets_the_bundle_back() {
    CertState made = CertPlan.decide(new CertPlan.Missing(), clock.instant(), false, POLICY).state();
    Map<String, String> data = new HashMap<>(CertSecretFormat.encode(made).data());
    data.remove(CertSecretFormat.CA_BUNDLE); // ESO's ca.crt/ca.key/tls.crt/tls.key layout, or a hand edit
    CertificateSecret secret = new CertificateSecret(client, at.namespace(), SECRET);
    assertThat(secret.write(data, Map.of(), secret.read())).isTrue();
    SelfManagedCertificates certs = instance();

    assertThat(certs.reconcile()).containsExactly(Kind.REPAIR_BUNDLE, Kind.KEEP);

    assertThat(storedCa(at)).isEqualTo(made.ca().certificate());
    assertThat(certs.keys().current().certificate()).isEqualTo(made.serving().certificate());
    assertThat(published(at)).allSatisfy(bundle -> assertThat(bundle).containsExactly(made.ca().certificate()));
  }

  @Test
  void a_secret_whose_serving_certificate_is_broken_gets_a_new_one_from_its_ca_and_keeps_the_ca_bundle() {
    SelfManagedCertificates certs = instance();
    certs.reconcile();
    X509Certificate ca = storedCa(at);
    // A hand edit (or an operator deleting the key to force a new certificate) leaves tls.key unreadable.
    client.secrets().inNamespace(at.namespace()).withName(SECRET).edit(s -> {
      s.getData().put(CertSecretFormat.TLS_KEY, java.util.Base64.getEncoder().encodeToString("garbage".getBytes()));
      return s;
    });

    assertThat(certs.reconcile()).containsExactly(Kind.REISSUE_SERVING, Kind.KEEP);

    assertThat(storedCa(at)).isEqualTo(ca);
    assertThat(CertSecretFormat.signedBy(certs.keys().current().certificate(), ca)).isTrue();
    assertThat(published(at)).allSatisfy(bundle -> assertThat(bundle).containsExactly(ca));
  }

  @Test
  void a_pass_that_dies_of_an_error_the_jvm_may_not_survive_makes_the_certificates_unhealthy_instead_of_never_renewing_them() {
    AtomicBoolean broken = new AtomicBoolean();
    SelfManagedCertificates certs = startedWith(failing(() -> {
      if (broken.get()) throw new NoClassDefFoundError("io/secretgate/Missing");
    }));
    assertThat(certs.healthy()).isTrue();

    broken.set(true);

    Eventually.await(WAIT, "the certificates turn unhealthy", () -> !certs.healthy());
  }

  @Test
  void a_pass_that_overflows_the_stack_is_tried_again_at_the_next_recheck() {
    AtomicInteger overflows = new AtomicInteger();
    AtomicInteger reads = new AtomicInteger();
    SelfManagedCertificates certs = startedWith(failing(() -> {
      if (overflows.getAndUpdate(n -> Math.max(0, n - 1)) > 0) throw new StackOverflowError();
      reads.incrementAndGet();
    }));

    overflows.set(5); // the periodic pass among them
    Eventually.await(WAIT, "passes overflow the stack", () -> overflows.get() == 0);
    int before = reads.get();

    Eventually.await(WAIT, "passes go on after the overflow", () -> reads.get() >= before + 3);
    assertThat(certs.healthy()).isTrue();
  }

  /** {@link #clock}, running {@code before} at every read of the time. */
  Clock failing(Runnable before) {
    return new Clock() {
      @Override
      public Instant instant() {
        before.run();
        return clock.instant();
      }

      @Override
      public ZoneId getZone() {
        return clock.getZone();
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }
    };
  }

  /** Started with {@code time}, passing again every 20 ms. */
  SelfManagedCertificates startedWith(Clock time) {
    SelfManagedCertificates c = certificates(at, time);
    started.add(c);
    return c.start(Duration.ofMillis(20));
  }

  @Test
  void readiness_fails_once_the_served_certificate_has_expired() {
    SelfManagedCertificates certs = instance();
    certs.reconcile();
    assertThat(certs.servable()).isTrue();

    clock.advance(Duration.ofDays(4)); // no pass in between: the 3-day certificate is still served, expired

    assertThat(certs.servable()).isFalse();
    certs.reconcile();
    assertThat(certs.servable()).isTrue();
  }

  void setFirstWebhookBundle(List<X509Certificate> cas) {
    client.admissionRegistration().v1().validatingWebhookConfigurations().withName(at.validating())
        .edit(c -> {
          c.getWebhooks().get(0).getClientConfig().setCaBundle(io.secretgate.tls.CaBundle.toFieldValue(cas));
          return c;
        });
  }
}
