package io.secretgate.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ServiceNamesTest {

  @Test
  void a_service_is_named_short_with_its_namespace_with_svc_and_fully_qualified() {
    assertThat(ServiceNames.of("webhook", "tools")).containsExactly(
        "webhook", "webhook.tools", "webhook.tools.svc", "webhook.tools.svc.cluster.local");
  }

  @Test
  void another_cluster_domain_gives_another_fully_qualified_name() {
    assertThat(ServiceNames.of("webhook", "tools", "corp.example")).last().isEqualTo("webhook.tools.svc.corp.example");
  }

  @Test
  void the_server_name_is_the_one_kube_apiserver_dials() {
    assertThat(ServiceNames.serverName("secretgate", "secretgate")).isEqualTo("secretgate.secretgate.svc");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Webhook", "1webhook", "web.hook", "web_hook", "-webhook", "webhook-"})
  void a_service_name_kubernetes_would_refuse_is_refused(String service) {
    assertThatThrownBy(() -> ServiceNames.of(service, "tools"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("service name '" + service + "'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Tools", "to.ols", "to_ols"})
  void a_namespace_kubernetes_would_refuse_is_refused(String namespace) {
    assertThatThrownBy(() -> ServiceNames.of("webhook", namespace))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("namespace '" + namespace + "'");
  }

  @Test
  void a_namespace_may_start_with_a_digit_and_names_may_be_63_characters_long() {
    String longest = "a".repeat(63);
    assertThat(ServiceNames.of(longest, "1" + "b".repeat(62))).hasSize(4);
    assertThatThrownBy(() -> ServiceNames.of(longest + "a", "tools")).isInstanceOf(IllegalArgumentException.class);
  }
}
