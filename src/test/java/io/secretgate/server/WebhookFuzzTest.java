package io.secretgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.secretgate.admission.AdmissionSettings;
import io.secretgate.tls.ReloadableKeyManager;
import io.secretgate.tls.SslContexts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Thousands of random and mutated bodies against the live HTTPS endpoint (fixed seed, so a
 * failure replays): never a 500, never a hang (every request has a deadline), and never
 * {@code allowed:true} for a request whose ExternalSecret the plain check denies.
 */
class WebhookFuzzTest {
  static final long SEED = 0x5EC12E7L;
  static final int RUNS = 2500;
  static final String[] NOISE = {"{", "}", "[", "]", "\"", ":", ",", "null", "true", "1e999", "-0", "\\u0000", "\uD800", "{}", "[]", "\"x\""};
  static final HttpClient client = TestTls.client();
  static WebhookServer server;
  static URI uri;
  static URI podUri;
  static final List<byte[]> SEEDS = new ArrayList<>();
  static final List<byte[]> POD_SEEDS = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    server = WebhookServer.start(new WebhookServer.Settings(0, "127.0.0.1", SslContexts.server(new ReloadableKeyManager(TestTls.leaf())),
        Map.of("/validate/externalsecret", WebhookFixtures.admission(AdmissionSettings.DEFAULTS)::answer,
            "/mutate/pod", WebhookFixtures.mutating()::answer), new HealthChecks(), 8));
    uri = URI.create("https://localhost:" + server.port() + "/validate/externalsecret?timeout=10s");
    podUri = URI.create("https://localhost:" + server.port() + "/mutate/pod?timeout=3s");
    try (Stream<Path> files = Files.list(WebhookFixtures.DIR.resolve("requests"))) {
      for (Path f : files.sorted().toList()) SEEDS.add(Files.readAllBytes(f));
    }
    try (Stream<Path> files = Files.list(WebhookFixtures.INJECT.resolve("requests"))) {
      for (Path f : files.sorted().toList()) POD_SEEDS.add(Files.readAllBytes(f));
    }
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  static HttpResponse<String> post(byte[] body) throws Exception {
    return post(uri, body);
  }

  static HttpResponse<String> post(URI to, byte[] body) throws Exception {
    return client.send(HttpRequest.newBuilder(to).timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void random_and_mutated_bodies_never_get_a_500_and_always_get_an_answer_in_time() throws Exception {
    Random random = new Random(SEED);
    for (int i = 0; i < RUNS; i++) {
      byte[] body = mutate(SEEDS.get(random.nextInt(SEEDS.size())), random);
      HttpResponse<String> r = post(body);
      String replay = "run " + i + ": " + new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
      assertThat(r.statusCode()).as(replay).isIn(200, 400);
      assertThat(r.body()).as(replay).doesNotContain("\tat ").doesNotContain("Exception:");
      if (r.statusCode() == 200) assertThat(WebhookFixtures.tree(r.body()).at("/response/allowed").isBoolean()).as(replay).isTrue();
    }
  }

  @Test
  void random_and_mutated_pod_bodies_never_get_a_500_and_a_patch_only_comes_with_allowed() throws Exception {
    Random random = new Random(SEED + 2);
    for (int i = 0; i < RUNS / 2; i++) {
      byte[] body = mutate(POD_SEEDS.get(random.nextInt(POD_SEEDS.size())), random);
      HttpResponse<String> r = post(podUri, body);
      String replay = "run " + i + ": " + new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
      assertThat(r.statusCode()).as(replay).isIn(200, 400);
      assertThat(r.body()).as(replay).doesNotContain("\tat ").doesNotContain("Exception:");
      if (r.statusCode() != 200) continue;
      JsonNode response = WebhookFixtures.tree(r.body()).get("response");
      assertThat(response.get("allowed").isBoolean()).as(replay).isTrue();
      assertThat(response.has("patch")).as(replay).isEqualTo(response.has("patchType"));
      if (response.has("patch")) assertThat(response.get("allowed").asBoolean()).as(replay).isTrue();
    }
  }

  @Test
  void a_pod_asking_for_an_invalid_secret_name_is_never_allowed_whatever_else_changes() throws Exception {
    Random random = new Random(SEED + 3);
    JsonNode refused = WebhookFixtures.tree(new String(WebhookFixtures.podRequest("invalid-secret-name.json"), StandardCharsets.UTF_8));
    for (int i = 0; i < RUNS / 5; i++) {
      ObjectNode review = (ObjectNode) refused.deepCopy();
      ObjectNode request = (ObjectNode) review.get("request");
      ObjectNode pod = (ObjectNode) request.get("object");
      if (random.nextBoolean()) request.put("uid", "u-" + random.nextLong());
      if (random.nextBoolean()) request.put("dryRun", random.nextBoolean());
      if (random.nextBoolean()) ((ObjectNode) pod.at("/metadata/annotations")).put("secretgate.io/inject-status", "injected");
      ArrayNode containers = (ArrayNode) pod.at("/spec/containers");
      for (int n = random.nextInt(3); n > 0; n--) containers.addObject().put("name", "c" + random.nextInt(1000)).put("image", "x");
      HttpResponse<String> r = post(podUri, review.toString().getBytes(StandardCharsets.UTF_8));
      assertThat(r.statusCode()).as(review.toString()).isEqualTo(200);
      assertThat(WebhookFixtures.tree(r.body()).at("/response/allowed").asBoolean()).as(review.toString()).isFalse();
    }
  }

  @Test
  void an_external_secret_reading_a_denied_path_is_never_allowed_whatever_else_changes() throws Exception {
    Random random = new Random(SEED + 1);
    JsonNode denied = WebhookFixtures.tree(new String(WebhookFixtures.request("create-v1-denied-path.json"), StandardCharsets.UTF_8));
    for (int i = 0; i < RUNS / 2; i++) {
      ObjectNode review = (ObjectNode) denied.deepCopy();
      decorate(review, random);
      HttpResponse<String> r = post(review.toString().getBytes(StandardCharsets.UTF_8));
      assertThat(r.statusCode()).as(review.toString()).isEqualTo(200);
      assertThat(WebhookFixtures.tree(r.body()).at("/response/allowed").asBoolean()).as(review.toString()).isFalse();
    }
  }

  /** Changes that leave the denied read in place: names, uid, dryRun, labels, extra fields, more data entries. */
  static void decorate(ObjectNode review, Random random) {
    ObjectNode request = (ObjectNode) review.get("request");
    ObjectNode object = (ObjectNode) request.get("object");
    ObjectNode metadata = (ObjectNode) object.get("metadata");
    if (random.nextBoolean()) request.put("uid", "u-" + random.nextLong());
    if (random.nextBoolean()) request.put("dryRun", random.nextBoolean());
    if (random.nextBoolean()) metadata.putObject("labels").put("k" + random.nextInt(9), "v" + random.nextInt(99));
    if (random.nextBoolean()) object.put("x-extra-" + random.nextInt(9), random.nextInt());
    if (random.nextBoolean()) ((ObjectNode) object.get("spec")).put("refreshInterval", random.nextInt(100) + "m");
    ArrayNode data = (ArrayNode) object.get("spec").get("data");
    for (int n = random.nextInt(4); n > 0; n--) {
      ObjectNode entry = data.addObject();
      entry.put("secretKey", "k" + random.nextInt(1000));
      entry.putObject("remoteRef").put("key", random.nextBoolean() ? "apps/orders/stripe" : "infra/other-" + random.nextInt(9));
    }
    if (random.nextBoolean() && data.size() > 1) {
      JsonNode first = data.remove(0);
      data.add(first);
    }
  }

  static byte[] mutate(byte[] seed, Random random) {
    String text = new String(seed, StandardCharsets.UTF_8);
    int kind = random.nextInt(6);
    switch (kind) {
      case 0 -> {
        byte[] b = seed.clone();
        for (int n = 1 + random.nextInt(8); n > 0 && b.length > 0; n--) b[random.nextInt(b.length)] = (byte) random.nextInt(256);
        return b;
      }
      case 1 -> {
        return text.substring(0, random.nextInt(text.length() + 1)).getBytes(StandardCharsets.UTF_8);
      }
      case 2 -> {
        int at = random.nextInt(text.length() + 1);
        return (text.substring(0, at) + NOISE[random.nextInt(NOISE.length)] + text.substring(at)).getBytes(StandardCharsets.UTF_8);
      }
      case 3 -> {
        byte[] b = new byte[random.nextInt(200)];
        random.nextBytes(b);
        return b;
      }
      case 4 -> {
        return "[".repeat(random.nextInt(5000)).getBytes(StandardCharsets.UTF_8);
      }
      default -> {
        String value = NOISE[random.nextInt(NOISE.length)];
        return text.replaceFirst("\"(CREATE|UPDATE|DELETE|orders|payments|external-secrets.io/v1|vault-backend)\"", value)
            .getBytes(StandardCharsets.UTF_8);
      }
    }
  }
}
