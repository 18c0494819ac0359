package io.secretgate.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.secretgate.admission.AdmissionAnswer;
import io.secretgate.admission.AdmissionSettings;
import io.secretgate.admission.ValidatingAdmission;
import io.secretgate.manifest.ManifestReader;
import io.secretgate.manifest.ManifestSet;
import io.secretgate.testing.MutableClock;
import io.secretgate.validation.ManifestStores;
import io.secretgate.validation.schema.CrdSchemas;
import io.secretgate.vault.DriverVaultGateway;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Vault that accepts connections and never answers, asked through the real oracle and driver with
 * the 2 s timeout {@code serve} uses: an ExternalSecret reading through three such stores is still
 * answered within the 5 s kube-apiserver gives the webhook (webhook-config/), with the documented
 * on-vault-unavailable=warn answer, instead of timing out into failurePolicy Fail; and requests right
 * after do not wait for it again.
 */
class HangingVaultWebhookTest {
  private static final Path DIR = Path.of("src/test/resources/io/secretgate/kube/hanging-vault");
  private static final CrdSchemas SCHEMAS = CrdSchemas.fromClasspath();
  private static final Duration API_SERVER_TIMEOUT = Duration.ofSeconds(5);

  private final List<Socket> held = new CopyOnWriteArrayList<>();
  private ServerSocket vault;

  @BeforeEach
  void aVaultThatNeverAnswers() throws IOException {
    vault = new ServerSocket(0);
    Thread acceptor = new Thread(() -> {
      try {
        while (true) held.add(vault.accept());
      } catch (IOException e) {
        // closed at the end of the test
      }
    }, "hanging-vault");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  @AfterEach
  void close() throws IOException {
    vault.close();
    for (Socket s : held) s.close();
  }

  private ValidatingAdmission admission(Duration vaultTimeout, Clock oracleClock) throws IOException {
    String stores = Files.readString(DIR.resolve("stores.yaml"), StandardCharsets.UTF_8).replace("VAULT_ADDRESS", "http://127.0.0.1:" + vault.getLocalPort());
    ManifestSet set = ManifestReader.parse("stores.yaml", stores);
    assertThat(set.problems()).isEmpty();
    VaultPolicyOracle oracle = new VaultPolicyOracle((store, ref, namespace) -> "token-of-" + store.name(), (store, vault) -> java.util.Optional.empty(),
        (store, vault, namespace) -> java.util.Optional.empty(), DriverVaultGateway::new, oracleClock,
        Duration.ofSeconds(30), vaultTimeout);
    return new ValidatingAdmission(SCHEMAS, ManifestStores.from(set, SCHEMAS, "payments"), oracle, AdmissionSettings.DEFAULTS);
  }

  private static List<String> warnings(AdmissionAnswer answer) {
    JsonNode response = JsonMapper.builder().build().readTree(answer.body()).get("response");
    assertThat(response.get("allowed").asBoolean()).isTrue();
    return response.get("warnings").valueStream().map(JsonNode::asString).toList();
  }

  @Test
  void a_vault_that_gave_no_answer_is_not_asked_again_for_a_few_seconds_so_requests_meanwhile_do_not_wait_for_it() throws IOException {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
    ValidatingAdmission admission = admission(Duration.ofMillis(500), clock);
    byte[] request = Files.readAllBytes(DIR.resolve("three-stores.json"));

    List<String> first = warnings(admission.answer(request, API_SERVER_TIMEOUT));
    await().atMost(Duration.ofSeconds(5)).until(() -> held.size() == 1);
    List<String> meanwhile = warnings(admission.answer(request, API_SERVER_TIMEOUT));
    int asksMeanwhile = held.size() - 1;
    clock.advance(VaultPolicyOracle.UNANSWERED_HOLD);
    warnings(admission.answer(request, API_SERVER_TIMEOUT));

    // the failure of store a is held, word for word, for b and c, and for the request right after
    String reason = "Vault POST sys/capabilities-self: cannot reach Vault at http://127.0.0.1:" + vault.getLocalPort() + " (no answer within 500ms)";
    assertThat(first).containsSubsequence("paths of SecretStore \"payments/a\" not checked: Vault could not be asked", reason,
        "paths of SecretStore \"payments/b\" not checked: Vault could not be asked",
        "paths of SecretStore \"payments/c\" not checked: Vault could not be asked").containsOnlyOnce(reason);
    assertThat(meanwhile).isEqualTo(first);
    // counted, not timed: a busy machine can take 400 ms to answer without asking, as long as an ask that gives up
    assertThat(asksMeanwhile).as("no ask while the failure is held").isZero();
    await().atMost(Duration.ofSeconds(5)).until(() -> held.size() == 2); // asked again once the hold is over
  }

  @Test
  void an_external_secret_over_three_hanging_stores_is_answered_in_time_with_every_store_named_as_not_checked() throws IOException {
    ValidatingAdmission admission = admission(Duration.ofSeconds(2), Clock.systemUTC());

    long start = System.nanoTime();
    AdmissionAnswer answer = admission.answer(Files.readAllBytes(DIR.resolve("three-stores.json")), API_SERVER_TIMEOUT);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    // one 2 s ask fits; the others would have run past the deadline (before: three asks, over 6 s)
    assertThat(took).isLessThan(API_SERVER_TIMEOUT.minusSeconds(1));
    List<String> warnings = warnings(answer);
    assertThat(warnings).contains(
        "paths of SecretStore \"payments/a\" not checked: Vault could not be asked",
        "paths of SecretStore \"payments/b\" not checked: Vault could not be asked",
        "paths of SecretStore \"payments/c\" not checked: Vault could not be asked",
        "Vault not asked: too little of the request's 5s timeout was left (an ask may take 2s)");
    assertThat(warnings).anySatisfy(w -> assertThat(w).contains("no answer within 2s"));
    assertThat(String.join("\n", warnings)).doesNotContain("token-of-");
  }

  @Test
  void with_a_two_second_webhook_timeout_even_the_first_store_is_waited_for_only_as_long_as_the_request_allows() throws IOException {
    ValidatingAdmission admission = admission(Duration.ofSeconds(2), Clock.systemUTC());
    Duration shortTimeout = Duration.ofSeconds(2); // timeoutSeconds: 2, shorter than a 2 s ask and the rest of the answer

    long start = System.nanoTime();
    AdmissionAnswer answer = admission.answer(Files.readAllBytes(DIR.resolve("three-stores.json")), shortTimeout);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    // before: the first ask ran its whole 2 s, so kube-apiserver had given up and failurePolicy decided
    assertThat(took).isLessThan(shortTimeout);
    List<String> warnings = warnings(answer);
    assertThat(warnings).contains(
        "paths of SecretStore \"payments/a\" not checked: Vault could not be asked",
        "Vault not asked: too little of the request's 2s timeout was left (an ask may take 2s)");
    // what was left: 1.5 s less the time the request took before asking (the token read...)
    assertThat(warnings).anySatisfy(w -> assertThat(w).matches("Vault gave no answer in time: the request's 2s timeout left \\d\\.\\ds for asking it"));
  }
}
