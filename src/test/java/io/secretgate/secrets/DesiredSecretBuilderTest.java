package io.secretgate.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.secretgate.api.ExternalSecret;
import io.secretgate.api.Find;
import io.secretgate.api.RemoteRef;
import io.secretgate.secrets.BuildOutcome.Failed;
import io.secretgate.secrets.BuildOutcome.FailureKind;
import io.secretgate.secrets.BuildOutcome.Write;
import io.secretgate.secrets.SecretSourceException.Reason;
import io.secretgate.secrets.json.JsonValue.JsonObject;
import io.secretgate.secrets.json.JsonValue.JsonString;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Builder behaviour that needs a hand-made {@link SecretSource} rather than Vault fixtures. */
class DesiredSecretBuilderTest {
  private final DesiredSecretBuilder builder = new DesiredSecretBuilder(Fixtures.simpleTemplates());

  @Test
  void an_unavailable_source_fails_with_esos_fixed_message_and_keeps_the_reason_for_retry_decisions() {
    ExternalSecret es = es("""
        data:
        - {secretKey: a, remoteRef: {key: db, property: a}}
        """);
    SecretSource down = new FakeSource() {
      @Override
      public JsonObject getSecret(RemoteRef ref) throws SecretSourceException {
        throw new SecretSourceException(Reason.UNAVAILABLE, "cannot read secret data from Vault: Code: 503. Errors: * Vault is sealed");
      }
    };
    Failed f = (Failed) builder.build(es, SecretSources.single(es.getSpec().secretStoreRef, down));
    assertThat(f.reason()).isEqualTo("SecretSyncedError");
    assertThat(f.message()).isEqualTo("could not get secret data from provider");
    assertThat(f.eventText()).isEqualTo(
        "error processing spec.data[0] (key: db), err: cannot read secret data from Vault: Code: 503. Errors: * Vault is sealed");
    assertThat(f.kind()).isEqualTo(FailureKind.SOURCE);
    assertThat(f.sourceReason()).contains(Reason.UNAVAILABLE);
    assertThat(f.warningEvent()).isEqualTo(SyncEvent.warning("UpdateFailed", f.eventText()));
  }

  @Test
  void an_entry_with_its_own_store_reads_from_that_store() {
    ExternalSecret es = es("""
        data:
        - {secretKey: a, remoteRef: {key: db, property: a}}
        - secretKey: b
          remoteRef: {key: db, property: a}
          sourceRef: {storeRef: {name: other, kind: ClusterSecretStore}}
        """);
    FakeSource own = new FakeSource().with("db", Map.of("a", "own"));
    FakeSource other = new FakeSource().with("db", Map.of("a", "other"));
    SecretSources sources = ref -> "other".equals(ref.name) ? other : own;
    Write w = (Write) builder.build(es, sources);
    assertThat(Fixtures.strings(w.secret().data())).containsExactlyInAnyOrderEntriesOf(Map.of("a", "own", "b", "other"));
  }

  @Test
  void a_store_the_sources_do_not_know_fails_the_entry() {
    ExternalSecret es = es("""
        data:
        - secretKey: b
          remoteRef: {key: db}
          sourceRef: {storeRef: {name: other}}
        """);
    Failed f = (Failed) builder.build(es, SecretSources.single(es.getSpec().secretStoreRef, new FakeSource()));
    assertThat(f.eventText()).isEqualTo("error processing spec.data[0] (key: db), err: could not get store: SecretStore \"other\" is not available");
  }

  @Test
  void a_generic_target_manifest_is_refused_as_unsupported() {
    ExternalSecret es = es("""
        target:
          manifest: {apiVersion: v1, kind: ConfigMap}
        data:
        - {secretKey: a, remoteRef: {key: db}}
        """);
    Failed f = (Failed) builder.build(es, SecretSources.single(es.getSpec().secretStoreRef, new FakeSource()));
    assertThat(f.kind()).isEqualTo(FailureKind.UNSUPPORTED);
    assertThat(f.eventText()).isEqualTo("secretgate does not support spec.target.manifest (generic targets)");
  }

  @Test
  void a_template_construct_the_engine_does_not_implement_is_unsupported_not_a_data_error() {
    ExternalSecret es = es("""
        target:
          template:
            data: {x: "{{ .a | upper }}"}
        data:
        - {secretKey: a, remoteRef: {key: db, property: a}}
        """);
    Failed f = (Failed) builder.build(es, SecretSources.single(es.getSpec().secretStoreRef, new FakeSource().with("db", Map.of("a", "v"))));
    assertThat(f.kind()).isEqualTo(FailureKind.UNSUPPORTED);
    assertThat(f.message()).isEqualTo("could not update secret");
  }

  @Test
  void the_literal_only_engine_renders_plain_text_and_refuses_actions() throws Exception {
    TemplateEngine literal = TemplateEngine.literalOnly();
    assertThat(literal.render("plain text", Map.of())).isEqualTo("plain text");
    TemplateRenderException e = org.assertj.core.api.Assertions.catchThrowableOfType(TemplateRenderException.class,
        () -> literal.render("{{ .a }}", Map.of()));
    assertThat(e.unsupported()).isTrue();
  }

  @Test
  void an_external_secret_without_namespace_lands_in_default_and_target_name_defaults_to_its_name() {
    ExternalSecret es = Fixtures.externalSecretFromYaml("""
        apiVersion: external-secrets.io/v1
        kind: ExternalSecret
        metadata: {name: app}
        spec:
          secretStoreRef: {name: vault}
          data:
          - {secretKey: a, remoteRef: {key: db, property: a}}
        """);
    Write w = (Write) builder.build(es, SecretSources.single(es.getSpec().secretStoreRef, new FakeSource().with("db", Map.of("a", "v"))));
    assertThat(w.secret().namespace()).isEqualTo("default");
    assertThat(w.secret().name()).isEqualTo("app");
    assertThat(w.secret().labels()).containsEntry("reconcile.external-secrets.io/created-by", DataHash.createdBy("default", "app"));
    assertThat(w.secret().ownerReference().orElseThrow().uid()).isNull();
  }

  static ExternalSecret es(String spec) {
    return Fixtures.externalSecretFromYaml("""
        apiVersion: external-secrets.io/v1
        kind: ExternalSecret
        metadata: {name: app, namespace: team}
        spec:
          secretStoreRef: {name: vault}
        """ + spec.indent(2));
  }

  /** A {@link SecretSource} over fixed string maps; unknown keys are not found. */
  static class FakeSource implements SecretSource {
    private final Map<String, JsonObject> secrets = new java.util.HashMap<>();
    final List<String> reads = new ArrayList<>();

    FakeSource with(String key, Map<String, String> data) {
      Map<String, io.secretgate.secrets.json.JsonValue> m = new java.util.LinkedHashMap<>();
      data.forEach((k, v) -> m.put(k, new JsonString(v)));
      secrets.put(key, new JsonObject(m));
      return this;
    }

    @Override
    public JsonObject getSecret(RemoteRef ref) throws SecretSourceException {
      reads.add(ref.key);
      JsonObject s = secrets.get(ref.key);
      if (s == null) throw new NoSecretException();
      return s;
    }

    @Override
    public Map<String, JsonObject> findSecrets(Find find) {
      return Map.copyOf(secrets);
    }
  }
}
