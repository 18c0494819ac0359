package io.secretgate.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.secretgate.config.ServeConfig;
import io.secretgate.config.ServeSetting;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every SECRETGATE_* variable the chart sets is a setting of {@code serve}, with a value serve accepts. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ChartSettingsTest {

  @ParameterizedTest(name = "mode {0}")
  @ValueSource(strings = {"default", "beside-eso", "ha", "controller-only", "secret-namespaces"})
  void every_secretgate_variable_the_chart_sets_is_a_serve_setting(String mode) {
    Map<String, String> env = Env.of(ChartFiles.render(mode));

    assertThat(env.keySet().stream().filter(k -> k.startsWith(ServeSetting.ENV_PREFIX)))
        .isNotEmpty()
        .allSatisfy(name -> assertThat(ServeSetting.byEnv(name))
            .as(name + " (mode " + mode + ") is not a setting of serve (io.secretgate.config.ServeSetting)").isPresent());
  }

  /** serve parses the rendered environment of every mode without a problem or an unknown-variable warning. */
  @ParameterizedTest(name = "mode {0}")
  @ValueSource(strings = {"default", "beside-eso", "ha", "controller-only", "secret-namespaces"})
  void serve_accepts_the_rendered_settings(String mode) {
    Map<String, String> env = new LinkedHashMap<>(Env.of(ChartFiles.render(mode)));
    env.replace("POD_NAME", "secretgate-7d9f-abcde");
    env.replace("POD_NAMESPACE", ChartFiles.NAMESPACE);

    ServeConfig config = ServeConfig.from(env, Map.of());

    assertThat(config.warnings()).isEmpty();
    assertThat(config.controller().enabled()).isEqualTo(Boolean.parseBoolean(env.get("SECRETGATE_CONTROLLER")));
  }

  /**
   * Kubernetes' service links give a Pod {@code <SERVICE>_PORT=tcp://...} and more for every Service of its
   * namespace: a Service named {@code secretgate-metrics} or {@code secretgate-webhook} would set a serve setting
   * and stop serve, and the chart's own Service {@code secretgate} a dozen unknown-variable warnings.
   */
  @ParameterizedTest(name = "mode {0}")
  @ValueSource(strings = {"default", "beside-eso", "ha", "controller-only", "secret-namespaces"})
  void the_pods_get_no_service_link_variables_which_serve_would_read_as_settings(String mode) {
    assertThat(ChartFiles.render(mode).deployment().getSpec().getTemplate().getSpec().getEnableServiceLinks()).isFalse();
    assertThatThrownBy(() -> ServeConfig.from(Map.of("SECRETGATE_METRICS_PORT", "tcp://10.96.0.10:8080"), Map.of()))
        .hasMessageContaining("SECRETGATE_METRICS_PORT=\"tcp://10.96.0.10:8080\": must be a whole number");
  }
}
