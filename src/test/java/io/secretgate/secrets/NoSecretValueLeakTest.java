package io.secretgate.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.secretgate.api.ExternalSecret;
import io.secretgate.secrets.BuildOutcome.Failed;
import io.secretgate.secrets.BuildOutcome.Write;
import io.secretgate.secrets.DesiredSecretBuilderTest.FakeSource;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Rule of the house: secret values never appear in failure texts, events or {@code toString()}. */
class NoSecretValueLeakTest {
  private static final String VALUE = "TOPSECRET-4711";

  static Stream<String> failingSpecs() {
    return Stream.of(
        "data:\n- {secretKey: a, remoteRef: {key: db, property: nope}}",
        "data:\n- {secretKey: a, remoteRef: {key: db, property: pw, decodingStrategy: Base64}}",
        "data:\n- {secretKey: a, remoteRef: {key: db, property: pw, nullBytePolicy: Fail, decodingStrategy: Base64}}",
        "dataFrom:\n- extract: {key: db, property: pw}",
        "dataFrom:\n- extract: {key: db, property: json}",
        "dataFrom:\n- extract: {key: db, decodingStrategy: Base64}",
        "dataFrom:\n- extract: {key: db}\n  rewrite:\n  - regexp: {source: '(', target: x}",
        "data:\n- {secretKey: a, remoteRef: {key: db, property: 'pw|x'}}",
        "target:\n  template:\n    data: {x: '{{ .missing }}'}\ndata:\n- {secretKey: a, remoteRef: {key: db, property: pw}}",
        "target:\n  template:\n    data: {x: '{{ .pw | b64dec }}'}\ndata:\n- {secretKey: pw, remoteRef: {key: db, property: pw}}");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failingSpecs")
  void a_failure_never_carries_a_secret_value(String spec) {
    ExternalSecret es = DesiredSecretBuilderTest.es(spec);
    FakeSource source = new FakeSource().with("db", Map.of(
        "pw", VALUE, "json", "{\"k\": \"" + VALUE + "\"", "nul", "QQBC"));
    BuildOutcome outcome = new DesiredSecretBuilder(Fixtures.simpleTemplates())
        .build(es, SecretSources.single(es.getSpec().secretStoreRef, source));
    assertThat(outcome).isInstanceOf(Failed.class);
    Failed f = (Failed) outcome;
    assertThat(f.eventText() + f.message() + f.events() + f).doesNotContain(VALUE).doesNotContain("4711");
  }

  @Test
  void a_desired_secret_prints_keys_but_not_values() {
    ExternalSecret es = DesiredSecretBuilderTest.es("target:\n  template:\n    metadata:\n      labels: {l: '{{ .pw }}'}\n"
        + "data:\n- {secretKey: pw, remoteRef: {key: db, property: pw}}");
    Write w = (Write) new DesiredSecretBuilder(Fixtures.simpleTemplates())
        .build(es, SecretSources.single(es.getSpec().secretStoreRef, new FakeSource().with("db", Map.of("pw", VALUE))));
    assertThat(w.secret().data()).containsKey("pw");
    assertThat(w.secret().toString() + w).contains("pw").doesNotContain(VALUE);
  }
}
