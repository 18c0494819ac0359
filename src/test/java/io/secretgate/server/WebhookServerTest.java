package io.secretgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.zjsonpatch.JsonPatch;
import io.secretgate.admission.AdmissionAnswer;
import io.secretgate.admission.AdmissionSettings;
import io.secretgate.tls.ReloadableKeyManager;
import io.secretgate.tls.SslContexts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** The validating webhook over real HTTPS on a free port, called by a client that trusts only our CA. */
class WebhookServerTest {
  static final String VALIDATE = "/validate/externalsecret";
  static final String MUTATE = "/mutate/pod";
  /** Answers allowed and keeps the timeout it was handed. */
  static final String TIMEOUT_SEEN = "/test/timeout";
  static final AtomicReference<Duration> timeoutSeen = new AtomicReference<>();
  static final AtomicBoolean ready = new AtomicBoolean(true);
  static final HttpClient client = TestTls.client();
  static WebhookServer server;

  @BeforeAll
  static void start() {
    HealthChecks checks = new HealthChecks().readiness("certificate", ready::get);
    server = WebhookServer.start(new WebhookServer.Settings(0, "127.0.0.1",
        SslContexts.server(new ReloadableKeyManager(TestTls.leaf())),
        Map.of(VALIDATE, WebhookFixtures.admission(AdmissionSettings.DEFAULTS)::answer, MUTATE, WebhookFixtures.mutating()::answer,
            TIMEOUT_SEEN, (body, timeout) -> {
              timeoutSeen.set(timeout);
              return new AdmissionAnswer.Review("{}", AdmissionAnswer.Outcome.ALLOWED);
            }), checks, 8));
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  static URI uri(String pathAndQuery) {
    return URI.create("https://localhost:" + server.port() + pathAndQuery);
  }

  static HttpResponse<String> post(String pathAndQuery, byte[] body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @ParameterizedTest(name = "{0} is answered {2} with golden/{1}")
  @CsvSource({
    "create-v1-allowed.json, create-v1-allowed.json, 200",
    "create-v1-denied-path.json, create-v1-denied-path.json, 200",
    "create-v1-denied-path-dry-run.json, create-v1-denied-path-dry-run.json, 200",
    "create-v1beta1-allowed.json, create-v1beta1-allowed.json, 200",
    "create-spec-is-a-string.json, create-spec-is-a-string.json, 200",
    "update-finalizer-removed.json, update-finalizer-removed.json, 200",
    "update-labels-only-store-gone.json, update-labels-only-store-gone.json, 200",
    "update-spec-changed-denied.json, update-spec-changed-denied.json, 200",
    "delete.json, delete.json, 200",
    "missing-request.json, missing-request.json, 400",
    "missing-uid.json, missing-uid.json, 400",
    "not-json.txt, not-json.json, 400",
  })
  void every_answer_kind_comes_over_https_exactly_as_the_admission_decides(String request, String golden, int status) throws Exception {
    HttpResponse<String> r = post(VALIDATE + "?timeout=10s", WebhookFixtures.request(request));

    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    assertThat(WebhookFixtures.tree(r.body())).isEqualTo(WebhookFixtures.golden(golden));
    assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
  }

  @Test
  void the_pod_route_answers_over_https_with_a_base64_json_patch_that_gives_the_expected_pod() throws Exception {
    HttpResponse<String> r = post(MUTATE + "?timeout=3s", WebhookFixtures.podRequest("existing-envfrom.json"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    JsonNode response = WebhookFixtures.tree(r.body()).get("response");
    assertThat(response.get("uid").asString()).isEqualTo("0a1b2c3d-0006-4000-8000-000000000006");
    assertThat(response.get("allowed").asBoolean()).isTrue();
    assertThat(response.get("patchType").asString()).isEqualTo("JSONPatch");
    JsonNode patch = WebhookFixtures.tree(new String(Base64.getDecoder().decode(response.get("patch").asString()), StandardCharsets.UTF_8));
    JsonNode object = WebhookFixtures.tree(new String(WebhookFixtures.podRequest("existing-envfrom.json"), StandardCharsets.UTF_8)).at("/request/object");
    assertThat(JsonPatch.apply(patch, object))
        .isEqualTo(WebhookFixtures.tree(WebhookFixtures.text(WebhookFixtures.INJECT.resolve("expected/existing-envfrom.pod.json"))));
  }

  @Test
  void the_pod_route_refuses_with_403_and_answers_400_to_unanswerable_bodies() throws Exception {
    HttpResponse<String> refused = post(MUTATE, WebhookFixtures.podRequest("invalid-secret-name.json"));
    assertThat(refused.statusCode()).isEqualTo(200);
    assertThat(WebhookFixtures.tree(refused.body()).at("/response/status/code").asInt()).isEqualTo(403);
    assertThat(post(MUTATE, "not json".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(400);
  }

  @Test
  void an_external_secret_sent_to_the_pod_route_is_a_bad_request_not_a_patch() throws Exception {
    HttpResponse<String> r = post(MUTATE, WebhookFixtures.request("create-v1-allowed.json"));
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode response = WebhookFixtures.tree(r.body()).get("response");
    assertThat(response.get("allowed").asBoolean()).isFalse();
    assertThat(response.at("/status/code").asInt()).isEqualTo(400);
    assertThat(response.has("patch")).isFalse();
  }

  @Test
  void a_denial_is_http_200_with_allowed_false_and_a_403_status() throws Exception {
    HttpResponse<String> r = post(VALIDATE, WebhookFixtures.request("create-v1-denied-path.json"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(WebhookFixtures.tree(r.body()).at("/response/allowed").asBoolean()).isFalse();
    assertThat(WebhookFixtures.tree(r.body()).at("/response/status/code").asInt()).isEqualTo(403);
  }

  @Test
  void the_timeout_query_does_not_change_the_route_or_the_answer() throws Exception {
    byte[] body = WebhookFixtures.request("create-v1-allowed.json");
    assertThat(post(VALIDATE + "?timeout=10s", body).body()).isEqualTo(post(VALIDATE, body).body());
    assertThat(post(VALIDATE + "?timeout=1s&x=y", body).statusCode()).isEqualTo(200);
  }

  @Test
  void the_timeout_kube_apiserver_sends_is_handed_to_the_endpoint_and_without_one_it_gets_the_default() throws Exception {
    byte[] body = WebhookFixtures.request("create-v1-allowed.json");
    post(TIMEOUT_SEEN + "?timeout=4s", body);
    assertThat(timeoutSeen.get()).isEqualTo(Duration.ofSeconds(4));
    post(TIMEOUT_SEEN, body);
    assertThat(timeoutSeen.get()).isEqualTo(RequestTimeout.DEFAULT);
  }

  @Test
  void an_oversized_body_is_413_not_500() throws Exception {
    // Headers only, declaring a body over the limit: the server must refuse from the declared length,
    // without waiting for (or reading) the body. A raw TLS socket makes this deterministic.
    javax.net.ssl.SSLContext tls = io.secretgate.tls.SslContexts.clientTrusting(java.util.List.of(TestTls.CA.certificate()));
    try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", server.port())) {
      javax.net.ssl.SSLParameters params = socket.getSSLParameters();
      params.setServerNames(java.util.List.of(new javax.net.ssl.SNIHostName("localhost")));
      socket.setSSLParameters(params);
      socket.setSoTimeout(10_000);
      String head = "POST " + VALIDATE + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + (WebhookServer.MAX_BODY_BYTES + 1) + "\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      String answer = new String(socket.getInputStream().readNBytes(200), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 413");
      assertThat(answer).doesNotContain(" 500 ");
    }
  }

  @Test
  void a_body_just_under_the_limit_is_answered_400_as_not_an_admission_review() throws Exception {
    byte[] big = new byte[WebhookServer.MAX_BODY_BYTES];
    java.util.Arrays.fill(big, (byte) ' ');
    assertThat(post(VALIDATE, big).statusCode()).isEqualTo(400);
  }

  @Test
  void another_method_on_an_admission_path_is_405_allowing_post_not_a_404_saying_the_path_does_not_exist() throws Exception {
    // What an operator probing the endpoint by hand (curl https://.../validate/externalsecret) gets.
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri(VALIDATE)).GET().build(), HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.headers().firstValue("Allow")).hasValue("POST");
    assertThat(r.body()).doesNotContain("not found");
  }

  @Test
  void healthz_and_readyz_are_served_on_the_https_port_too() throws Exception {
    HttpRequest readyz = HttpRequest.newBuilder(uri("/readyz")).build();
    assertThat(client.send(readyz, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    ready.set(false);
    try {
      HttpResponse<String> r = client.send(readyz, HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.body()).contains("[-]certificate failed");
    } finally {
      ready.set(true);
    }
    assertThat(client.send(HttpRequest.newBuilder(uri("/healthz")).build(), HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("ok");
  }

  @Test
  void a_client_that_trusts_only_the_system_roots_refuses_the_certificate() {
    HttpClient system = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    assertThatThrownBy(() -> system.send(HttpRequest.newBuilder(uri("/healthz")).build(), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void plain_http_on_the_https_port_gets_no_admission_answer() {
    HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    URI http = URI.create("http://localhost:" + server.port() + VALIDATE);
    assertThatThrownBy(() -> {
      HttpResponse<String> r = plain.send(HttpRequest.newBuilder(http).timeout(Duration.ofSeconds(5))
          .POST(HttpRequest.BodyPublishers.ofByteArray(WebhookFixtures.request("create-v1-allowed.json"))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(400);
      throw new java.io.IOException("answered " + r.statusCode());
    }).isInstanceOf(java.io.IOException.class);
  }

  @Test
  void a_request_in_flight_when_the_server_stops_gets_its_answer_before_the_port_closes() throws Exception {
    CountDownLatch answering = new CountDownLatch(1);
    WebhookServer slow = WebhookServer.start(new WebhookServer.Settings(0, "127.0.0.1",
        SslContexts.server(new ReloadableKeyManager(TestTls.leaf())), Map.of(VALIDATE, (body, timeout) -> {
          answering.countDown();
          sleep(Duration.ofMillis(500)); // e.g. Vault answering slowly
          return new AdmissionAnswer.Review("{\"answered\":true}", AdmissionAnswer.Outcome.ALLOWED);
        }), new HealthChecks(), 8));
    CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(HttpRequest.newBuilder(
        URI.create("https://localhost:" + slow.port() + VALIDATE)).timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answering.await(10, TimeUnit.SECONDS)).isTrue();

    slow.stop(); // SIGTERM: serve stops the webhook server

    HttpResponse<String> answer = inFlight.get(10, TimeUnit.SECONDS);
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo("{\"answered\":true}");
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
