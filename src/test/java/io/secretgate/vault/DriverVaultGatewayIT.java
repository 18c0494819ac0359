package io.secretgate.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.secretgate.testing.FakeVault;
import io.secretgate.testing.FakeVault.Reply;
import io.secretgate.vault.VaultFailure.Kind;
import io.secretgate.vault.policy.Policy;
import io.secretgate.vault.policy.PolicyFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link DriverVaultGateway} against {@link FakeVault}: every call, every failure kind, tokens, namespaces. */
class DriverVaultGatewayIT {
  static final Path FIXTURES = Path.of("src/test/resources/io/secretgate/vault/gateway");
  static final String TOKEN = "s.app-token-4f9c2d";
  static final String ROTATED = "s.rotated-token-77ab";
  static final String DB = fixture("db.json");
  static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
  static final Duration TIMEOUT = Duration.ofSeconds(5);
  /** A Vault this slow is given up on; closing it at the end of the test interrupts the wait. */
  static final Duration NEVER_IN_TIME = Duration.ofSeconds(30);
  /**
   * Under this, a sub-second timeout was kept and the slow answer not waited for: a third of the
   * delay, so a busy machine's pauses cannot reach it and a wait for the answer cannot pass.
   */
  static final Duration NOT_WAITED_FOR = NEVER_IN_TIME.dividedBy(3);

  FakeVault vault;
  AtomicReference<String> token = new AtomicReference<>(TOKEN);
  DriverVaultGateway gateway;

  static String fixture(String name) {
    try {
      return Files.readString(FIXTURES.resolve(name), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Policy appPolicy() {
    try {
      return PolicyFiles.load(FIXTURES.resolve("app.hcl"));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @BeforeEach
  void start() throws IOException {
    vault = new FakeVault().mountV2("secret").mountV1("kv");
    vault.clock(Clock.fixed(NOW, ZoneOffset.UTC));
    vault.token(TOKEN, new FakeVault.TokenInfo(List.of(appPolicy()), 3600));
    vault.token(ROTATED, new FakeVault.TokenInfo(List.of(appPolicy()), 60));
    vault.put("secret", "apps/db", DB).put("kv", "app", "{\"user\":\"svc\",\"port\":5432}");
    gateway = gateway(null, TIMEOUT);
  }

  @AfterEach
  void stop() {
    vault.close();
  }

  DriverVaultGateway gateway(String namespace, Duration timeout) {
    return gateway(vault.address(), namespace, timeout);
  }

  DriverVaultGateway gateway(URI server, String namespace, Duration timeout) {
    return new DriverVaultGateway(new VaultConnection(server, namespace, Optional.empty(), token::get, timeout));
  }

  /** The failure of {@code call}, checked to be clean: no token, no secret, no body text, no cause. */
  static VaultFailure failure(ThrowingCallable call) {
    VaultFailure f = catchThrowableOfType(VaultFailure.class, call);
    assertThat(f).as("a VaultFailure").isNotNull();
    StringWriter trace = new StringWriter();
    f.printStackTrace(new PrintWriter(trace));
    for (String text : List.of(f.getMessage(), f.toString(), trace.toString())) {
      assertThat(text).doesNotContain(TOKEN).doesNotContain(ROTATED).doesNotContain("canary").doesNotContain("injected")
          .doesNotContain("errors");
    }
    assertThat(f.getCause()).isNull();
    return f;
  }

  // --- reads -------------------------------------------------------------------------------

  @Test
  void a_kv_v2_read_returns_data_and_metadata_with_number_literals_as_sent() throws VaultFailure {
    String data = gateway.read("secret/data/apps/db", null).orElseThrow();
    assertThat(data).isEqualTo("{\"data\":" + DB + ",\"metadata\":{\"created_time\":\"2026-11-28T10:00:00Z\",\"custom_metadata\":null,"
        + "\"deletion_time\":\"\",\"destroyed\":false,\"version\":1}}");
    assertThat(data).contains("\"ratio\":1.50", "\"huge\":12345678901234567890", "caf\\u00e9");
  }

  @Test
  void a_vault_behind_an_egress_proxy_is_reached_through_http_proxy_as_esos_go_client_reaches_it() throws VaultFailure {
    // vault.example does not resolve: only the proxy (here FakeVault itself, which answers the
    // absolute-form request a proxy gets) can answer, so an answer proves the call went through it.
    Map<String, String> env = Map.of("HTTP_PROXY", "http://127.0.0.1:" + vault.address().getPort(), "NO_PROXY", "localhost,.svc");
    DriverVaultGateway proxied = new DriverVaultGateway(
        new VaultConnection(URI.create("http://vault.example:8200"), null, Optional.empty(), token::get, TIMEOUT), Clock.systemUTC(), env);

    assertThat(proxied.read("secret/data/apps/db", null)).hasValueSatisfying(data -> assertThat(data).contains("hunter2-canary"));
  }

  @Test
  void a_proxy_that_refuses_the_connection_is_named_in_the_failure() throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    DriverVaultGateway proxied = new DriverVaultGateway(
        new VaultConnection(URI.create("http://vault.example:8200"), null, Optional.empty(), token::get, TIMEOUT), Clock.systemUTC(),
        Map.of("http_proxy", "127.0.0.1:" + closed));

    assertThat(failure(() -> proxied.read("secret/data/apps/db", null)).getMessage())
        .endsWith("cannot reach Vault at http://vault.example:8200 through the proxy 127.0.0.1:" + closed + " (http_proxy) (connection refused)");
  }

  @Test
  void a_proxy_that_cannot_be_used_is_a_connection_error_naming_the_variable_not_its_value() {
    Map<String, String> env = Map.of("HTTPS_PROXY", "http://svc:hunter2@proxy.corp:3128");

    assertThatThrownBy(() -> new DriverVaultGateway(
        new VaultConnection(URI.create("https://vault.example:8200"), null, Optional.empty(), token::get, TIMEOUT), Clock.systemUTC(), env))
        .isInstanceOf(InvalidConnectionException.class).hasMessage("HTTPS_PROXY: a proxy with credentials in the URL is not supported for Vault");
  }

  @Test
  void the_exact_api_path_is_requested_without_the_driver_inserting_data_or_metadata() throws VaultFailure {
    gateway.read("secret/data/apps/db", null);
    gateway.read("kv/app", "");
    gateway.list("secret/metadata/apps/");
    assertThat(vault.requests()).extracting(FakeVault.Request::line).containsExactly(
        "GET /v1/secret/data/apps/db", "GET /v1/kv/app", "GET /v1/secret/metadata/apps/?list=true");
    assertThat(vault.requests()).allSatisfy(r -> assertThat(r.vaultRequest()).isEqualTo("true"));
  }

  @Test
  void a_path_with_a_space_reaches_vault_percent_encoded() throws VaultFailure {
    vault.put("secret", "apps/with space", "{\"k\":\"v\"}");
    assertThat(gateway.read("secret/data/apps/with space", null)).isPresent();
    assertThat(vault.lastRequest().line()).isEqualTo("GET /v1/secret/data/apps/with%20space");
  }

  @Test
  void a_version_is_sent_as_a_query_parameter() throws VaultFailure {
    vault.put("secret", "apps/db", fixture("db-rotated.json"));
    assertThat(gateway.read("secret/data/apps/db", "1").orElseThrow()).startsWith("{\"data\":" + DB + ",").contains("\"version\":1}");
    assertThat(vault.lastRequest().line()).isEqualTo("GET /v1/secret/data/apps/db?version=1");
    assertThat(gateway.read("secret/data/apps/db", null).orElseThrow()).contains("rotated-canary").contains("\"version\":2}");
  }

  @Test
  void a_soft_deleted_version_comes_back_as_null_data_with_its_metadata() throws VaultFailure {
    vault.put("secret", "apps/db", fixture("db-rotated.json")).softDelete("secret", "apps/db", 2);
    assertThat(gateway.read("secret/data/apps/db", "2")).contains("{\"data\":null,\"metadata\":{\"created_time\":\"2026-11-28T10:00:00Z\","
        + "\"custom_metadata\":null,\"deletion_time\":\"2026-11-28T10:00:00Z\",\"destroyed\":false,\"version\":2}}");
    assertThat(gateway.read("secret/data/apps/db", null).orElseThrow()).startsWith("{\"data\":null,");
    assertThat(gateway.read("secret/data/apps/db", "1").orElseThrow()).startsWith("{\"data\":" + DB);
  }

  @Test
  void a_destroyed_version_comes_back_as_null_data_marked_destroyed() throws VaultFailure {
    vault.destroy("secret", "apps/db", 1);
    assertThat(gateway.read("secret/data/apps/db", null).orElseThrow()).startsWith("{\"data\":null,").contains("\"destroyed\":true");
  }

  @Test
  void a_missing_secret_or_version_is_empty() throws VaultFailure {
    assertThat(gateway.read("secret/data/apps/none", null)).isEmpty();
    assertThat(gateway.read("secret/data/apps/db", "7")).isEmpty();
    assertThat(gateway.read("kv/none", null)).isEmpty();
  }

  @Test
  void a_path_that_is_no_kv_v2_api_path_on_a_kv_v2_mount_comes_back_as_null_data_for_its_warning() throws VaultFailure {
    vault.token(TOKEN, new FakeVault.TokenInfo(List.of(Policy.root()), 0));
    assertThat(gateway.read("secret/team-a/data/db", null)).contains("null");
  }

  @Test
  void a_kv_v1_read_returns_the_flat_key_value_object() throws VaultFailure {
    assertThat(gateway.read("kv/app", null)).contains("{\"user\":\"svc\",\"port\":5432}");
  }

  @Test
  void a_metadata_read_returns_the_metadata_object() throws VaultFailure {
    vault.put("secret", "apps/db", fixture("db-rotated.json")).customMetadata("secret", "apps/db", "{\"owner\":\"team-a\"}");
    assertThat(gateway.read("secret/metadata/apps/db", null).orElseThrow())
        .contains("\"current_version\":2", "\"custom_metadata\":{\"owner\":\"team-a\"}", "\"versions\":{\"1\":");
    assertThat(vault.lastRequest().line()).isEqualTo("GET /v1/secret/metadata/apps/db");
  }

  @Test
  void a_version_that_is_not_a_whole_number_is_refused_without_asking_vault() {
    assertThat(failure(() -> gateway.read("secret/data/apps/db", "latest")).kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(vault.requests()).isEmpty();
  }

  // --- list, capabilities, lookup-self, health ---------------------------------------------

  @Test
  void a_list_gives_keys_with_folders_ending_in_a_slash() throws VaultFailure {
    vault.put("secret", "apps/team/api", "{}").put("secret", "apps/stripe", "{}").put("secret", "apps/team/web", "{}");
    assertThat(gateway.list("secret/metadata/apps/")).contains(List.of("db", "stripe", "team/"));
    assertThat(gateway.list("secret/metadata/apps/team")).contains(List.of("api", "web"));
    assertThat(vault.lastRequest().line()).isEqualTo("GET /v1/secret/metadata/apps/team/?list=true");
  }

  @Test
  void a_list_of_an_empty_folder_is_empty() throws VaultFailure {
    assertThat(gateway.list("secret/metadata/apps/nothing/")).isEmpty();
    assertThat(gateway.list("kv/")).contains(List.of("app"));
  }

  @Test
  void a_list_answered_404_by_a_load_balancers_page_is_a_bad_response_not_an_empty_folder() {
    vault.failNext(1, Reply.of(404, "<html><body><h1>404 Not Found</h1>nginx</body></html>"));
    assertThat(failure(() -> gateway.list("secret/metadata/apps/")).kind()).isEqualTo(Kind.BAD_RESPONSE);
  }

  @Test
  void capabilities_self_asks_once_for_all_paths_with_a_json_array() throws VaultFailure {
    Map<String, List<String>> caps = gateway.capabilitiesSelf(List.of("secret/data/apps/db", "secret/metadata/apps/", "sys/mounts"));
    assertThat(caps).containsExactly(Map.entry("secret/data/apps/db", List.of("read")),
        Map.entry("secret/metadata/apps/", List.of("list", "read")), Map.entry("sys/mounts", List.of("deny")));
    assertThat(vault.requests()).singleElement().satisfies(r -> {
      assertThat(r.line()).isEqualTo("POST /v1/sys/capabilities-self");
      assertThat(r.body()).isEqualTo("{\"paths\":[\"secret/data/apps/db\",\"secret/metadata/apps/\",\"sys/mounts\"]}");
    });
  }

  @Test
  void capabilities_self_of_one_path_and_of_none() throws VaultFailure {
    assertThat(gateway.capabilitiesSelf(List.of("kv/app"))).containsExactly(Map.entry("kv/app", List.of("list", "read")));
    assertThat(gateway.capabilitiesSelf(List.of())).isEmpty();
    assertThat(vault.requests()).hasSize(1);
  }

  @Test
  void lookup_self_gives_ttl_expiry_policies_renewability_and_type() throws VaultFailure {
    vault.token(TOKEN, new FakeVault.TokenInfo(List.of(appPolicy()), List.of("team-a", "app"), 3600, true, "service"));
    assertThat(gateway.lookupSelf()).isEqualTo(new TokenInfo(3600, Optional.of(NOW.plusSeconds(3600)), List.of("app", "team-a"), true, "service"));
    assertThat(vault.lastRequest().line()).isEqualTo("GET /v1/auth/token/lookup-self");
  }

  @Test
  void lookup_self_of_a_root_token_has_no_expiry() throws VaultFailure {
    vault.token(TOKEN, new FakeVault.TokenInfo(List.of(Policy.root()), 0));
    assertThat(gateway.lookupSelf()).isEqualTo(new TokenInfo(0, Optional.empty(), List.of("root"), false, "service"));
  }

  @Test
  void health_reports_an_active_a_standby_and_a_sealed_vault() throws VaultFailure {
    assertThat(gateway.health()).isEqualTo(new Health(true, false, false));
    vault.standby(true);
    assertThat(gateway.health()).isEqualTo(new Health(true, false, true));
    vault.standby(false);
    vault.sealed(true);
    assertThat(gateway.health()).isEqualTo(new Health(true, true, false));
  }

  @Test
  void health_is_asked_without_the_token_and_without_the_namespace() throws VaultFailure {
    gateway("team-a/", TIMEOUT).health();
    assertThat(vault.lastRequest().line()).isEqualTo("GET /v1/sys/health");
    assertThat(vault.lastRequest().token()).isNull();
    assertThat(vault.lastRequest().namespace()).isNull();
  }

  // --- failures ----------------------------------------------------------------------------

  @Test
  void a_path_outside_the_policy_is_permission_denied() {
    VaultFailure f = failure(() -> gateway.read("secret/data/infra/root-ca", null));
    assertThat(f.kind()).isEqualTo(Kind.PERMISSION_DENIED);
    assertThat(f.retryable()).isFalse();
    assertThat(f.getMessage()).isEqualTo("Vault GET secret/data/infra/root-ca: permission denied (HTTP 403)");
  }

  @Test
  void an_unknown_token_is_permission_denied_on_every_call() {
    token.set("s.unknown");
    assertThat(failure(() -> gateway.lookupSelf()).kind()).isEqualTo(Kind.PERMISSION_DENIED);
    assertThat(failure(() -> gateway.list("kv/")).kind()).isEqualTo(Kind.PERMISSION_DENIED);
    assertThat(failure(() -> gateway.capabilitiesSelf(List.of("kv/app"))).kind()).isEqualTo(Kind.PERMISSION_DENIED);
  }

  @Test
  void a_404_on_a_call_other_than_a_read_is_not_found() {
    vault.failNext(2, Reply.of(404, "{\"errors\":[]}"));
    assertThat(failure(() -> gateway.lookupSelf()).kind()).isEqualTo(Kind.NOT_FOUND);
    VaultFailure f = failure(() -> gateway.capabilitiesSelf(List.of("kv/app")));
    assertThat(f.kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(f.getMessage()).isEqualTo("Vault POST sys/capabilities-self: nothing there (HTTP 404)");
  }

  @Test
  void a_429_is_rate_limited_with_the_wait_from_retry_after() {
    vault.failNext(1, Reply.of(429, "{\"errors\":[\"request path \\\"secret/data/apps/db\\\": rate limit quota exceeded\"]}")
        .header("Retry-After", "3"));
    VaultFailure f = failure(() -> gateway.read("secret/data/apps/db", null));
    assertThat(f.kind()).isEqualTo(Kind.RATE_LIMITED);
    assertThat(f.retryable()).isTrue();
    assertThat(f.retryAfter()).contains(Duration.ofSeconds(3));
    assertThat(f.status()).hasValue(429);
  }

  @Test
  void a_429_without_retry_after_is_rate_limited_with_no_advice() {
    vault.failNext(1, 429);
    VaultFailure f = failure(() -> gateway.lookupSelf());
    assertThat(f.kind()).isEqualTo(Kind.RATE_LIMITED);
    assertThat(f.retryAfter()).isEmpty();
  }

  @Test
  void a_sealed_vault_is_sealed_on_every_call() {
    vault.sealed(true);
    for (ThrowingCallable call : List.<ThrowingCallable>of(() -> gateway.read("secret/data/apps/db", null),
        () -> gateway.list("secret/metadata/apps/"), () -> gateway.capabilitiesSelf(List.of("kv/app")), () -> gateway.lookupSelf())) {
      VaultFailure f = failure(call);
      assertThat(f.kind()).isEqualTo(Kind.SEALED);
      assertThat(f.retryable()).isTrue();
      assertThat(f.getMessage()).endsWith(": Vault is sealed (HTTP 503)");
    }
  }

  @Test
  void a_503_that_is_not_sealed_is_unavailable() {
    vault.failNext(1, Reply.of(503, "{\"errors\":[\"Vault server temporarily overloaded\"]}"));
    assertThat(failure(() -> gateway.read("secret/data/apps/db", null)).kind()).isEqualTo(Kind.UNAVAILABLE);
  }

  @Test
  void a_500_is_unavailable_and_its_body_stays_out_of_the_message() {
    vault.failNext(4, Reply.of(500, "{\"errors\":[\"internal error near hunter2-canary\"]}"));
    for (ThrowingCallable call : List.<ThrowingCallable>of(() -> gateway.read("secret/data/apps/db", null),
        () -> gateway.list("secret/metadata/apps/"), () -> gateway.capabilitiesSelf(List.of("kv/app")), () -> gateway.lookupSelf())) {
      VaultFailure f = failure(call);
      assertThat(f.kind()).isEqualTo(Kind.UNAVAILABLE);
      assertThat(f.getMessage()).endsWith(": Vault is unavailable (HTTP 500)");
    }
  }

  @Test
  void a_failing_call_is_sent_once_the_driver_never_retries() {
    vault.failNext(1, 500);
    failure(() -> gateway.read("secret/data/apps/db", null));
    assertThat(vault.count("GET secret/data/apps/db")).isEqualTo(1);
    vault.failNext(1, 503);
    failure(() -> gateway.lookupSelf());
    assertThat(vault.count("GET auth/token/lookup-self")).isEqualTo(1);
  }

  @Test
  void an_answer_slower_than_the_timeout_is_unavailable() {
    vault.latency(NEVER_IN_TIME);
    long start = System.nanoTime();
    VaultFailure f = failure(() -> gateway(null, Duration.ofMillis(300)).read("secret/data/apps/db", null));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(NOT_WAITED_FOR);
    assertThat(f.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(f.status()).isEmpty();
    assertThat(f.getMessage()).isEqualTo("Vault GET secret/data/apps/db: cannot reach Vault at " + vault.address() + " (no answer within 300ms)");
  }

  @Test
  void a_body_that_stalls_beyond_the_timeout_is_unavailable() {
    vault.bodyDelay(NEVER_IN_TIME);
    long start = System.nanoTime();
    VaultFailure f = failure(() -> gateway(null, Duration.ofMillis(400)).lookupSelf());
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(NOT_WAITED_FOR);
    assertThat(f.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(f.getMessage()).endsWith("(no answer within 400ms)");
  }

  @Test
  void a_closed_vault_refuses_the_connection_and_is_unavailable() {
    vault.close();
    VaultFailure f = failure(() -> gateway.lookupSelf());
    assertThat(f.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(f.getMessage()).isEqualTo("Vault GET auth/token/lookup-self: cannot reach Vault at " + vault.address() + " (connection refused)");
    assertThat(failure(() -> gateway.health()).kind()).isEqualTo(Kind.UNAVAILABLE);
  }

  @Test
  void a_vault_that_never_takes_the_connection_is_named_as_no_connection_not_as_a_slow_answer() throws IOException, VaultFailure {
    gateway.lookupSelf(); // the HTTP client's classes loaded, as in a running controller, so the connection starts without delay
    try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      List<Socket> queued = fillAcceptQueue(full);
      try {
        URI server = URI.create("http://127.0.0.1:" + full.getLocalPort());
        long start = System.nanoTime();
        VaultFailure f = failure(() -> gateway(server, null, Duration.ofSeconds(1)).lookupSelf());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(NOT_WAITED_FOR);
        assertThat(f.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(f.getMessage()).isEqualTo("Vault GET auth/token/lookup-self: cannot reach Vault at " + server + " (no connection within 1s)");
      } finally {
        for (Socket s : queued) s.close();
      }
    }
  }

  /**
   * Connections to {@code server}, which never accepts, until its accept queue is full and a
   * further SYN goes unanswered (as a firewall that drops packets, or an address nothing routes
   * to); skipped where the system refuses instead.
   */
  static List<Socket> fillAcceptQueue(ServerSocket server) throws IOException {
    List<Socket> queued = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      Socket s = new Socket();
      try {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 200);
        queued.add(s);
      } catch (SocketTimeoutException e) {
        s.close();
        return queued;
      } catch (IOException e) {
        s.close();
        break;
      }
    }
    for (Socket s : queued) s.close();
    assumeThat(false).as("this system answers a full accept queue instead of leaving the connection hanging").isTrue();
    return queued;
  }

  @Test
  void garbage_instead_of_json_is_a_bad_response_on_every_call() {
    vault.failNext(5, Reply.of(200, "{\"data\": {\"password\": \"hunter2-canary\" <html>"));
    for (ThrowingCallable call : List.<ThrowingCallable>of(() -> gateway.read("secret/data/apps/db", null),
        () -> gateway.list("secret/metadata/apps/"), () -> gateway.capabilitiesSelf(List.of("kv/app")), () -> gateway.lookupSelf())) {
      VaultFailure f = failure(call);
      assertThat(f.kind()).isEqualTo(Kind.BAD_RESPONSE);
      assertThat(f.retryable()).isFalse();
    }
  }

  // --- tokens and namespaces ---------------------------------------------------------------

  @Test
  void the_token_is_read_again_for_every_call() throws VaultFailure {
    gateway.read("secret/data/apps/db", null);
    token.set(ROTATED);
    gateway.read("secret/data/apps/db", null);
    assertThat(gateway.lookupSelf().ttlSeconds()).isEqualTo(60);
    assertThat(vault.requests()).extracting(FakeVault.Request::token).containsExactly(TOKEN, ROTATED, ROTATED);
  }

  @Test
  void a_token_stored_with_a_trailing_newline_is_sent_without_it() throws VaultFailure {
    token.set(TOKEN + "\n");
    assertThat(gateway.read("secret/data/apps/db", null)).isPresent();
    assertThat(vault.lastRequest().token()).isEqualTo(TOKEN);
  }

  @Test
  void an_empty_token_or_one_with_inner_control_characters_is_refused_before_sending() {
    token.set("\n");
    assertThat(failure(() -> gateway.read("secret/data/apps/db", null)).getMessage())
        .isEqualTo("Vault GET secret/data/apps/db: the Vault token is empty");
    token.set(TOKEN + "\n" + TOKEN);
    VaultFailure f = failure(() -> gateway.lookupSelf());
    assertThat(f.kind()).isEqualTo(Kind.PERMISSION_DENIED);
    assertThat(f.getMessage()).isEqualTo("Vault GET auth/token/lookup-self: the Vault token contains non-printable characters");
    assertThat(vault.requests()).isEmpty();
  }

  @Test
  void the_namespace_header_is_sent_on_every_authenticated_call() throws VaultFailure {
    DriverVaultGateway inNamespace = gateway("team-a/", TIMEOUT);
    inNamespace.read("secret/data/apps/db", null);
    inNamespace.list("secret/metadata/apps/");
    inNamespace.capabilitiesSelf(List.of("kv/app"));
    inNamespace.lookupSelf();
    assertThat(vault.requests()).hasSize(4).allSatisfy(r -> assertThat(r.namespace()).isEqualTo("team-a/"));
  }

  @Test
  void no_namespace_header_is_sent_without_a_namespace() throws VaultFailure {
    gateway.read("secret/data/apps/db", null);
    gateway("  ", TIMEOUT).lookupSelf();
    assertThat(vault.requests()).hasSize(2).allSatisfy(r -> assertThat(r.namespace()).isNull());
  }
}
