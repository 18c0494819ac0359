package io.secretgate.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.secretgate.api.ExternalSecret;
import io.secretgate.api.ManagedSecretKeys;
import io.secretgate.api.VaultProvider;
import io.secretgate.secrets.BuildOutcome.Delete;
import io.secretgate.secrets.BuildOutcome.Failed;
import io.secretgate.secrets.BuildOutcome.Retain;
import io.secretgate.secrets.BuildOutcome.Write;
import io.secretgate.vault.KvSecretSource;
import io.secretgate.vault.StaticKvApi;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * End-to-end cases of the builder over {@link KvSecretSource} and {@link StaticKvApi}, one folder
 * per case under {@code scenarios/}: {@code es.yaml} (the ExternalSecret), {@code vault.json}
 * (Vault API paths → answers), optional {@code store.yaml} (the {@code provider.vault} block;
 * default {@code path: secret}, KV v2) and {@code expected.yaml}:
 *
 * <pre>
 * outcome: Write | Retain | Delete | Failed
 * data: {key: utf-8 value}          # exact (Write)
 * type / labels / annotations / immutable / ownerReference / finalizers   # exact when given
 * events: ["Normal Reason: message"]                                    # exact, always checked
 * reason / message / eventText / kind                                   # exact (Failed)
 * </pre>
 */
class DesiredSecretScenariosTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  static Stream<String> scenarios() throws IOException, URISyntaxException {
    Path dir = Path.of(DesiredSecretScenariosTest.class.getResource("/io/secretgate/secrets/scenarios").toURI());
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void the_builder_produces_what_eso_would(String scenario) {
    String base = "scenarios/" + scenario + "/";
    ExternalSecret es = Fixtures.externalSecret(base + "es.yaml");
    VaultProvider store = Fixtures.exists(base + "store.yaml")
        ? JSON.treeToValue(Fixtures.yaml(base + "store.yaml"), VaultProvider.class)
        : defaultStore();
    SecretSource source = new KvSecretSource(StaticKvApi.of(Fixtures.json(base + "vault.json")), store);
    JsonNode expected = Fixtures.yaml(base + "expected.yaml");

    BuildOutcome outcome = new DesiredSecretBuilder(Fixtures.simpleTemplates())
        .build(es, SecretSources.single(es.getSpec().secretStoreRef, source));

    assertThat(outcome.getClass().getSimpleName()).as("outcome").isEqualTo(expected.get("outcome").asString());
    assertThat(events(outcome.events())).as("events").isEqualTo(strings(expected.get("events")));
    if (outcome instanceof Write w) checkWrite(w.secret(), expected);
    if (outcome instanceof Failed f) checkFailed(f, expected);
    if (outcome instanceof Retain r) assertThat(r.secretName()).isEqualTo(DesiredSecretBuilder.secretName(es));
    if (outcome instanceof Delete d) assertThat(d.secretName()).isEqualTo(DesiredSecretBuilder.secretName(es));
  }

  private static void checkWrite(DesiredSecret secret, JsonNode expected) {
    if (expected.has("data")) assertThat(Fixtures.strings(secret.data())).as("data").isEqualTo(map(expected.get("data")));
    assertThat(secret.annotations()).as("data-hash annotation")
        .containsEntry(ManagedSecretKeys.ANNOTATION_DATA_HASH, DataHash.ofData(secret.data()));
    assertThat(secret.labels()).as("managed label").containsEntry(ManagedSecretKeys.LABEL_MANAGED, "true");
    if (expected.has("name")) assertThat(secret.name()).as("name").isEqualTo(expected.get("name").asString());
    if (expected.has("namespace")) assertThat(secret.namespace()).as("namespace").isEqualTo(expected.get("namespace").asString());
    if (expected.has("type")) assertThat(secret.type()).as("type").isEqualTo(expected.get("type").asString());
    if (expected.has("labels")) assertThat(new TreeMap<>(secret.labels())).as("labels").isEqualTo(map(expected.get("labels")));
    if (expected.has("annotations")) {
      assertThat(new TreeMap<>(secret.annotations())).as("annotations").isEqualTo(map(expected.get("annotations")));
    }
    if (expected.has("immutable")) assertThat(secret.immutable()).as("immutable").isEqualTo(expected.get("immutable").asBoolean());
    if (expected.has("finalizers")) assertThat(secret.finalizers()).as("finalizers").isEqualTo(strings(expected.get("finalizers")));
    if (expected.has("creationPolicy")) {
      assertThat(secret.creationPolicy().name()).as("creationPolicy").isEqualTo(expected.get("creationPolicy").asString());
    }
    if (expected.has("ownerReference")) {
      JsonNode owner = expected.get("ownerReference");
      if (owner.isNull()) {
        assertThat(secret.ownerReference()).as("ownerReference").isEmpty();
      } else {
        assertThat(secret.ownerReference()).as("ownerReference").contains(new OwnerReference(
            owner.get("apiVersion").asString(), owner.get("kind").asString(), owner.get("name").asString(),
            owner.has("uid") ? owner.get("uid").asString() : null, owner.get("controller").asBoolean(),
            owner.get("blockOwnerDeletion").asBoolean()));
      }
    }
  }

  private static void checkFailed(Failed f, JsonNode expected) {
    assertThat(f.reason()).as("reason").isEqualTo(expected.get("reason").asString());
    assertThat(f.message()).as("message").isEqualTo(expected.get("message").asString());
    assertThat(f.eventText()).as("eventText").isEqualTo(expected.get("eventText").asString());
    assertThat(f.kind().name()).as("kind").isEqualTo(expected.get("kind").asString());
    if (expected.has("sourceReason")) {
      assertThat(f.sourceReason().map(Enum::name)).as("sourceReason").contains(expected.get("sourceReason").asString());
    }
  }

  private static VaultProvider defaultStore() {
    VaultProvider p = new VaultProvider();
    p.server = "https://vault.example:8200";
    p.path = "secret";
    return p;
  }

  private static List<String> events(List<SyncEvent> events) {
    return events.stream().map(e -> e.type() + " " + e.reason() + ": " + e.message()).toList();
  }

  private static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node != null) node.forEach(n -> out.add(n.asString()));
    return out;
  }

  private static Map<String, String> map(JsonNode node) {
    Map<String, String> out = new TreeMap<>();
    if (node != null) node.properties().forEach(e -> out.put(e.getKey(), e.getValue().asString()));
    return out;
  }
}
