package io.secretgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.secretgate.api.ApiGroup;
import io.secretgate.config.ConfigException;
import io.secretgate.config.ServeConfig;
import io.secretgate.sync.Controller;
import io.secretgate.testing.Crds;
import io.secretgate.testing.Eventually;
import io.secretgate.testing.Leases;
import io.secretgate.testing.PatientMockClient;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The serve process against the fabric8 mock API server, its ops server on a free port. */
@EnableKubernetesMockClient(crud = true, kubernetesClientBuilderCustomizer = PatientMockClient.class)
class ServeProcessIT {
  static KubernetesMockServer server;
  static KubernetesClient client;

  static final Duration GRACE = Duration.ofSeconds(2);
  /**
   * What a shutdown may take beyond the grace: releasing the lease gets at least half a second, and the
   * ops server and the client are closed after that; on a busy machine (or behind a mock-server stall)
   * those add up to more than the grace's last quarter. Still far below any work in flight here (30 s).
   */
  static final Duration CLOSING = Duration.ofSeconds(3);
  static final Duration WAIT = PatientMockClient.WAIT;

  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  final List<ServeProcess> processes = new ArrayList<>();

  @AfterEach
  void stopAll() {
    processes.forEach(ServeProcess::shutdown);
  }

  /** A controller that records its life and whose in-flight work lasts {@code inFlight}. */
  static final class FakeController implements Controller {
    final List<String> events = new CopyOnWriteArrayList<>();
    volatile boolean ready;
    volatile boolean healthy = true;
    volatile Duration inFlight = Duration.ZERO;
    /** Ends the work in flight before {@link #inFlight} has passed. */
    final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
    volatile Duration stopGrace;
    /** When {@link #stop} was called. */
    volatile java.time.Instant stopAt;

    @Override
    public void start() {
      events.add("start");
    }

    @Override
    public void stop(Duration grace) {
      stopAt = java.time.Instant.now();
      stopGrace = grace;
      events.add("stopping");
      try {
        done.await(inFlight.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        events.add("interrupted");
        Thread.currentThread().interrupt();
        return;
      }
      events.add("stopped");
    }

    @Override
    public boolean ready() {
      return ready;
    }

    @Override
    public boolean healthy() {
      return healthy;
    }
  }

  final List<FakeController> controllers = new CopyOnWriteArrayList<>();

  ServeConfig config(String lease, String identity, String... more) {
    return config(Map.of(), lease, identity, more);
  }

  /** As {@link #config(String, String, String...)}, with {@code env} as the process environment. */
  ServeConfig config(Map<String, String> env, String lease, String identity, String... more) {
    Map<String, String> flags = new HashMap<>(Map.of(
        "--metrics-port", "0", "--lease-namespace", "ops", "--lease-name", lease, "--identity", identity,
        "--lease-duration", "5s", "--renew-deadline", "2s", "--retry-period", "100ms",
        "--shutdown-grace", GRACE.toSeconds() + "s"));
    for (int i = 0; i < more.length; i += 2) flags.put(more[i], more[i + 1]);
    return ServeConfig.from(env, flags);
  }

  ServeProcess start(ServeConfig config) {
    return start(config, new ArrayList<>());
  }

  ServeProcess start(ServeConfig config, List<FakeController> made) {
    ServeProcess p = ServeProcess.start(config, server.createClient(), (c, cfg, m) -> {
      FakeController f = new FakeController();
      made.add(f);
      controllers.add(f);
      return f;
    });
    processes.add(p);
    return p;
  }

  HttpResponse<String> get(ServeProcess p, String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p.opsPort() + path))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
  }

  int status(ServeProcess p, String path) {
    try {
      return get(p, path).statusCode();
    } catch (IOException | InterruptedException e) {
      return -1;
    }
  }

  Lease lease(String name) {
    return client.leases().inNamespace("ops").withName(name).get();
  }

  @Test
  void a_leader_is_live_is_ready_once_its_controller_is_and_shuts_down_within_the_grace() throws Exception {
    List<FakeController> made = new ArrayList<>();
    ServeProcess p = start(config("serve-leader", "pod-a"), made);
    Eventually.await(WAIT, "the controller starts", () -> made.size() == 1 && made.get(0).events.contains("start"));
    FakeController controller = made.get(0);
    assertThat(p.isLeader()).isTrue();

    assertThat(get(p, "/healthz").body()).isEqualTo("ok");
    HttpResponse<String> notReady = get(p, "/readyz");
    assertThat(notReady.statusCode()).isEqualTo(503);
    assertThat(notReady.body()).isEqualTo("[-]controller failed\nreadyz check failed\n");

    controller.ready = true;
    assertThat(get(p, "/readyz").statusCode()).isEqualTo(200);

    // Work in flight until the test has seen readyz fail (at most 1.4 s, inside the controller's 1.5 s):
    // a test thread held back a while on a loaded machine still finds the server up and shutting down.
    controller.inFlight = Duration.ofMillis(1400);
    int port = p.opsPort();
    long began = System.nanoTime();
    CompletableFuture<Void> shutdown = CompletableFuture.runAsync(p::shutdown);
    Eventually.await(WAIT, "readyz fails while shutting down", () -> {
      try {
        HttpResponse<String> r = get(p, "/readyz");
        return r.statusCode() == 503 && r.body().contains("[-]shutdown failed");
      } catch (IOException | InterruptedException e) {
        return false;
      }
    });
    controller.done.countDown();
    shutdown.get();
    Duration took = Duration.ofNanos(System.nanoTime() - began);

    assertThat(took).isLessThan(GRACE.plus(CLOSING));
    assertThat(controller.events).containsExactly("start", "stopping", "stopped");
    assertThat(controller.stopGrace).isEqualTo(Duration.ofMillis(1500));
    assertThat(p.isLeader()).isFalse();
    assertThat(lease("serve-leader").getSpec().getLeaseDurationSeconds()).as("released").isEqualTo(1);
    assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
        HttpResponse.BodyHandlers.ofString())).isInstanceOf(ConnectException.class);
  }

  @Test
  void a_standby_is_ready_without_reconciling_and_takes_over_when_the_leader_shuts_down() {
    List<FakeController> aMade = new ArrayList<>();
    List<FakeController> bMade = new ArrayList<>();
    ServeProcess a = start(config("serve-handover", "pod-a"), aMade);
    Eventually.await(WAIT, "pod-a leads", a::isLeader);
    ServeProcess b = start(config("serve-handover", "pod-b"), bMade);

    Eventually.await(WAIT, "the standby is ready", () -> status(b, "/readyz") == 200);
    assertThat(b.isLeader()).isFalse();
    assertThat(bMade).isEmpty();

    a.shutdown();

    Eventually.await(WAIT, "pod-b leads and reconciles", () -> b.isLeader() && bMade.size() == 1);
    assertThat(aMade.get(0).events).containsExactly("start", "stopping", "stopped");
    assertThat(bMade.get(0).events).containsExactly("start");
  }

  @Test
  void a_leader_that_loses_its_lease_stops_reconciling_and_stays_ready_as_a_standby() {
    List<FakeController> made = new ArrayList<>();
    ServeProcess p = start(config("serve-stolen", "pod-a"), made);
    Eventually.await(WAIT, "the controller starts", () -> made.size() == 1 && made.get(0).events.contains("start"));

    Leases.steal(client, "ops", "serve-stolen", "intruder");

    Eventually.await(WAIT, "the controller stops", () -> made.get(0).events.contains("stopped"));
    assertThat(p.isLeader()).isFalse();
    assertThat(made.get(0).stopGrace).as("lease duration minus renew deadline").isEqualTo(Duration.ofSeconds(3));
    assertThat(status(p, "/readyz")).isEqualTo(200);
    assertThat(status(p, "/healthz")).isEqualTo(200);
  }

  /**
   * A leader that cannot renew (its API calls fail) notices only at a retry after the renew deadline; the
   * work in flight then gets what is left of the lease it last wrote, never beyond the moment a standby may
   * take it (renewTime + lease duration), or two controllers write the same Secrets.
   */
  @Test
  void a_leader_that_cannot_renew_stops_its_work_in_flight_before_the_lease_it_last_wrote_runs_out() {
    List<FakeController> made = new ArrayList<>();
    start(config("serve-unrenewable", "pod-a", "--retry-period", "800ms"), made);
    Eventually.await(WAIT, "the controller starts", () -> made.size() == 1 && made.get(0).events.contains("start"));
    made.get(0).inFlight = Duration.ofSeconds(30);

    server.expect().get().withPath("/apis/coordination.k8s.io/v1/namespaces/ops/leases/serve-unrenewable")
        .andReturn(500, "{}").always();

    Eventually.await(WAIT, "the controller is told to stop", () -> made.get(0).stopAt != null);
    Lease lease = client.leases().inNamespace("ops").list().getItems().stream()
        .filter(l -> l.getMetadata().getName().equals("serve-unrenewable")).findFirst().orElseThrow();
    java.time.Instant takeable = lease.getSpec().getRenewTime().toInstant().plusSeconds(lease.getSpec().getLeaseDurationSeconds());
    assertThat(made.get(0).stopAt.plus(made.get(0).stopGrace))
        .as("the end of the work in flight (the lease can be taken at %s)", takeable)
        .isBeforeOrEqualTo(takeable.plusMillis(200));
  }

  @Test
  void a_leader_whose_controller_turned_unhealthy_fails_healthz_so_that_the_pod_is_restarted() throws Exception {
    List<FakeController> made = new ArrayList<>();
    ServeProcess p = start(config("serve-broken", "pod-a"), made);
    Eventually.await(WAIT, "the controller starts", () -> made.size() == 1 && made.get(0).events.contains("start"));
    made.get(0).ready = true;

    made.get(0).healthy = false; // e.g. a sync worker died of an Error

    HttpResponse<String> live = get(p, "/healthz");
    assertThat(live.statusCode()).isEqualTo(503);
    assertThat(live.body()).contains("[-]controller failed");
  }

  @Test
  void with_leader_election_off_the_controller_starts_at_once_and_no_lease_is_taken() {
    List<FakeController> made = new ArrayList<>();
    ServeProcess p = start(config("serve-no-election", "pod-a", "--leader-election", "false"), made);
    Eventually.await(WAIT, "the controller starts", () -> made.size() == 1 && made.get(0).events.contains("start"));
    made.get(0).ready = true;
    assertThat(status(p, "/readyz")).isEqualTo(200);
    assertThat(lease("serve-no-election")).isNull();
  }

  @Test
  void work_in_flight_that_outlasts_the_grace_does_not_hold_up_shutdown() {
    List<FakeController> made = new ArrayList<>();
    ServeProcess p = start(config("serve-slow", "pod-a"), made);
    Eventually.await(WAIT, "the controller starts", () -> made.size() == 1 && made.get(0).events.contains("start"));
    made.get(0).inFlight = Duration.ofSeconds(30);

    long began = System.nanoTime();
    p.shutdown();

    assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(GRACE.plus(CLOSING));
    assertThat(made.get(0).events).containsExactly("start", "stopping", "interrupted");
    assertThat(lease("serve-slow").getSpec().getLeaseDurationSeconds()).as("released").isEqualTo(1);
  }

  @Test
  void metrics_of_the_process_carry_esos_names_our_own_and_the_jvms() throws Exception {
    ServeProcess p = start(config("serve-metrics", "pod-a"));
    p.metrics().syncCall("payments", "db-credentials");
    String body = get(p, "/metrics").body();
    assertThat(body.lines()).contains(
        "externalsecret_sync_calls_total{name=\"db-credentials\",namespace=\"payments\"} 1.0",
        "secretgate_workqueue_depth 0.0");
    assertThat(body).contains("jvm_memory_used_bytes", "process_uptime_seconds");
  }

  @Test
  void a_metrics_port_in_use_is_a_configuration_error_and_nothing_is_left_running() throws IOException {
    try (ServerSocket taken = new ServerSocket(0)) {
      ServeConfig config = config("serve-port", "pod-a", "--metrics-port", String.valueOf(taken.getLocalPort()));
      assertThatThrownBy(() -> ServeProcess.start(config, server.createClient(), ControllerFactory.none()))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("--metrics-port=\"" + taken.getLocalPort() + "\": cannot listen on it");
    }
    assertThat(lease("serve-port")).isNull();
  }

  @Test
  void a_webhook_port_in_use_is_a_configuration_error_too(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
    writeServingCertificate(dir);
    try (ServerSocket taken = new ServerSocket(0)) {
      ServeConfig config = config("webhook-port-lease", "w-2", "--controller", "false", "--validating-webhook", "true",
          "--webhook-port", String.valueOf(taken.getLocalPort()),
          "--tls-cert-file", dir.resolve(TLS_CRT).toString(), "--tls-key-file", dir.resolve(TLS_KEY).toString());
      assertThatThrownBy(() -> ServeProcess.start(config, server.createClient(), ControllerFactory.none()))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("--webhook-port=\"" + taken.getLocalPort() + "\": cannot listen on it");
    }
  }

  @Test
  void a_port_in_use_that_came_from_an_environment_variable_is_named_by_that_variable(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws IOException {
    writeServingCertificate(dir);
    try (ServerSocket taken = new ServerSocket(0)) {
      String port = String.valueOf(taken.getLocalPort());
      ServeConfig metrics = ServeConfig.from(Map.of("SECRETGATE_METRICS_PORT", port, "SECRETGATE_CONTROLLER", "true"), Map.of());
      assertThatThrownBy(() -> ServeProcess.start(metrics, server.createClient(), ControllerFactory.none()))
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith("invalid configuration: SECRETGATE_METRICS_PORT=\"" + port + "\": cannot listen on it");
      ServeConfig webhook = config(Map.of("SECRETGATE_WEBHOOK_PORT", port), "env-port-lease", "w-3", "--controller", "false",
          "--validating-webhook", "true", "--tls-cert-file", dir.resolve(TLS_CRT).toString(), "--tls-key-file", dir.resolve(TLS_KEY).toString());
      assertThatThrownBy(() -> ServeProcess.start(webhook, server.createClient(), ControllerFactory.none()))
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith("invalid configuration: SECRETGATE_WEBHOOK_PORT=\"" + port + "\": cannot listen on it");
    }
  }

  @Test
  void certificate_files_that_cannot_be_read_are_named_by_the_flag_or_variable_that_gave_each(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    java.nio.file.Path cert = dir.resolve(TLS_CRT);
    java.nio.file.Path key = dir.resolve(TLS_KEY);
    ServeConfig config = config(Map.of("SECRETGATE_TLS_KEY_FILE", key.toString()), "tls-files-lease", "w-4", "--controller", "false",
        "--validating-webhook", "true", "--webhook-port", "0", "--tls-cert-file", cert.toString());
    assertThatThrownBy(() -> ServeProcess.start(config, server.createClient(), ControllerFactory.none()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("invalid configuration: --tls-cert-file=\"" + cert + "\", SECRETGATE_TLS_KEY_FILE=\"" + key + "\": cannot read " + cert
            + " (no such file or directory)");
  }

  @Test
  void a_certificate_secret_named_by_its_environment_variable_is_named_by_that_variable_when_it_cannot_be_read() {
    server.expect().get().withPath("/api/v1/namespaces/certs/secrets/env-tls").andReturn(403, "{}").once();
    ServeConfig config = config(Map.of("SECRETGATE_CERT_SECRET", "env-tls"), "env-secret-lease", "w-5", "--controller", "false",
        "--validating-webhook", "true", "--webhook-port", "0", "--cert-mode", "self-managed", "--service-namespace", "certs");
    assertThatThrownBy(() -> ServeProcess.start(config, server.createClient(), ControllerFactory.none()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("invalid configuration: SECRETGATE_CERT_SECRET=\"env-tls\": the self-managed certificate cannot be read or written:"
            + " Secret certs/env-tls: forbidden (HTTP 403); check the RBAC for Secrets in certs");
  }

  @Test
  void a_webhook_configuration_that_self_managed_certificates_may_not_read_is_named_by_its_own_setting() {
    server.expect().get().withPath("/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations/guarded-validating")
        .andReturn(403, "{}").once();
    ServeConfig config = config(Map.of("SECRETGATE_VALIDATING_WEBHOOK_CONFIG", "guarded-validating"), "guarded-lease", "w-6", "--controller", "false",
        "--validating-webhook", "true", "--webhook-port", "0", "--cert-mode", "self-managed", "--service-namespace", "certs",
        "--cert-secret", "guarded-tls");
    assertThatThrownBy(() -> ServeProcess.start(config, server.createClient(), ControllerFactory.none()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("invalid configuration: SECRETGATE_VALIDATING_WEBHOOK_CONFIG=\"guarded-validating\": the self-managed certificate cannot be"
            + " read or written: ValidatingWebhookConfiguration guarded-validating: forbidden (HTTP 403);"
            + " check the RBAC for ValidatingWebhookConfigurations");
  }

  @Test
  void on_shutdown_the_webhook_keeps_answering_for_a_while_after_readyz_fails_so_the_service_stops_sending_before_the_port_closes(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    io.secretgate.tls.CertificateAuthority ca = writeServingCertificate(dir);
    // a grace of 8 s: the webhooks keep answering for 2 s (a quarter) after /readyz fails
    ServeProcess p = start(config("drain-lease", "w-9", "--controller", "false", "--validating-webhook", "true", "--webhook-port", "0",
        "--tls-cert-file", dir.resolve(TLS_CRT).toString(), "--tls-key-file", dir.resolve(TLS_KEY).toString(), "--shutdown-grace", "8s"));
    HttpClient https = HttpClient.newBuilder().sslContext(io.secretgate.tls.SslContexts.clientTrusting(List.of(ca.certificate()))).build();
    Eventually.await(WAIT, "ready", () -> status(p, "/readyz") == 200);
    URI validate = URI.create("https://localhost:" + p.webhookPort() + "/validate/externalsecret?timeout=10s");

    Thread stopping = new Thread(p::shutdown, "test-shutdown");
    stopping.start();
    Eventually.await(WAIT, "not ready", () -> status(p, "/readyz") != 200);
    HttpResponse<String> r = https.send(HttpRequest.newBuilder(validate).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).as("answered after /readyz failed").isEqualTo(400);
    stopping.join(Duration.ofSeconds(30).toMillis());
    assertThatThrownBy(() -> https.send(HttpRequest.newBuilder(validate).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
        HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
  }

  @Test
  void with_the_validating_webhook_on_it_answers_over_https_and_its_readiness_joins_readyz(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    io.secretgate.tls.CertificateAuthority ca = writeServingCertificate(dir);
    ServeProcess p = start(config("webhook-lease", "w-0", "--controller", "false", "--validating-webhook", "true", "--webhook-port", "0",
        "--tls-cert-file", dir.resolve(TLS_CRT).toString(), "--tls-key-file", dir.resolve(TLS_KEY).toString()));
    HttpClient https = HttpClient.newBuilder().sslContext(io.secretgate.tls.SslContexts.clientTrusting(List.of(ca.certificate()))).build();

    Eventually.await(WAIT, "ready", () -> status(p, "/readyz") == 200);
    HttpResponse<String> r = https.send(HttpRequest.newBuilder(URI.create("https://localhost:" + p.webhookPort() + "/validate/externalsecret?timeout=10s"))
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(https.send(HttpRequest.newBuilder(URI.create("https://localhost:" + p.webhookPort() + "/readyz")).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

    int port = p.webhookPort();
    p.shutdown();
    assertThatThrownBy(() -> https.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/healthz")).build(),
        HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
  }

  @Test
  void a_webhook_informer_that_the_client_stops_on_a_watch_error_fails_healthz_so_that_the_pod_is_restarted(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    Crds.install(client);
    writeServingCertificate(dir);
    ServeProcess p = start(config("webhook-stopped-lease", "w-3", "--controller", "false", "--validating-webhook", "true", "--webhook-port", "0",
        "--tls-cert-file", dir.resolve(TLS_CRT).toString(), "--tls-key-file", dir.resolve(TLS_KEY).toString()));
    Eventually.await(WAIT, "ready", () -> status(p, "/readyz") == 200);
    var stores = client.genericKubernetesResources(ApiGroup.V1, "ClusterSecretStore");
    try {
      // an object the model cannot read: fabric8 logs "watch failed for .../clustersecretstores, will stop"
      stores.resource(new GenericKubernetesResourceBuilder().withApiVersion(ApiGroup.V1).withKind("ClusterSecretStore")
          .withNewMetadata().withName("odd").endMetadata().addToAdditionalProperties("spec", List.of(1, 2)).build()).create();

      Eventually.await(WAIT, "healthz fails", () -> status(p, "/healthz") == 503);
      assertThat(get(p, "/healthz").body()).contains("[-]webhook-informers failed");
    } finally {
      stores.withName("odd").delete();
    }
  }

  @Test
  void with_the_mutating_webhook_on_pods_are_injected_over_https_and_the_validating_route_is_absent(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    io.secretgate.tls.CertificateAuthority ca = writeServingCertificate(dir);
    ServeProcess p = start(config("mutating-lease", "m-0", "--controller", "false", "--mutating-webhook", "true", "--webhook-port", "0",
        "--tls-cert-file", dir.resolve(TLS_CRT).toString(), "--tls-key-file", dir.resolve(TLS_KEY).toString()));
    HttpClient https = HttpClient.newBuilder().sslContext(io.secretgate.tls.SslContexts.clientTrusting(List.of(ca.certificate()))).build();
    Eventually.await(WAIT, "ready", () -> status(p, "/readyz") == 200);

    byte[] pod = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("src/test/resources/io/secretgate/inject/requests/init-containers.json"));
    HttpResponse<String> r = https.send(HttpRequest.newBuilder(URI.create("https://localhost:" + p.webhookPort() + "/mutate/pod?timeout=3s"))
        .POST(HttpRequest.BodyPublishers.ofByteArray(pod)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"allowed\":true", "\"patchType\":\"JSONPatch\"", "unless it exists: no ExternalSecret targets it");
    HttpResponse<String> validate = https.send(HttpRequest.newBuilder(URI.create("https://localhost:" + p.webhookPort() + "/validate/externalsecret"))
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(validate.statusCode()).isEqualTo(404);
    assertThat(get(p, "/metrics").body())
        .contains("secretgate_webhook_requests_total{outcome=\"allowed\",path=\"/mutate/pod\"} 1.0");
  }

  /**
   * Beside ESO (controller off) nothing else holds readiness back: while the self-managed certificate is
   * still being read (an API server slow to answer), the ops server already answers and the HTTPS port
   * does not listen yet; a Pod found ready then is sent admission calls it refuses (failurePolicy Fail).
   */
  @Test
  void with_only_a_webhook_on_readyz_fails_until_the_webhook_server_listens() throws Exception {
    server.expect().get().delay(3, java.util.concurrent.TimeUnit.SECONDS).withPath("/api/v1/namespaces/certs/secrets/slow-tls")
        .andReturn(404, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}")
        .once();
    int opsPort;
    try (ServerSocket free = new ServerSocket(0)) {
      opsPort = free.getLocalPort();
    }
    ServeConfig config = config("slow-tls-lease", "w-7", "--controller", "false", "--validating-webhook", "true", "--webhook-port", "0",
        "--cert-mode", "self-managed", "--service-namespace", "certs", "--cert-secret", "slow-tls", "--metrics-port", String.valueOf(opsPort));
    CompletableFuture<ServeProcess> starting = CompletableFuture.supplyAsync(() -> start(config));
    URI readyz = URI.create("http://127.0.0.1:" + opsPort + "/readyz");
    java.util.concurrent.atomic.AtomicReference<HttpResponse<String>> first = new java.util.concurrent.atomic.AtomicReference<>();
    Eventually.await(WAIT, "the ops server answers", () -> {
      try {
        first.set(http.send(HttpRequest.newBuilder(readyz).build(), HttpResponse.BodyHandlers.ofString()));
        return true;
      } catch (IOException | InterruptedException e) {
        return false;
      }
    });
    assertThat(starting).as("still reading the certificate Secret").isNotDone();

    assertThat(first.get().statusCode()).isEqualTo(503);
    assertThat(first.get().body()).contains("[-]webhook-server failed");
    ServeProcess p = starting.get();
    Eventually.await(WAIT, "ready once the webhook listens", () -> status(p, "/readyz") == 200);
  }

  @Test
  void with_self_managed_certificates_it_creates_the_secret_and_serves_a_certificate_its_ca_signed() throws Exception {
    ServeProcess p = start(config("self-managed-lease", "w-1", "--controller", "false", "--validating-webhook", "true", "--webhook-port", "0",
        "--cert-mode", "self-managed", "--service-namespace", "certs", "--cert-secret", "webhook-tls"));

    Eventually.await(WAIT, "ready", () -> status(p, "/readyz") == 200);
    io.fabric8.kubernetes.api.model.Secret stored = client.secrets().inNamespace("certs").withName("webhook-tls").get();
    java.security.cert.X509Certificate ca = io.secretgate.tls.Pem.readCertificates(
        new String(java.util.Base64.getDecoder().decode(stored.getData().get("ca.crt")), java.nio.charset.StandardCharsets.US_ASCII), "ca.crt").get(0);
    javax.net.ssl.SSLContext trusting = io.secretgate.tls.SslContexts.clientTrusting(List.of(ca));
    try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) trusting.getSocketFactory().createSocket("127.0.0.1", p.webhookPort())) {
      socket.startHandshake();
      java.security.cert.X509Certificate served = (java.security.cert.X509Certificate) socket.getSession().getPeerCertificates()[0];
      assertThat(io.secretgate.tls.Validity.dnsNames(served)).containsExactly("secretgate", "secretgate.certs", "secretgate.certs.svc");
    }
  }

  private static final String TLS_CRT = "tls.crt";
  private static final String TLS_KEY = "tls.key";

  /** Writes a serving certificate for localhost and its key into {@code dir}; returns the CA that signed it. */
  private static io.secretgate.tls.CertificateAuthority writeServingCertificate(java.nio.file.Path dir) throws IOException {
    io.secretgate.tls.CertificateAuthority ca = io.secretgate.tls.CertificateAuthority.generate("test CA", java.time.Instant.now().minusSeconds(60),
        Duration.ofDays(1));
    io.secretgate.tls.KeyMaterial leaf = io.secretgate.tls.ServingCertificate.issue(ca, List.of("localhost"), java.time.Instant.now().minusSeconds(60),
        Duration.ofHours(12));
    java.nio.file.Files.writeString(dir.resolve(TLS_CRT), io.secretgate.tls.Pem.writeCertificates(leaf.chain()));
    java.nio.file.Files.writeString(dir.resolve(TLS_KEY), io.secretgate.tls.Pem.writePrivateKey(leaf.privateKey()));
    return ca;
  }
}
