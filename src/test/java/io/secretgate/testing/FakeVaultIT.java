package io.secretgate.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.secretgate.vault.policy.Policy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The shapes FakeVault answers that the gateway tests do not reach (vault-facts.md §3). */
class FakeVaultIT {
  static final String ROOT = "s.root";
  static final JsonMapper JSON = JsonMapper.builder().build();

  FakeVault vault;
  HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws IOException {
    vault = new FakeVault().mountV2("secret").mountV2("team/kv").mountV1("kv");
    vault.token(ROOT, new FakeVault.TokenInfo(List.of(Policy.root()), 0));
    vault.put("secret", "a/b", "{\"k\":1}").put("team/kv", "x", "{\"k\":2}");
  }

  @AfterEach
  void stop() {
    vault.close();
  }

  HttpResponse<String> send(String method, String pathAndQuery, String body) throws IOException, InterruptedException {
    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(vault.address() + "/v1/" + pathAndQuery)).header("X-Vault-Token", ROOT)
        .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
    return http.send(req.build(), BodyHandlers.ofString());
  }

  @Test
  void list_works_with_the_list_method_as_with_get_and_list_true() throws Exception {
    HttpResponse<String> byMethod = send("LIST", "secret/metadata/a", null);
    HttpResponse<String> byQuery = send("GET", "secret/metadata/a/?list=true", null);
    assertThat(byMethod.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(byMethod.body()).path("data")).isEqualTo(JSON.readTree(byQuery.body()).path("data"))
        .isEqualTo(JSON.readTree("{\"keys\":[\"b\"]}"));
    assertThat(vault.count("LIST secret/metadata/a")).isEqualTo(1);
    assertThat(vault.count("LIST secret/metadata/a/")).isEqualTo(1);
  }

  @Test
  void a_mount_with_a_slash_in_its_name_is_served() throws Exception {
    assertThat(JSON.readTree(send("GET", "team/kv/data/x", null).body()).at("/data/data/k").asInt()).isEqualTo(2);
  }

  @Test
  void a_v1_style_path_on_a_v2_mount_is_404_with_null_data_and_a_warning() throws Exception {
    HttpResponse<String> r = send("GET", "secret/a/b", null);
    assertThat(r.statusCode()).isEqualTo(404);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("data").isNull()).isTrue();
    assertThat(body.path("warnings").get(0).asString()).startsWith("Invalid path for a versioned K/V secrets engine");
  }

  @Test
  void a_version_that_is_not_a_number_is_400() throws Exception {
    assertThat(send("GET", "secret/data/a/b?version=x", null).statusCode()).isEqualTo(400);
  }

  @Test
  void capabilities_self_takes_a_comma_string_too_and_adds_capabilities_for_one_path() throws Exception {
    JsonNode several = JSON.readTree(send("POST", "sys/capabilities-self", "{\"paths\":\"secret/data/a, kv/x\"}").body());
    assertThat(several.path("data").propertyNames()).containsExactly("secret/data/a", "kv/x");
    assertThat(several.path("secret/data/a")).isEqualTo(JSON.readTree("[\"root\"]"));
    JsonNode one = JSON.readTree(send("PUT", "sys/capabilities-self", "{\"path\":[\"kv/x\"]}").body());
    assertThat(one.path("capabilities")).isEqualTo(JSON.readTree("[\"root\"]"));
    assertThat(send("POST", "sys/capabilities-self", "{\"paths\":[]}").statusCode()).isEqualTo(400);
  }

  @Test
  void an_unknown_token_is_403_before_anything_else_and_health_needs_none() throws Exception {
    HttpRequest noToken = HttpRequest.newBuilder(URI.create(vault.address() + "/v1/secret/data/none")).build();
    assertThat(http.send(noToken, BodyHandlers.ofString()).statusCode()).isEqualTo(403);
    HttpRequest health = HttpRequest.newBuilder(URI.create(vault.address() + "/v1/sys/health")).build();
    assertThat(http.send(health, BodyHandlers.ofString()).statusCode()).isEqualTo(200);
  }
}
