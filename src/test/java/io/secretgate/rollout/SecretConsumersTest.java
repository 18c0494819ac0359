package io.secretgate.rollout;

import static io.secretgate.rollout.RolloutFixtures.template;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SecretConsumersTest {

  @ParameterizedTest(name = "{0} consumes {1}")
  @CsvSource(delimiter = '|', value = {
    "env-from.yaml          | db",
    "secret-key-ref.yaml    | db",
    "volumes.yaml           | db tls",
    "inject-annotation.yaml | api-keys db",
    "inject-annotation-no-break-spaces.yaml | api-keys db",
    "nothing.yaml           | ''",
  })
  void every_route_of_consuming_a_secret_is_found_and_nothing_else(String file, String expected) {
    String names = String.join(" ", SecretConsumers.secretNames(template(file)));
    assertThat(names).isEqualTo(expected);
  }

  @Test
  void a_template_without_spec_or_metadata_consumes_nothing() {
    assertThat(SecretConsumers.secretNames(new PodTemplateSpec())).isEmpty();
    assertThat(SecretConsumers.secretNames(null)).isEmpty();
  }
}
